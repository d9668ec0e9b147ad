"""Async jobs on invoke URLs (Hanji extension): ``POST {invoke URL}/jobs``, ``GET …/jobs/{jobId}``;
and the domain's webhook settings for operators (``/api/v1/domains/{id}/webhook``)."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

# The invoke route's own authorisation and body parsing, so a job accepts exactly what a call does.
from hanji.api.invoke_access import authorise_invoke, parse_invoke_body
from hanji.clova.request import InvokeRequest
from hanji.core.errors import OcrServiceError
from hanji.services.jobs import queue as jobs
from hanji.services.jobs.steps import give_up
from hanji.services.management import audit, domain_rules, domains
from hanji.services.management.gateway import ResolvedInvoke
from hanji.storage.database import transaction
from hanji.web.body import read_capped_body
from hanji.web.deps import CurrentCaller, DbSession, get_runtime
from hanji.web.downloads import attachment
from hanji.web.models.clova import INVOKE_ERRORS, ClovaJobRequest, JobAccepted, JobView, invoke_body
from hanji.web.models.common import ERROR_RESPONSES, file_response
from hanji.web.models.webhooks import WebhookUpdate, WebhookView, webhook_view

# The invoke-URL routes read their body raw and answer CLOVA's dynamic JSON (JSONResponse): their
# bodies are documented with ``openapi_extra`` and ``responses=`` (see hanji.web.models.clova).
router = APIRouter(tags=["jobs"], responses=INVOKE_ERRORS)
webhook_router = APIRouter(prefix="/api/v1/domains", tags=["jobs"], responses=ERROR_RESPONSES)
PDF_RESPONSE = file_response("application/pdf", description="The searchable PDF.")


def _webhook_from_body(request: Request, body: bytes) -> str | None:
    """``webhook`` from a JSON body (a multipart call passes it as the ``?webhook=`` parameter)."""
    if request.headers.get("content-type", "").lower().startswith("multipart/"):
        return None
    try:
        value = json.loads(body).get("webhook")
    except (ValueError, AttributeError):
        return None
    return value if isinstance(value, str) and value else None


def _submit(request: Request, resolved: ResolvedInvoke, parsed: InvokeRequest, webhook: str | None) -> str:
    runtime = get_runtime(request)
    runtime.rate_limiter.acquire(resolved.domain.id)
    with transaction(runtime.session_factory) as db:
        job = jobs.submit_job(
            db,
            blobs=runtime.blobs,
            settings=runtime.settings,
            resolved=resolved,
            request=parsed,
            webhook_url=webhook,
        )
        return job.id


JOB_BODY = invoke_body(ClovaJobRequest)
ACCEPTED: dict[int | str, dict[str, Any]] = {202: {"model": JobAccepted, "description": "Queued."}}
JOB_VIEW: dict[int | str, dict[str, Any]] = {200: {"model": JobView}}


@router.post(
    "/custom/v1/{domain_id}/{invoke_key}/{suffix:path}/jobs",
    status_code=202,
    responses=ACCEPTED,
    openapi_extra=JOB_BODY,
)
@router.post(
    "/external/v1/{domain_id}/{invoke_key}/{suffix:path}/jobs",
    status_code=202,
    responses=ACCEPTED,
    openapi_extra=JOB_BODY,
)
async def submit_job(
    domain_id: str, invoke_key: str, suffix: str, request: Request, webhook: str | None = None
) -> JSONResponse:
    """Queue the call as a job; 202 with ``{"jobId"}`` (and ``Location``), then poll or await the webhook."""
    resolved = await run_in_threadpool(authorise_invoke, request, domain_id, invoke_key, suffix)
    body = await read_capped_body(request, get_runtime(request).settings.max_body_bytes)
    parsed = await parse_invoke_body(request, body)
    webhook_url = webhook or _webhook_from_body(request, body)
    job_id = await run_in_threadpool(_submit, request, resolved, parsed, webhook_url)
    # Committed first, dispatched second: a dispatch lost in a crash here is resumed at start-up.
    try:
        get_runtime(request).job_runner.dispatch(job_id)
    except Exception as exc:  # the broker refused it: tell the client now rather than never
        reason = "The OCR workers cannot be reached."
        await run_in_threadpool(give_up, get_runtime(request).job_context, job_id, reason)
        raise OcrServiceError(reason) from exc
    return JSONResponse(
        {"jobId": job_id}, status_code=202, headers={"Location": f"{request.url.path}/{job_id}"}
    )


# dict[str, Any]: the job as the jobs service renders it, a CLOVA response inside (answered as is).
def _view(request: Request, resolved: ResolvedInvoke, job_id: str) -> dict[str, Any]:
    runtime = get_runtime(request)
    with transaction(runtime.session_factory) as db:
        job = jobs.get_job(db, domain_id=resolved.domain.id, job_id=job_id)
        return jobs.job_view(job, blobs=runtime.blobs)


@router.get("/custom/v1/{domain_id}/{invoke_key}/{suffix:path}/jobs/{job_id}", responses=JOB_VIEW)
@router.get("/external/v1/{domain_id}/{invoke_key}/{suffix:path}/jobs/{job_id}", responses=JOB_VIEW)
async def read_job(
    domain_id: str, invoke_key: str, suffix: str, job_id: str, request: Request
) -> JSONResponse:
    """The job's status and progress; its CLOVA response once succeeded, its error once failed."""
    resolved = await run_in_threadpool(authorise_invoke, request, domain_id, invoke_key, suffix)
    return JSONResponse(await run_in_threadpool(_view, request, resolved, job_id))


def _pdf(request: Request, resolved: ResolvedInvoke, job_id: str) -> bytes:
    runtime = get_runtime(request)
    with transaction(runtime.session_factory) as db:
        return jobs.job_pdf(db, blobs=runtime.blobs, domain_id=resolved.domain.id, job_id=job_id)


@router.get(
    "/custom/v1/{domain_id}/{invoke_key}/{suffix:path}/jobs/{job_id}/pdf",
    response_class=Response,
    responses=PDF_RESPONSE,
)
@router.get(
    "/external/v1/{domain_id}/{invoke_key}/{suffix:path}/jobs/{job_id}/pdf",
    response_class=Response,
    responses=PDF_RESPONSE,
)
async def read_job_pdf(
    domain_id: str, invoke_key: str, suffix: str, job_id: str, request: Request
) -> Response:
    """The succeeded job's file as a searchable PDF: its pages with the OCR text laid over them."""
    resolved = await run_in_threadpool(authorise_invoke, request, domain_id, invoke_key, suffix)
    pdf = await run_in_threadpool(_pdf, request, resolved, job_id)
    return Response(
        pdf,
        media_type="application/pdf",
        headers=attachment(f"{job_id}.pdf"),
    )


@webhook_router.get("/{domain_id}/webhook")
def read_webhook(domain_id: int, caller: CurrentCaller, db: DbSession) -> WebhookView:
    """The domain's webhook URL and signing secret (operators only; made on first read)."""
    domain = domains.get_domain(db, domain_id=domain_id)
    return webhook_view(domain.id, domain.webhook_url, jobs.webhook_secret(db, domain=domain))


@webhook_router.put("/{domain_id}/webhook")
def update_webhook(domain_id: int, body: WebhookUpdate, caller: CurrentCaller, db: DbSession) -> WebhookView:
    """Set the URL every job result of the domain is POSTed to (null: none); optionally a new secret."""
    domain = domains.get_domain(db, domain_id=domain_id)
    before = domain.webhook_url
    domain.webhook_url = domain_rules.check_webhook_url(body.webhook_url)
    actor = caller.operator.username
    if domain.webhook_url != before:
        details = {"from": before, "to": domain.webhook_url}
        audit.record(
            db, actor=actor, action="domain.webhook.update", target=f"domain:{domain.id}", details=details
        )
    if body.regenerate_secret:
        domain.webhook_secret = None
        audit.record(db, actor=actor, action="domain.webhook.secret.regenerate", target=f"domain:{domain.id}")
    return webhook_view(domain.id, domain.webhook_url, jobs.webhook_secret(db, domain=domain))
