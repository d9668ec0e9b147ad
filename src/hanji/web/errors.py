"""One handler turns every error into one JSON shape: CLOVA's on invoke URLs, Hanji's elsewhere."""

from __future__ import annotations

import logging
import time
import uuid
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from hanji.clova.errors import render_error_body
from hanji.core.errors import (
    ClovaError,
    HanjiError,
    InvalidUrl,
    NotFound,
    RequestBodyInvalid,
    UnknownServiceError,
    ValidationFailed,
)

log = logging.getLogger("hanji.api")
INVOKE_PREFIXES = ("/custom/", "/external/")


def is_invoke_path(path: str) -> bool:
    return path.startswith(INVOKE_PREFIXES)


def management_body(error: HanjiError) -> dict[str, Any]:
    return {"error": {"code": error.code, "message": error.message, "details": error.details}}


def error_response(request: Request, error: HanjiError) -> JSONResponse:
    path = request.url.path
    if is_invoke_path(path):
        clova = error if isinstance(error, ClovaError) else UnknownServiceError()
        trace_id = getattr(request.state, "trace_id", None) or uuid.uuid4().hex
        body = render_error_body(clova, path=path, trace_id=trace_id, timestamp_ms=int(time.time() * 1000))
        return JSONResponse(body, status_code=clova.http_status, headers=clova.headers)
    return JSONResponse(management_body(error), status_code=error.http_status, headers=error.headers)


def install_error_handlers(app: FastAPI) -> None:
    async def on_hanji_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, HanjiError)
        return error_response(request, exc)

    async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, RequestValidationError)
        problems = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body", "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = problems[0] if problems else {"field": "body", "problem": "invalid"}
        if is_invoke_path(request.url.path):
            return error_response(request, RequestBodyInvalid(f"{first['field']}: {first['problem']}"))
        error = ValidationFailed(f"{first['field']}: {first['problem']}", details={"problems": problems})
        return error_response(request, error)

    async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, StarletteHTTPException)
        if is_invoke_path(request.url.path):
            return error_response(request, InvalidUrl())
        error: HanjiError
        if exc.status_code == 404:
            error = NotFound("No such path.")
        elif exc.status_code == 405:
            error = _MethodNotAllowed()
        else:
            body = {"error": {"code": f"HTTP_{exc.status_code}", "message": str(exc.detail), "details": {}}}
            return JSONResponse(body, status_code=exc.status_code)
        return error_response(request, error)

    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        trace_id = uuid.uuid4().hex
        request.state.trace_id = trace_id
        log.exception("unexpected error (traceId=%s) on %s %s", trace_id, request.method, request.url.path)
        return error_response(
            request, HanjiError(f"Unexpected error; quote traceId {trace_id} to the operator.")
        )

    app.add_exception_handler(HanjiError, on_hanji_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


class _MethodNotAllowed(HanjiError):
    code = "METHOD_NOT_ALLOWED"
    http_status = 405
    default_message = "This path does not accept that method."
