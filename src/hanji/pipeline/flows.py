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
    """A General call on :mod:`hanji.pipeline.warm_page`'s printed A4 page. Run in a worker as it
    warms up, it takes the flow's first-pass costs before any client call does: the detector's and
    the recognisers' buffers grow to a page's size here, not on the first client page
    (``benchmarks/startup.py``). English only: reading it through the Hangul route as well held
    ~150 MB more per worker and made the first call no cheaper."""
    from hanji.intake.limits import IntakeLimits
    from hanji.pipeline.inputs import FileInput
    from hanji.pipeline.warm_page import warm_page_jpeg

    return GeneralRequest(FileInput(warm_page_jpeg(), "jpg", IntakeLimits()), ("en",))


def warm_up() -> None:
    """Build every engine session in this process and run a tiny image through each model, then
    the :func:`warm_request` through the General flow, so no request pays for a cold model load
    or for the memory a first page grows."""
    from hanji.engines import warm_up as warm_engines

    warm_engines()
    warm_request().run()
