"""Running templates: the invoke URL's ``.../infer`` flow and the builder's test run with a preview.

Matching and reading run as the ``template`` task on the executor (inline, worker processes or
Celery); this module picks the candidate templates, renders CLOVA's JSON and asks validation servers.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.clova.request import ImageInput, InvokeRequest
from hanji.clova.template import render_template_response
from hanji.config import Settings
from hanji.core.errors import DeployInfoNotFound
from hanji.intake.limits import IntakeLimits
from hanji.services.execution.executor import Executor
from hanji.services.invocation.template_validation import validate_entry
from hanji.services.management.templates import get_template, task_template
from hanji.storage.blobs import BlobStore
from hanji.storage.models import Template


@dataclass(frozen=True)
class TemplateRun:
    body: dict[str, Any]
    pages: int
    previews: list[str]
    """Blob keys of the preview PNGs, one per page (test runs only)."""
    template_id: int | None = None
    """The template the first matched page matched (what the call statistics count it under)."""
    table_pages: int = 0
    """Pages on which a table area held a table."""


def _matched_template(pages: list[dict[str, Any]]) -> int | None:
    return next((int(p["template"]["id"]) for p in pages if p.get("template")), None)


def _table_pages(pages: list[dict[str, Any]]) -> int:
    return sum(1 for p in pages if any(area.get("table") for area in p.get("tables", [])))


TaskTemplate = dict[str, Any]
"""One candidate template as the ``template`` task takes it (``templates.task_template``): plain
data with its sample's bytes, so the run needs no database session."""


def blob_store(settings: Settings) -> BlobStore:
    return BlobStore(settings.data_dir / "blobs")


def _limits(settings: Settings) -> dict[str, int]:
    return asdict(IntakeLimits(max_bytes=settings.max_file_bytes, max_pages=settings.max_pages))


def run_templates(
    templates: list[TaskTemplate],
    *,
    request: InvokeRequest,
    data: bytes,
    settings: Settings,
    executor: Executor,
    languages: list[str],
    preview: bool = False,
) -> TemplateRun:
    """Match ``data`` against ``templates`` and read it; no database session is needed or held."""
    blobs = blob_store(settings)
    pages: list[dict[str, Any]] = executor.run(
        "template",
        timeout_s=settings.ocr_timeout_s,
        data=data,
        declared_format=request.image.format,
        templates=templates,
        languages=languages,
        limits=_limits(settings),
        preview=preview,
    )
    previews = [blobs.put(p.pop("preview_png")) for p in pages if "preview_png" in p]
    body = render_template_response(request, pages, timestamp_ms=int(time.time() * 1000))
    for page, entry in zip(pages, body["images"], strict=True):
        url = page.get("validation_url")
        if url and entry["inferResult"] == "SUCCESS":
            entry["validationResult"] = validate_entry(entry, url=url, allow=settings.fetch_allow)
    return TemplateRun(body, len(pages), previews, _matched_template(pages), _table_pages(pages))


def has_service_templates(db: Session, *, domain_id: int) -> bool:
    """Whether the domain has a template deployed to service (what its invoke URL matches against)."""
    found = db.scalar(
        select(Template.id).where(Template.domain_id == domain_id, Template.stage == "service").limit(1)
    )
    return found is not None


def service_templates(
    db: Session, *, domain_id: int, wanted: list[int] | None, blobs: BlobStore
) -> list[TaskTemplate]:
    """The ``.../infer`` call's candidates: the domain's ``service`` templates (or the ``templateIds``
    of them), read while the session is open.

    Raises:
        DeployInfoNotFound: the domain has no template deployed to service (CLOVA ``1021``).
    """
    return stage_templates(db, domain_id=domain_id, stage="service", wanted=wanted, blobs=blobs)


def stage_templates(
    db: Session, *, domain_id: int, stage: str, wanted: list[int] | None, blobs: BlobStore
) -> list[TaskTemplate]:
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
) -> tuple[TaskTemplate, list[str]]:
    """The builder's test run's one template (whatever its stage) and its domain's languages."""
    template = get_template(db, domain_id=domain_id, template_id=template_id)
    return task_template(template, blobs), list(template.domain.languages)


def run_template_test(
    candidates: list[TaskTemplate],
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
    return run_templates(
        candidates,
        request=request,
        data=data,
        settings=settings,
        executor=executor,
        languages=languages,
        preview=True,
    )
