"""Running templates: the candidates of a call (the domain's deployed templates) and the builder's
test runs with a preview per page; the reading itself is the Template flow (``invocation.flow``).
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.clova.request import ImageInput, InvokeRequest
from hanji.config import Settings
from hanji.core.errors import DeployInfoNotFound
from hanji.core.wire import WireObject
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.template import TemplateRequest
from hanji.services.execution.executor import Executor
from hanji.services.invocation.flow import CallPlan, answer, file_limits
from hanji.services.management.templates import get_template, task_template
from hanji.storage.blobs import BlobStore
from hanji.storage.models import Template
from hanji.templates.candidates import TemplateSpec


@dataclass(frozen=True)
class TemplateRun:
    body: WireObject
    """The rendered CLOVA answer."""
    pages: int
    previews: list[str]
    """Blob keys of the preview PNGs, one per page (test runs only)."""
    template_id: int | None = None
    """The template the first matched page matched (what the call statistics count it under)."""
    table_pages: int = 0
    """Pages on which a table area held a table."""


def blob_store(settings: Settings) -> BlobStore:
    return BlobStore(settings.data_dir / "blobs")


def has_service_templates(db: Session, *, domain_id: int) -> bool:
    """Whether the domain has a template deployed to service (what its invoke URL matches against)."""
    found = db.scalar(
        select(Template.id).where(Template.domain_id == domain_id, Template.stage == "service").limit(1)
    )
    return found is not None


def service_templates(
    db: Session, *, domain_id: int, wanted: list[int] | None, blobs: BlobStore
) -> list[TemplateSpec]:
    """The ``.../infer`` call's candidates: the domain's ``service`` templates (or the ``templateIds``
    of them), read while the session is open.

    Raises:
        DeployInfoNotFound: the domain has no template deployed to service (CLOVA ``1021``).
    """
    return stage_templates(db, domain_id=domain_id, stage="service", wanted=wanted, blobs=blobs)


def stage_templates(
    db: Session, *, domain_id: int, stage: str, wanted: list[int] | None, blobs: BlobStore
) -> list[TemplateSpec]:
    """The templates deployed to ``stage`` (``beta`` or ``service``), as a call to that stage
    matches among them: the invoke URL uses ``service``, the builder's stage test either.

    Raises:
        DeployInfoNotFound: nothing is deployed to ``stage`` (CLOVA ``1021``).
    """
    deployed = list(
        db.scalars(
            select(Template)
            .where(Template.domain_id == domain_id, Template.stage == stage)
            .order_by(Template.id)
        )
    )
    if not deployed:
        raise DeployInfoNotFound()
    return [task_template(t, blobs) for t in deployed if wanted is None or t.id in wanted]


def test_candidate(
    db: Session, *, domain_id: int, template_id: int, blobs: BlobStore
) -> tuple[TemplateSpec, list[str]]:
    """The builder's test run's one template (whatever its stage) and its domain's languages."""
    template = get_template(db, domain_id=domain_id, template_id=template_id)
    return task_template(template, blobs), list(template.domain.languages)


def run_template_test(
    candidates: list[TemplateSpec],
    *,
    languages: list[str],
    data: bytes,
    declared_format: str | None,
    settings: Settings,
    executor: Executor,
) -> TemplateRun:
    """The builder's test run: one template (or a stage's deployed ones, matched as a call to that
    stage would be), with a preview per page."""
    request = InvokeRequest(
        version="V2",
        request_id=uuid.uuid4().hex,
        timestamp=int(time.time() * 1000),
        languages=None,
        image=ImageInput(format=declared_format or "", name="test", data=None, url=None),
    )
    plan = CallPlan("template", tuple(languages), templates=tuple(candidates))
    file = FileInput(data, declared_format, file_limits(settings, max_pages=settings.max_pages))
    flow = TemplateRequest(file, plan.templates, plan.languages, preview=True)
    reading = executor.run(flow, settings.ocr_timeout_s)
    blobs = blob_store(settings)
    previews = [blobs.put(p.preview_png) for p in reading.pages if p.preview_png is not None]
    outcome = answer(request, reading, plan=plan, settings=settings)
    return TemplateRun(outcome.body, outcome.pages, previews, outcome.template_id, outcome.table_pages)
