"""Async jobs: accept an invoke call now, answer it later (status, page progress, result, webhook).

A job row holds the request without its file; the file waits in the blob store. Running a job is
``steps``' business; this module submits jobs, shows them, and finds the ones to resume.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import asdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.clova.request import ImageInput, InvokeRequest
from hanji.config import Settings
from hanji.core.errors import (
    DeployInfoNotFound,
    InvalidUrl,
    RequestBodyInvalid,
    TableDetectionDisabled,
)
from hanji.services.invocation.inputs import languages_for, read_file_bytes
from hanji.services.invocation.template_runs import has_service_templates
from hanji.services.limits.quota import check_quota
from hanji.services.management import domain_rules
from hanji.services.management.gateway import ResolvedInvoke
from hanji.storage.blobs import BlobStore
from hanji.storage.models import Domain, Job

FINAL_STATUSES = ("succeeded", "failed")


class JobNotFound(InvalidUrl):
    """An unknown job id under a valid invoke URL: CLOVA's 0001 wording, with a 404."""

    http_status = 404


class JobPdfNotReady(InvalidUrl):
    """A job's PDF asked for before the job succeeded: 409, poll ``GET …/jobs/{id}`` first."""

    http_status = 409


def job_pdf(db: Session, *, blobs: BlobStore, domain_id: int, job_id: str) -> bytes:
    """The searchable PDF of a succeeded job.

    Raises:
        JobNotFound: no such job on this domain, or it succeeded without a PDF (HANJI_JOB_PDF off,
            or a file the PDF writer could not take).
        JobPdfNotReady: the job is still queued or running, or it failed.
    """
    job = get_job(db, domain_id=domain_id, job_id=job_id)
    if job.status != "succeeded":
        state = "failed: it has no result" if job.status == "failed" else f"is {job.status}"
        raise JobPdfNotReady(f"The job {state}; its PDF is there once GET …/jobs/{job.id} says succeeded.")
    if not job.pdf_key:
        raise JobNotFound(
            "This job has no searchable PDF (HANJI_JOB_PDF was off, or its file could not take one)."
        )
    return blobs.get(job.pdf_key)


def submit_job(
    db: Session,
    *,
    blobs: BlobStore,
    settings: Settings,
    resolved: ResolvedInvoke,
    request: InvokeRequest,
    webhook_url: str | None,
) -> Job:
    """Check the request as an invoke call would, store its file and queue a job (not yet dispatched).

    Raises:
        ClovaError: the checks of a synchronous call (quota, languages, table switch, file size,
            image URL), so a job that is accepted can only fail on its content.
    """
    domain = resolved.domain
    if domain.service_type == "template" and not has_service_templates(db, domain_id=domain.id):
        raise DeployInfoNotFound()
    check_quota(db, domain=domain, monthly_quota=settings.monthly_quota(domain.service_plan))
    languages = languages_for(domain, request)
    if request.enable_table_detection and not domain.table_extraction:
        raise TableDetectionDisabled()
    webhook = webhook_url or domain.webhook_url
    if webhook:
        check_webhook_url(webhook)
    data = read_file_bytes(request, settings, allow_url=domain.service_type != "document")
    job = Job(
        id=secrets.token_hex(16),
        domain_id=domain.id,
        endpoint_kind=resolved.endpoint.kind,
        status="queued",
        request=request_json(request, languages=languages, model=resolved.model, kind=domain.service_type),
        input_key=blobs.put(data),
        webhook_url=webhook,
    )
    db.add(job)
    db.flush()
    return job


def check_webhook_url(url: str) -> None:
    """A job's webhook: CLOVA's 0011 where :func:`domain_rules.webhook_url_problem` refuses it."""
    problem = domain_rules.webhook_url_problem(url)
    if problem:
        raise RequestBodyInvalid(problem)


def request_json(request: InvokeRequest, *, languages: list[str], model: str, kind: str) -> dict[str, Any]:
    """The request as stored with its job: everything but the file, plus what the domain resolved."""
    image = asdict(request.image) | {"data": None, "url": None}
    return {
        "version": request.version,
        "requestId": request.request_id,
        "timestamp": request.timestamp,
        "languages": request.languages,
        "image": image,
        "enableTableDetection": request.enable_table_detection,
        "enableKeyValue": request.enable_key_value,
        "resolvedLanguages": languages,
        "model": model,
        "serviceType": kind,
    }


def request_from_json(stored: dict[str, Any]) -> InvokeRequest:
    """Rebuild the request a job was submitted with (without its file)."""
    return InvokeRequest(
        version=stored["version"],
        request_id=stored["requestId"],
        timestamp=stored["timestamp"],
        languages=stored["languages"],
        image=ImageInput(**stored["image"]),
        enable_table_detection=stored["enableTableDetection"],
        enable_key_value=stored.get("enableKeyValue", False),
    )


def get_job(db: Session, *, domain_id: int, job_id: str) -> Job:
    job = db.get(Job, job_id) if len(job_id) == 32 else None
    if job is None or job.domain_id != domain_id:
        raise JobNotFound("No job with that id on this invoke URL.")
    return job


def job_view(job: Job, *, blobs: BlobStore, with_result: bool = True) -> dict[str, Any]:
    """The job as ``GET …/jobs/{id}`` and webhooks show it (the result only once it succeeded)."""
    view: dict[str, Any] = {
        "jobId": job.id,
        "status": job.status,
        "progress": {"done": job.pages_done, "total": job.pages_total},
        "createdAt": job.created_at.isoformat(),
        "startedAt": job.started_at.isoformat() if job.started_at else None,
        "finishedAt": job.finished_at.isoformat() if job.finished_at else None,
    }
    if with_result and job.status == "succeeded" and job.result_key:
        view["result"] = json.loads(blobs.get(job.result_key))
    if job.status == "failed":
        view["error"] = {"code": job.error_code, "message": job.error_message}
    return view


def jobs_to_resume(db: Session, *, include_running: bool) -> list[str]:
    """Jobs an API start-up must dispatch again: queued ones (their message may never have been
    sent), and with a local runner also running ones (their threads died with the old process)."""
    statuses = ["queued", "running"] if include_running else ["queued"]
    return list(db.scalars(select(Job.id).where(Job.status.in_(statuses)).order_by(Job.created_at)))


def webhook_secret(db: Session, *, domain: Domain) -> str:
    """The domain's webhook signing key, made on first use."""
    if not domain.webhook_secret:
        domain.webhook_secret = secrets.token_hex(32)
        db.flush()
    return domain.webhook_secret
