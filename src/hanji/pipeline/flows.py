"""The flows by service type, a worker's ping and warm-up: what the executors are built around."""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Final

from hanji.core.result import Document
from hanji.core.template_reading import TemplateReading
from hanji.pipeline.document import DocumentReading, DocumentRequest
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.samples import SampleRequest, TitleRequest
from hanji.pipeline.task import Task, task
from hanji.pipeline.template import TemplateRequest

FlowRequest = GeneralRequest | DocumentRequest | TemplateRequest
FlowResult = Document | DocumentReading | TemplateReading

FLOWS: Final[dict[str, type[FlowRequest]]] = {
    "general": GeneralRequest,
    "document": DocumentRequest,
    "template": TemplateRequest,
}
"""Each service type's flow (its request class; ``request.run()`` is the flow)."""

BUILDER_TASKS: Final = (SampleRequest, TitleRequest)
"""The template builder's tasks (registered on import, like the flows)."""


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    pid: int


@task("ping", WorkerInfo)
@dataclass(frozen=True, slots=True)
class Ping(Task[WorkerInfo]):
    """Answers with the process id: proves a worker is up (and, once warm, its models loaded)."""

    def run(self) -> WorkerInfo:
        return WorkerInfo(os.getpid())


def warm_request() -> GeneralRequest:
    """A General call on a blank A4-sized JPEG (150 dpi). Run once in a worker as it warms up, it
    takes the flow's first-pass costs before any client call does: the detector's buffers grow to a
    page's size here, not on the first client page (``benchmarks/startup.py``)."""
    import io

    from PIL import Image

    from hanji.intake.limits import IntakeLimits
    from hanji.pipeline.inputs import FileInput

    blank = io.BytesIO()
    Image.new("RGB", (1240, 1754), "white").save(blank, "JPEG")
    return GeneralRequest(FileInput(blank.getvalue(), "jpg", IntakeLimits()), ("en",))


def warm_up() -> None:
    """Build every engine session in this process and run a tiny image through each model, then
    the :func:`warm_request` through the General flow, so no request pays for a cold model load."""
    from hanji.engines import warm_up as warm_engines

    warm_engines()
    warm_request().run()
