"""Errors on console pages as a page: what went wrong in the reader's language, and a way back."""

from __future__ import annotations

from fastapi import Request
from fastapi.responses import Response

from hanji.console.i18n import Translator, negotiate
from hanji.console.pages import render
from hanji.core.errors import HanjiError


def error_page(request: Request, error: HanjiError) -> Response:
    """The page for ``error``: its code's message from the catalog (the error's own text when the
    catalog has none), with the same status code the JSON API would answer."""
    t = Translator(negotiate(request))
    key = f"errorpage.code.{error.code}"
    message = t(key)
    response = render(
        request,
        "error.html",
        {
            "title_key": "errorpage.title",
            "code": error.code,
            "message": error.message if message == key else message,
            "back": "/console/",
        },
        status_code=error.http_status,
    )
    response.headers.update(error.headers)
    return response
