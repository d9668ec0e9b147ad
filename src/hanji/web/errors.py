"""One handler turns every error into one shape: CLOVA's JSON on invoke URLs, Hanji's JSON on the
management API, and (through the ``pages`` hook the app factory gives) an HTML page on console pages."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
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
PAGE_PREFIX = "/console"
PageRenderer = Callable[[Request, HanjiError], Response]
"""Renders an error as the page a browser shows (the console's error page)."""


def is_invoke_path(path: str) -> bool:
    return path.startswith(INVOKE_PREFIXES)


def management_body(error: HanjiError) -> dict[str, Any]:
    return {"error": {"code": error.code, "message": error.message, "details": error.details}}


def is_page_path(path: str) -> bool:
    """A console page a browser navigated to (its scripts call /api/v1, its files are static)."""
    return (path == PAGE_PREFIX or path.startswith(PAGE_PREFIX + "/")) and not path.startswith(
        "/console/static/"
    )


def error_response(request: Request, error: HanjiError, pages: PageRenderer | None = None) -> Response:
    path = request.url.path
    if pages is not None and is_page_path(path):
        return pages(request, error)
    if is_invoke_path(path):
        clova = error if isinstance(error, ClovaError) else UnknownServiceError()
        trace_id = getattr(request.state, "trace_id", None) or uuid.uuid4().hex
        body = render_error_body(clova, path=path, trace_id=trace_id, timestamp_ms=int(time.time() * 1000))
        return JSONResponse(body, status_code=clova.http_status, headers=clova.headers)
    return JSONResponse(management_body(error), status_code=error.http_status, headers=error.headers)


def install_error_handlers(app: FastAPI, *, pages: PageRenderer | None = None) -> None:
    """Answer every error in its shape; ``pages`` renders those of console pages."""

    async def on_hanji_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HanjiError)
        return error_response(request, exc, pages)

    async def on_validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        problems = [
            {"field": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body", "problem": e.get("msg", "")}
            for e in exc.errors()
        ]
        first = problems[0] if problems else {"field": "body", "problem": "invalid"}
        if is_invoke_path(request.url.path):
            return error_response(request, RequestBodyInvalid(f"{first['field']}: {first['problem']}"), pages)
        error = ValidationFailed(f"{first['field']}: {first['problem']}", details={"problems": problems})
        return error_response(request, error, pages)

    async def on_http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        if is_invoke_path(request.url.path):
            return error_response(request, InvalidUrl(), pages)
        error: HanjiError
        if exc.status_code == 404:
            error = NotFound("No such path.")
        elif exc.status_code == 405:
            error = _MethodNotAllowed()
        else:
            body = {"error": {"code": f"HTTP_{exc.status_code}", "message": str(exc.detail), "details": {}}}
            return JSONResponse(body, status_code=exc.status_code)
        return error_response(request, error, pages)

    async def on_unexpected(request: Request, exc: Exception) -> Response:
        trace_id = uuid.uuid4().hex
        request.state.trace_id = trace_id
        log.exception("unexpected error (traceId=%s) on %s %s", trace_id, request.method, request.url.path)
        error = HanjiError(f"Unexpected error; quote traceId {trace_id} to the operator.")
        return error_response(request, error, pages)

    app.add_exception_handler(HanjiError, on_hanji_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(StarletteHTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected)


class _MethodNotAllowed(HanjiError):
    code = "METHOD_NOT_ALLOWED"
    http_status = 405
    default_message = "This path does not accept that method."
