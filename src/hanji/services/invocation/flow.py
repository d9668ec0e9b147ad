"""One call's flow, the same for a sync call, a job, a console try and a builder test: the typed
request for the domain's service type, run on the executor, and its result rendered once as
CLOVA's JSON.

Success, page and table counts and the matched template come from the typed result, never from
re-reading the rendered answer.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from hanji.clova.document import render_document_response
from hanji.clova.render import render_general_response
from hanji.clova.request import InvokeRequest
from hanji.clova.template import render_template_response
from hanji.config import Settings
from hanji.core.result import Document
from hanji.core.template_reading import TemplatePage, TemplateReading
from hanji.core.wire import WireObject
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.document import DocumentReading, DocumentRequest
from hanji.pipeline.flows import FlowRequest, FlowResult
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.template import TemplateRequest
from hanji.services.execution.executor import Executor
from hanji.services.invocation.outcome import InvokeOutcome
from hanji.services.invocation.template_validation import validate_entry
from hanji.templates.candidates import TemplateSpec


@dataclass(frozen=True, slots=True)
class CallPlan:
    """What a call asks of its domain, decided before any OCR."""

    service_type: str
    """``general``, ``document`` or ``template``."""
    languages: tuple[str, ...]
    model: str = ""
    """Document domains: the extractor's model (``receipt`` …)."""
    templates: tuple[TemplateSpec, ...] = ()
    """Template domains: the candidates to match against."""


def file_limits(settings: Settings, *, max_pages: int) -> IntakeLimits:
    return IntakeLimits(max_bytes=settings.max_file_bytes, max_pages=max_pages)


def flow_request(
    plan: CallPlan, request: InvokeRequest, data: bytes, limits: IntakeLimits, *, preview: bool = False
) -> FlowRequest:
    """The typed request of the plan's flow for ``data`` (a whole file, or a job's part of one)."""
    file = FileInput(data, request.image.format or None, limits)
    if plan.service_type == "general":
        return GeneralRequest(
            file,
            plan.languages,
            tables=request.enable_table_detection,
            key_values=request.enable_key_value,
        )
    if plan.service_type == "document":
        return DocumentRequest(file, plan.model, plan.languages)
    return TemplateRequest(file, plan.templates, plan.languages, preview=preview)


def run_flow(executor: Executor, flow: FlowRequest, *, timeout_s: float) -> FlowResult:
    """Run ``flow`` on the executor. One branch per request class: a union of requests would give
    the type checker no result type to infer."""
    if isinstance(flow, GeneralRequest):
        return executor.run(flow, timeout_s)
    if isinstance(flow, DocumentRequest):
        return executor.run(flow, timeout_s)
    return executor.run(flow, timeout_s)


def answer(
    request: InvokeRequest,
    result: FlowResult,
    *,
    plan: CallPlan,
    settings: Settings,
    timestamp_ms: int | None = None,
) -> InvokeOutcome:
    """The CLOVA answer to ``result`` and what the statistics count of it."""
    stamp = int(time.time() * 1000) if timestamp_ms is None else timestamp_ms
    if isinstance(result, Document):
        body = render_general_response(
            request,
            result,
            timestamp_ms=stamp,
            include_tables=request.enable_table_detection,
            include_key_values=request.enable_key_value,
        )
        success = all(p.error is None for p in result.pages)
        table_pages = sum(1 for p in result.pages if p.tables)
        return InvokeOutcome(body, len(result.pages), table_pages, success=success)
    if isinstance(result, DocumentReading):
        body = render_document_response(
            request,
            model=plan.model,
            page=result.page,
            result=result.fields,
            language=result.language,
            timestamp_ms=stamp,
        )
        return InvokeOutcome(body, 1, 0, success=result.succeeded)
    return _template_answer(request, result, settings=settings, timestamp_ms=stamp)


def _template_answer(
    request: InvokeRequest, reading: TemplateReading, *, settings: Settings, timestamp_ms: int
) -> InvokeOutcome:

    def ask_server(page: TemplatePage, entry: WireObject) -> WireObject | None:
        """The template's own validation server, for a matched page of a template that has one."""
        if not (page.validation_url and page.matched):
            return None
        return validate_entry(entry, url=page.validation_url, allow=settings.fetch_allow)

    body = render_template_response(request, reading.pages, timestamp_ms=timestamp_ms, validate=ask_server)
    return InvokeOutcome(
        body,
        len(reading.pages),
        reading.table_pages,
        reading.template_id,
        success=all(p.matched for p in reading.pages),
    )


def merge_documents(parts: Sequence[tuple[int, Document]]) -> Document:
    """A job's General parts in file order, each part's pages renumbered from its first page."""
    pages = [replace(p, index=p.index + first) for first, part in parts for p in part.pages]
    return Document(tuple(pages))
