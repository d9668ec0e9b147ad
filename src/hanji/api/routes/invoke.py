"""Invoke URLs: ``/custom/v1/{domainId}/{invokeKey}/{suffix}`` (and ``/external/v1/…``)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from hanji.api.invoke_access import (
    SECRET_HEADER,
    authorise_invoke,
    parse_invoke_body,
    run_invoke,
    throttle_scope,
)
from hanji.core.errors import HanjiError
from hanji.services.invocation.recording import record_outcome
from hanji.web.body import read_capped_body
from hanji.web.deps import get_runtime
from hanji.web.models.clova import INVOKE_ERRORS, ClovaRequest, ClovaResponse, invoke_body

__all__ = ["SECRET_HEADER", "router", "throttle_scope"]

# The body is read raw (JSON or multipart, as CLOVA clients send it) and the answer is CLOVA's JSON
# as rendered: both are documented here rather than parsed by FastAPI.
router = APIRouter(tags=["invoke"], responses=INVOKE_ERRORS)
INVOKE_BODY = invoke_body(ClovaRequest)
RESULT: dict[int | str, dict[str, Any]] = {200: {"model": ClovaResponse, "description": "The OCR result."}}


@router.post("/custom/v1/{domain_id}/{invoke_key}/{suffix:path}", responses=RESULT, openapi_extra=INVOKE_BODY)
@router.post(
    "/external/v1/{domain_id}/{invoke_key}/{suffix:path}", responses=RESULT, openapi_extra=INVOKE_BODY
)
async def invoke(domain_id: str, invoke_key: str, suffix: str, request: Request) -> JSONResponse:
    """OCR one file as CLOVA OCR would: General, Template or Document, by the URL's suffix."""
    started = time.perf_counter()
    runtime = get_runtime(request)
    service_type, code = "unknown", "0500"
    try:
        resolved = await run_in_threadpool(authorise_invoke, request, domain_id, invoke_key, suffix)
        service_type = resolved.domain.service_type
        # Before the body is read: a malformed call counts against the domain's rate as a good one
        # does, and a refused one (0025) is counted in the metrics but writes no statistics row, so
        # a flood costs neither the OCR workers nor the database anything.
        runtime.rate_limiter.acquire(resolved.domain.id)
        try:
            body = await read_capped_body(request, runtime.settings.max_body_bytes)
            parsed = await parse_invoke_body(request, body)
        except HanjiError as exc:
            declared = request.headers.get("content-length", "")
            # Recorded in a 32-bit column: a hostile Content-Length must not overflow it.
            size = min(int(declared), 2**31 - 1) if declared.isascii() and declared.isdigit() else 0
            await run_in_threadpool(
                record_outcome, runtime.session_factory, resolved, None, exc, size, started
            )
            raise
        result = await run_invoke(runtime, resolved, parsed, size=len(body), started=started)
        code = "200"
        runtime.result_webhooks.dispatch(resolved.domain, result)  # delivered off the request path
        return JSONResponse(result)
    except HanjiError as exc:
        code = exc.code
        raise
    finally:
        runtime.metrics.observe(service_type=service_type, code=code, seconds=time.perf_counter() - started)
