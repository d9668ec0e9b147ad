"""Invoke URLs: ``/custom/v1/{domainId}/{invokeKey}/{suffix}`` (and ``/external/v1/…``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from hanji.config import Settings
from hanji.core.errors import InvalidUrl, OcrServiceError
from hanji.services import gateway

router = APIRouter(tags=["invoke"])
SECRET_HEADER = "X-OCR-SECRET"


def _authorise(request: Request, domain_id: str, invoke_key: str, suffix: str) -> gateway.ResolvedInvoke:
    settings: Settings = request.app.state.settings
    if not domain_id.isdigit() or len(domain_id) > 18:
        raise InvalidUrl()
    with request.app.state.session_factory() as db:
        resolved = gateway.resolve_invoke(
            db,
            domain_id=int(domain_id),
            invoke_key=invoke_key,
            suffix=suffix,
            secret=request.headers.get(SECRET_HEADER),
            server_key=settings.secret_key,
        )
        db.commit()
        return resolved


@router.post("/custom/v1/{domain_id}/{invoke_key}/{suffix:path}")
@router.post("/external/v1/{domain_id}/{invoke_key}/{suffix:path}")
async def invoke(domain_id: str, invoke_key: str, suffix: str, request: Request) -> JSONResponse:
    await run_in_threadpool(_authorise, request, domain_id, invoke_key, suffix)
    raise OcrServiceError("No OCR pipeline is configured for this domain yet.")
