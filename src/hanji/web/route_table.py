"""Building the app's route table at start-up, before the first client asks.

FastAPI 0.165 builds an included router's routes (dependants, parameter models) the first time a
request is matched against it. Invoke URLs come last in the table, so a new server's first invoke
call built most of it: ~50 ms more than the calls after it (``benchmarks/startup.py``). One request
that no route takes walks the whole table, building every router now, and touches nothing else:
no route's code runs, so no statistics, throttle, audit or log line.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message

UNROUTED_METHOD = "TRACE"
"""A method no Hanji route answers: every router is tried and none runs."""


async def build_route_table(app: ASGIApp) -> int:
    """Send ``app`` one in-process request that matches no route; returns its status (404 or 405)."""
    status = 0

    async def receive() -> Message:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = int(message["status"])

    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": UNROUTED_METHOD,
        "scheme": "http",
        "path": "/",
        "raw_path": b"/",
        "root_path": "",
        "query_string": b"",
        "headers": [(b"host", b"localhost")],
        "client": ("127.0.0.1", 0),
        "server": ("127.0.0.1", 80),
        "state": {},
    }
    await app(scope, receive, send)
    return status
