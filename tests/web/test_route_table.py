"""The route table is built at start-up: a new server's first calls build nothing (FastAPI builds an
included router's routes the first time a request reaches it, ~50 ms for the invoke URLs)."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import anyio
import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

import hanji.server
from hanji.config import Settings
from hanji.server import create_app
from hanji.web.route_table import build_route_table


def _count_dependants(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Record each route FastAPI builds (one dependant per route and per dependency)."""
    built: list[str] = []
    original: Callable[..., Any] = fastapi.routing.get_dependant

    def counting(*args: Any, **kwargs: Any) -> Any:
        built.append(str(kwargs.get("path", "")))
        return original(*args, **kwargs)

    monkeypatch.setattr(fastapi.routing, "get_dependant", counting)
    return built


def _first_calls(client: TestClient) -> None:
    client.post("/custom/v1/1/not-a-key/general", json={}, headers={"X-OCR-SECRET": "wrong"})
    client.get("/api/v1/jobs/1")
    client.get("/console/")


def test_a_new_server_builds_its_routes_before_the_first_call(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = _count_dependants(monkeypatch)
    with TestClient(create_app(settings)) as client:
        at_start = len(built)
        _first_calls(client)
        assert len(built) == at_start, built[at_start:]
    assert at_start > 0


def test_without_it_the_first_invoke_call_builds_the_routes(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check above can fail: skipping the start-up build leaves the work to the first calls."""

    async def skip(app: object) -> int:
        return 0

    monkeypatch.setattr(hanji.server, "build_route_table", skip)
    built = _count_dependants(monkeypatch)
    with TestClient(create_app(settings)) as client:
        at_start = len(built)
        _first_calls(client)
        assert any("/custom/v1/" in path for path in built[at_start:])


def test_the_start_up_request_is_taken_by_no_route() -> None:
    app = FastAPI()
    ran: list[str] = []

    @app.get("/")
    def home() -> str:
        ran.append("home")
        return "home"

    @app.post("/{anything:path}")
    def anything(anything: str) -> str:
        ran.append(anything)
        return anything

    # In a thread of its own: a browser test earlier in this process may hold this thread's loop.
    with ThreadPoolExecutor(1) as pool:
        status = pool.submit(anyio.run, build_route_table, app).result()
    assert status == 405
    assert ran == []
