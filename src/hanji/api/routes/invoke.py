"""Invoke URLs: ``/custom/v1/{domainId}/{invokeKey}/{suffix}`` (and ``/external/v1/…``)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.requests import Request as StarletteRequest
from starlette.types import Message

from hanji.api.body import read_capped_body
from hanji.clova.request import InvokeRequest, parse_json_request, parse_multipart_request
from hanji.config import Settings
from hanji.core.errors import HanjiError, InvalidUrl, RequestBodyInvalid, SecretKeyInvalid
from hanji.services import gateway
from hanji.services.invocations import handle_invoke, record_outcome

router = APIRouter(tags=["invoke"])
SECRET_HEADER = "X-OCR-SECRET"


def throttle_scope(domain_id: str) -> str:
    """One throttle scope per domain however its id is spelt (``4``, ``04``, ``004``)."""
    if domain_id.isascii() and domain_id.isdigit() and len(domain_id) <= 18:
        return str(int(domain_id))
    return "invalid"


def _authorise(request: Request, domain_id: str, invoke_key: str, suffix: str) -> gateway.ResolvedInvoke:
    """The call's domain and endpoint. A right URL and secret always pass (invoke secrets are random:
    guessing them is hopeless, so the throttle need only stop the guessing, never the owner); a
    wrong one counts against the caller's address and domain, and past 20 a minute answers 429."""
    settings: Settings = request.app.state.settings
    throttle = request.app.state.invoke_throttle
    scope = throttle_scope(domain_id)
    try:
        if not (domain_id.isascii() and domain_id.isdigit()) or len(domain_id) > 18:
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
    except (InvalidUrl, SecretKeyInvalid):
        throttle.check(request, scope)  # 429 0025 once this caller has guessed too often
        throttle.fail(request, scope)
        raise


async def _part_bytes(value: Any) -> bytes | None:
    if value is None:
        return None
    if isinstance(value, UploadFile):
        return await value.read()
    return str(value).encode()


async def _parse(request: Request, body: bytes) -> InvokeRequest:
    content_type = request.headers.get("content-type", "").lower()
    if not content_type.startswith("multipart/form-data"):
        return parse_json_request(body)  # CLOVA clients send json, json;UTF-8, or nothing at all

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    buffered = StarletteRequest(request.scope, replay)
    try:
        form = await buffered.form(max_files=4, max_fields=32, max_part_size=len(body) + 1)
    except Exception as exc:  # the multipart parser's own errors are not ours to type
        raise RequestBodyInvalid(f"The multipart body could not be read: {exc}.") from exc
    try:
        file_part = form.get("file")
        filename = file_part.filename if isinstance(file_part, UploadFile) else None
        return parse_multipart_request(
            await _part_bytes(form.get("message")), await _part_bytes(file_part), filename
        )
    finally:
        await form.close()


@router.post("/custom/v1/{domain_id}/{invoke_key}/{suffix:path}")
@router.post("/external/v1/{domain_id}/{invoke_key}/{suffix:path}")
async def invoke(domain_id: str, invoke_key: str, suffix: str, request: Request) -> JSONResponse:
    started = time.perf_counter()
    state = request.app.state
    service_type, code = "unknown", "0500"
    try:
        resolved = await run_in_threadpool(_authorise, request, domain_id, invoke_key, suffix)
        service_type = resolved.domain.service_type
        # Before the body is read: a malformed call counts against the domain's rate as a good one
        # does, and a refused one (0025) is counted in the metrics but writes no statistics row, so
        # a flood costs neither the OCR workers nor the database anything.
        state.rate_limiter.acquire(resolved.domain.id)
        try:
            body = await read_capped_body(request, state.settings.max_body_bytes)
            parsed = await _parse(request, body)
        except HanjiError as exc:
            declared = request.headers.get("content-length", "")
            # Recorded in a 32-bit column: a hostile Content-Length must not overflow it.
            size = min(int(declared), 2**31 - 1) if declared.isascii() and declared.isdigit() else 0
            await run_in_threadpool(record_outcome, state.session_factory, resolved, None, exc, size, started)
            raise
        result = await run_in_threadpool(
            lambda: handle_invoke(
                session_factory=state.session_factory,
                settings=state.settings,
                executor=state.executor,
                resolved=resolved,
                request=parsed,
                request_bytes=len(body),
                started=started,
            )
        )
        code = "200"
        return JSONResponse(result)
    except HanjiError as exc:
        code = exc.code
        raise
    finally:
        state.metrics.observe(service_type=service_type, code=code, seconds=time.perf_counter() - started)
