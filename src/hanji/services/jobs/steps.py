"""Running a job: split it into page parts, read each part (in parallel, on any worker), reassemble.

Every step is idempotent, so a task delivered twice (a killed worker's task comes back) does no
harm: a part already done is skipped, progress is recomputed from the parts rather than counted
up, and only the run whose conditional update moves the job to a final state reports it finished
(and so sends its one webhook). Attempts are counted in the database before any work, so an input
that kills its worker every time fails after ``HANJI_TASK_ATTEMPTS`` tries instead of looping.
"""

from __future__ import annotations

import enum
import json
import logging
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from hanji.clova.request import InvokeRequest
from hanji.config import Settings
from hanji.core.errors import ClovaError, HanjiError, OcrServiceError, UnknownServiceError
from hanji.core.result import Document
from hanji.core.template_reading import TemplateReading
from hanji.core.wire import Wire
from hanji.intake.split import split_pages
from hanji.pipeline.document import DocumentReading
from hanji.pipeline.flows import FLOWS, FlowResult
from hanji.pipeline.task import decode_result, encode_result
from hanji.searchable import searchable_pdf_bytes
from hanji.services.execution.executor import Executor
from hanji.services.invocation.flow import (
    CallPlan,
    answer,
    file_limits,
    flow_request,
    merge_documents,
    run_flow,
)
from hanji.services.invocation.outcome import InvokeOutcome
from hanji.services.invocation.template_runs import service_templates
from hanji.services.jobs.queue import FINAL_STATUSES, request_from_json
from hanji.services.statistics import calls as stats
from hanji.storage.blobs import BlobStore
from hanji.storage.database import transaction
from hanji.storage.models import Domain, Job, JobPart

log = logging.getLogger("hanji.jobs")
# Engine failures and crashed/timed-out workers may pass; a bad file (0011 …) never will.
_TRANSIENT_CODES = frozenset({UnknownServiceError.code, OcrServiceError.code})


class Outcome(enum.Enum):
    """What a step did; the runner acts on it (dispatch parts, retry later, send the webhook)."""

    DONE = "done"
    SKIPPED = "skipped"
    RETRY = "retry"
    FINISHED = "finished"
    """This call moved the job to ``succeeded`` or ``failed``: send its webhook."""


@dataclass(frozen=True)
class JobContext:
    """What running a job needs; built once per process (API runner or Celery worker)."""

    session_factory: sessionmaker[Session]
    blobs: BlobStore
    settings: Settings
    executor: Executor


def _now() -> datetime:
    return datetime.now(UTC)


def start_job(ctx: JobContext, job_id: str) -> tuple[Outcome, list[int]]:
    """Plan the job's parts (once) and return the indexes of the parts still to read."""
    with transaction(ctx.session_factory) as db:
        job = db.get(Job, job_id, with_for_update=True)
        if job is None or job.status in FINAL_STATUSES:
            return Outcome.SKIPPED, []
        if job.parts:
            return Outcome.DONE, [p.index for p in job.parts if p.status != "done"]
        assert job.input_key is not None
        data = ctx.blobs.get(job.input_key)
        # A template run matches and reads the whole file at once, as the sync call does.
        per_part = ctx.settings.job_max_pages if job.request["serviceType"] == "template" else None
        try:
            parts = split_pages(
                data,
                pages_per_part=per_part or ctx.settings.job_pages_per_task,
                max_pages=ctx.settings.job_max_pages,
            )
        except ClovaError as exc:
            return _fail(db, ctx, job, exc), []
        for index, part in enumerate(parts):
            key = job.input_key if len(parts) == 1 else ctx.blobs.put(part.data)
            db.add(
                JobPart(
                    job_id=job.id,
                    index=index,
                    first_page=part.first_page,
                    page_count=part.page_count,
                    input_key=key,
                )
            )
        job.status, job.started_at = "running", _now()
        job.pages_total = sum(p.page_count for p in parts)
        return Outcome.DONE, list(range(len(parts)))


def run_part(ctx: JobContext, job_id: str, index: int) -> Outcome:
    """Read one part; when it was the last one, assemble the result (see the module docstring)."""
    with transaction(ctx.session_factory) as db:
        part = db.scalar(
            select(JobPart).where(JobPart.job_id == job_id, JobPart.index == index).with_for_update()
        )
        job = db.get(Job, job_id)
        if part is None or job is None or job.status in FINAL_STATUSES:
            return Outcome.SKIPPED
        already_done = part.status == "done"
        if not already_done:
            outcome = _begin_attempt(db, ctx, job, part)
            if outcome is not None:
                return outcome
        stored, input_key, first_page = job.request, part.input_key, part.first_page
        domain_id = job.domain_id
        page_count = part.page_count
    if already_done:  # a redelivered task: finish the job if the first delivery died just before
        return _finish_if_complete(ctx, job_id)
    try:
        exported = _read(ctx, stored, ctx.blobs.get(input_key), page_count, domain_id)
    except HanjiError as exc:
        if isinstance(exc, ClovaError) and exc.code not in _TRANSIENT_CODES:
            with transaction(ctx.session_factory) as db:
                job = db.get(Job, job_id)
                return Outcome.SKIPPED if job is None else _fail(db, ctx, job, exc)
        log.warning("job %s part %d (page %d) failed, will retry: %s", job_id, index, first_page, exc)
        return Outcome.RETRY
    result_key = ctx.blobs.put(json.dumps(exported, ensure_ascii=False).encode())
    with transaction(ctx.session_factory) as db:
        marked = db.execute(
            update(JobPart)
            .where(JobPart.job_id == job_id, JobPart.index == index, JobPart.status != "done")
            .values(status="done", result_key=result_key)
        )
        if marked.rowcount:  # type: ignore[attr-defined]
            done = db.scalar(
                select(func.coalesce(func.sum(JobPart.page_count), 0)).where(
                    JobPart.job_id == job_id, JobPart.status == "done"
                )
            )
            db.execute(update(Job).where(Job.id == job_id).values(pages_done=done))
    return _finish_if_complete(ctx, job_id)


def _begin_attempt(db: Session, ctx: JobContext, job: Job, part: JobPart) -> Outcome | None:
    """Count an attempt before doing the work, so a task that kills its worker is still counted."""
    part.attempts += 1
    job.attempts += 1
    if part.attempts > ctx.settings.task_attempts:
        pages = f"{part.first_page + 1}-{part.first_page + part.page_count}"
        error = OcrServiceError(f"Gave up after {ctx.settings.task_attempts} attempts on pages {pages}.")
        return _fail(db, ctx, job, error)
    part.status = "running"
    return None


def give_up(ctx: JobContext, job_id: str, reason: str) -> Outcome:
    """Fail a job whose task could not be retried any more (the runner ran out of retries)."""
    with transaction(ctx.session_factory) as db:
        job = db.get(Job, job_id)
        if job is None or job.status in FINAL_STATUSES:
            return Outcome.SKIPPED
        return _fail(db, ctx, job, OcrServiceError(reason))


def _stored_plan(stored: dict[str, Any]) -> CallPlan:
    """The job's plan as submitted (its checks were made then), without template candidates."""
    return CallPlan(stored["serviceType"], tuple(stored["resolvedLanguages"]), stored.get("model") or "")


def _plan(ctx: JobContext, stored: dict[str, Any], domain_id: int, request: InvokeRequest) -> CallPlan:
    """The job's plan, as its sync call would make it: a Template job's candidates read now."""
    plan = _stored_plan(stored)
    if plan.service_type != "template":
        return plan
    with ctx.session_factory() as db:
        if db.get(Domain, domain_id) is None:
            raise OcrServiceError("The job's domain was deleted.")
        deployed = service_templates(
            db, domain_id=domain_id, wanted=request.image.template_ids, blobs=ctx.blobs
        )
    return replace(plan, templates=tuple(deployed))


def _read(ctx: JobContext, stored: dict[str, Any], data: bytes, page_count: int, domain_id: int) -> Wire:
    """Read one part through its flow; the typed result, as JSON-ready data to keep with the part."""
    request = request_from_json(stored)
    plan = _plan(ctx, stored, domain_id, request)
    # A TIFF is one part holding the whole file: its page count is known only once decoded.
    max_pages = 1 if plan.service_type == "document" else max(page_count, ctx.settings.job_max_pages)
    flow = flow_request(plan, request, data, file_limits(ctx.settings, max_pages=max_pages))
    result = run_flow(ctx.executor, flow, timeout_s=ctx.settings.ocr_timeout_s * max(page_count, 1))
    return encode_result(flow, result)


def _finish_if_complete(ctx: JobContext, job_id: str) -> Outcome:
    with transaction(ctx.session_factory) as db:
        parts = list(db.scalars(select(JobPart).where(JobPart.job_id == job_id).order_by(JobPart.index)))
        job = db.get(Job, job_id)
        if job is None or job.status != "running" or any(p.status != "done" for p in parts):
            return Outcome.DONE
        results = [(p.first_page, json.loads(ctx.blobs.get(p.result_key or ""))) for p in parts]
        outcome, document = _render(ctx, job.request, results)
        pages, table_pages = outcome.pages, outcome.table_pages
        result_key = ctx.blobs.put(json.dumps(outcome.body, ensure_ascii=False).encode())
        pdf_key = _keep_searchable_pdf(ctx, job, document)
        # Only one run may finish the job: the conditional update elects it.
        won = db.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == "running")
            .values(
                status="succeeded",
                result_key=result_key,
                pdf_key=pdf_key,
                pages_done=pages,
                pages_total=pages,
                finished_at=_now(),
            )
        )
        if not won.rowcount:  # type: ignore[attr-defined]
            for key in (result_key, pdf_key):  # another run finished the job first; its result stands
                if key:
                    ctx.blobs.delete(key)
            return Outcome.DONE
        _record(db, job, pages=pages, table_pages=table_pages, error=None, success=outcome.success)
        _release_inputs(db, ctx, job, parts)
        return Outcome.FINISHED


def _keep_searchable_pdf(ctx: JobContext, job: Job, document: Document) -> str | None:
    """Store the job's searchable PDF (``GET …/jobs/{id}/pdf``) while its file is still at hand.

    A PDF that cannot be built costs the job nothing: the result stands and the route says why.
    """
    if not ctx.settings.job_pdf or job.input_key is None:
        return None
    try:
        data = ctx.blobs.get(job.input_key)
        pdf = searchable_pdf_bytes(data, document, languages=job.request["resolvedLanguages"])
    except Exception as exc:  # an odd file or font must not fail a job that has its result
        log.warning("job %s: no searchable PDF: %s", job.id, exc)
        return None
    return ctx.blobs.put(pdf)


def _render(
    ctx: JobContext, stored: dict[str, Any], results: list[tuple[int, Wire]]
) -> tuple[InvokeOutcome, Document]:
    """The job's answer (rendered as its sync call's is) and the result tree it was read into."""
    request = request_from_json(stored)
    plan = _stored_plan(stored)
    flow = FLOWS[plan.service_type]
    typed = [(first, decode_result(flow, data)) for first, data in results]
    result: FlowResult
    if plan.service_type == "general":
        result = merge_documents([(first, part) for first, part in typed if isinstance(part, Document)])
    else:
        first_part = typed[0][1]
        if not isinstance(first_part, DocumentReading | TemplateReading):
            raise UnknownServiceError("A job part's result does not fit its service type.")
        result = first_part
    outcome = answer(request, result, plan=plan, settings=ctx.settings)
    if isinstance(result, Document):
        document = result
    elif isinstance(result, DocumentReading):
        document = Document((result.page,))
    else:
        document = result.to_document()
    return outcome, document


def _fail(db: Session, ctx: JobContext, job: Job, error: HanjiError) -> Outcome:
    won = db.execute(
        update(Job)
        .where(Job.id == job.id, Job.status.not_in(FINAL_STATUSES))
        .values(status="failed", error_code=error.code[:8], error_message=error.message, finished_at=_now())
    )
    if not won.rowcount:  # type: ignore[attr-defined]
        return Outcome.SKIPPED
    log.warning("job %s failed: [%s] %s", job.id, error.code, error.message)
    _record(db, job, pages=0, table_pages=0, error=error, success=False)
    _release_inputs(db, ctx, job, list(job.parts))
    return Outcome.FINISHED


def _record(
    db: Session, job: Job, *, pages: int, table_pages: int, error: HanjiError | None, success: bool
) -> None:
    started = job.created_at
    stats.record_call(
        db,
        record=stats.CallRecord(
            domain_id=job.domain_id,
            endpoint_kind=job.endpoint_kind,
            pages=pages,
            success=success,
            error_code=error.code[:8] if error else None,
            latency_ms=int((_now() - started).total_seconds() * 1000),
            request_bytes=0,
            table_pages=table_pages,
        ),
    )


def _release_inputs(db: Session, ctx: JobContext, job: Job, parts: list[JobPart]) -> None:
    """Delete the job's file and part blobs (no image kept), unless another job holds the same bytes."""
    keys = {k for p in parts for k in (p.input_key, p.result_key) if k} | {job.input_key or ""}
    keys.discard(job.pdf_key or "")  # the PDF is the job's output: it stays with the job
    keys.discard("")
    for key in keys:
        other_jobs = db.scalar(
            select(func.count())
            .select_from(Job)
            .where(Job.id != job.id, Job.input_key == key, Job.status.not_in(FINAL_STATUSES))
        )
        other_parts = db.scalar(
            select(func.count())
            .select_from(JobPart)
            .where(JobPart.job_id != job.id, (JobPart.input_key == key) | (JobPart.result_key == key))
        )
        if not other_jobs and not other_parts:
            ctx.blobs.delete(key)
