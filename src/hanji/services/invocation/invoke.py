"""An invoke call end to end: check the request against its domain, run OCR, render CLOVA's JSON."""

from __future__ import annotations

import logging
import time
from dataclasses import asdict
from typing import Any

from sqlalchemy.orm import Session, sessionmaker

from hanji.clova.document import render_document_response
from hanji.clova.key_values import render_key_values
from hanji.clova.render import render_general_response
from hanji.clova.request import InvokeRequest
from hanji.config import Settings
from hanji.core.errors import (
    ClovaError,
    HanjiError,
    TableDetectionDisabled,
    UnknownServiceError,
)
from hanji.core.result import Document, Page
from hanji.documents.key_values import pair_key_values
from hanji.intake.limits import IntakeLimits
from hanji.services.execution.executor import Executor
from hanji.services.invocation import template_runs
from hanji.services.invocation.inputs import languages_for, read_file_bytes
from hanji.services.invocation.outcome import InvokeOutcome
from hanji.services.invocation.recording import record_outcome
from hanji.services.invocation.template_runs import TaskTemplate
from hanji.services.limits.quota import check_quota
from hanji.services.management.gateway import ResolvedInvoke

log = logging.getLogger("hanji.invocations")


def _limits(settings: Settings, *, max_pages: int) -> dict[str, int]:
    return asdict(IntakeLimits(max_bytes=settings.max_file_bytes, max_pages=max_pages))


def _general(
    resolved: ResolvedInvoke,
    request: InvokeRequest,
    settings: Settings,
    executor: Executor,
    languages: list[str],
) -> InvokeOutcome:
    domain = resolved.domain
    if request.enable_table_detection and not domain.table_extraction:
        raise TableDetectionDisabled()
    exported = executor.run(
        "general",
        timeout_s=settings.ocr_timeout_s,
        data=read_file_bytes(request, settings, allow_url=True),
        declared_format=request.image.format,
        languages=languages,
        limits=_limits(settings, max_pages=settings.max_pages),
        tables=request.enable_table_detection,
    )
    document = Document.from_dict(exported)
    body = general_body(request, document, timestamp_ms=int(time.time() * 1000))
    table_pages = sum(1 for p in document.pages if p.tables)
    return InvokeOutcome(body, len(document.pages), table_pages)


def general_body(request: InvokeRequest, document: Document, *, timestamp_ms: int) -> dict[str, Any]:
    """The CLOVA answer to a General call, sync or job alike: text, tables when asked, and (Hanji's
    extension, docs/key-values.md) each page's labels paired with their values when asked."""
    body = render_general_response(
        request, document, timestamp_ms=timestamp_ms, include_tables=request.enable_table_detection
    )
    if request.enable_key_value:
        for entry, page in zip(body["images"], document.pages, strict=True):
            entry["keyValues"] = render_key_values(pair_key_values(page), request.version)
    return body


def _document(
    resolved: ResolvedInvoke,
    request: InvokeRequest,
    settings: Settings,
    executor: Executor,
    languages: list[str],
) -> InvokeOutcome:
    reading = executor.run(
        "document",
        timeout_s=settings.ocr_timeout_s,
        data=read_file_bytes(request, settings, allow_url=False),
        declared_format=request.image.format,
        model=resolved.model,
        languages=languages,
        limits=_limits(settings, max_pages=1),
    )
    page = Page.from_dict(reading["page"])
    body = render_document_response(
        request,
        model=resolved.model,
        page=page,
        result=reading["result"],
        language=reading["language"],
        timestamp_ms=int(time.time() * 1000),
    )
    return InvokeOutcome(body, 1, 0)


def _template(
    templates: list[TaskTemplate],
    resolved: ResolvedInvoke,
    request: InvokeRequest,
    settings: Settings,
    executor: Executor,
    languages: list[str],
) -> InvokeOutcome:
    run = template_runs.run_templates(
        templates,
        request=request,
        data=read_file_bytes(request, settings, allow_url=True),
        settings=settings,
        executor=executor,
        languages=languages,
    )
    return InvokeOutcome(run.body, run.pages, run.table_pages, run.template_id)


def handle_invoke(
    *,
    session_factory: sessionmaker[Session],
    settings: Settings,
    executor: Executor,
    resolved: ResolvedInvoke,
    request: InvokeRequest,
    request_bytes: int,
    started: float,
) -> dict[str, Any]:
    """Run one authorised invoke call (its rate already taken by the route, before the body was read)
    and record it in the statistics, whatever its outcome."""
    domain = resolved.domain
    outcome: InvokeOutcome | None = None
    error: HanjiError | None = None
    try:
        # The session closes before OCR starts: a pool of N connections serves any number of
        # calls in flight, each holding one only for these few queries.
        with session_factory() as db:
            check_quota(db, domain=domain, monthly_quota=settings.monthly_quota(domain.service_plan))
            languages = languages_for(domain, request)
            templates = (
                template_runs.service_templates(
                    db,
                    domain_id=domain.id,
                    wanted=request.image.template_ids,
                    blobs=template_runs.blob_store(settings),
                )
                if domain.service_type == "template"
                else []
            )
        if domain.service_type == "general":
            outcome = _general(resolved, request, settings, executor, languages)
        elif domain.service_type == "document":
            outcome = _document(resolved, request, settings, executor, languages)
        else:
            outcome = _template(templates, resolved, request, settings, executor, languages)
        return outcome.body
    except ClovaError as exc:
        error = exc
        raise
    except HanjiError as exc:
        error = UnknownServiceError()
        raise error from exc
    finally:
        record_outcome(session_factory, resolved, outcome, error, request_bytes, started)
