"""Every request body capped before anything reads it: before authentication, routing or parsing.

A declared ``Content-Length`` over the cap is answered 413 at once; a streamed body is counted as
it arrives and refused the moment it passes the cap. Calls that carry a file (invoke URLs, jobs,
template samples and test runs) get the file cap; every other call the small form cap, so an
anonymous client cannot make the server hold hundreds of megabytes to learn it is not signed in.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from starlette.requests import Request

from hanji.config import Settings
from hanji.core.errors import RequestBodyTooLarge
from hanji.web.errors import error_response, is_invoke_path

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

FILE_ROUTES = re.compile(r"^/api/v1/domains/[^/]+/(?:templates(?:/|$)|try$)")
"""Management routes whose bodies hold an image (template samples, test runs, tries)."""


def body_cap(path: str, settings: Settings) -> int:
    if is_invoke_path(path) or FILE_ROUTES.match(path):
        return settings.max_body_bytes
    return settings.max_form_body_bytes


def _too_large(cap: int) -> RequestBodyTooLarge:
    if cap >= 1024 * 1024:
        return RequestBodyTooLarge(f"The body is over the {cap // (1024 * 1024)} MB limit.")
    return RequestBodyTooLarge(f"The body is over the {cap // 1024} KB limit.")


class BodyLimit:
    """ASGI middleware enforcing :func:`body_cap` on every HTTP request."""

    def __init__(self, app: App, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        cap = body_cap(scope["path"], self.settings)
        declared = dict(scope.get("headers") or ()).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > cap:
            response = error_response(Request(scope), _too_large(cap))
            await response(scope, receive, send)
            return
        seen = 0
        refused = False

        async def counted() -> Message:
            nonlocal seen, refused
            if refused:
                return {"type": "http.request", "body": b"", "more_body": False}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > cap:
                    # Answer now, in the route's error shape; the app is handed the end of a cut
                    # body, and whatever it answers to that is dropped.
                    refused = True
                    await error_response(Request(scope), _too_large(cap))(scope, receive, send)
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded(message: Message) -> None:
            if not refused:
                await send(message)

        await self.app(scope, counted, guarded)
