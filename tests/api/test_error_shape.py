"""One error shape: every HanjiError renders the same way (management) or as CLOVA's (invoke URLs)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from hanji.core import errors


def all_error_classes() -> list[type[errors.HanjiError]]:
    found: list[type[errors.HanjiError]] = []
    stack: list[type[errors.HanjiError]] = [errors.HanjiError]
    while stack:
        cls = stack.pop()
        found.append(cls)
        stack.extend(cls.__subclasses__())
    return [c for c in found if c.__module__ == "hanji.core.errors"]


CLASSES = all_error_classes()


def test_codes_are_stable_and_unique_per_family() -> None:
    management = [c for c in CLASSES if not issubclass(c, errors.ClovaError) and c is not errors.PageError]
    clova = [c for c in CLASSES if issubclass(c, errors.ClovaError)]
    assert all(re.fullmatch(r"[A-Z_]+", c.code) for c in management)
    assert all(re.fullmatch(r"\d{4}", c.code) for c in clova)
    codes = [c.code for c in management]
    assert len(codes) == len(set(codes)), codes
    assert {c.code for c in clova} >= {
        "0001",
        "0002",
        "0011",
        "0021",
        "0022",
        "0023",
        "0025",
        "0028",
        "1021",
        "0500",
        "0501",
    }


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("error_class", CLASSES, ids=lambda c: c.__name__)
def test_every_error_renders_in_one_shape(client: TestClient, error_class: type[errors.HanjiError]) -> None:
    app = client.app

    @app.get("/api/v1/_raise")  # type: ignore[attr-defined, untyped-decorator]
    def _raise_management() -> None:
        raise error_class("why it failed", details={"field": "x"})

    @app.post("/custom/v1/_raise")  # type: ignore[attr-defined, untyped-decorator]
    def _raise_invoke() -> None:
        raise error_class("why it failed")

    management = client.get("/api/v1/_raise")
    assert management.status_code == error_class.http_status
    assert set(management.json()) == {"error"}
    body = management.json()["error"]
    assert set(body) == {"code", "message", "details"}
    assert body["code"] == error_class.code and "why it failed" in body["message"]

    invoke = client.post("/custom/v1/_raise")
    clova = invoke.json()
    assert list(clova) == ["code", "message", "path", "traceId", "timestamp"]
    if issubclass(error_class, errors.ClovaError):
        assert invoke.status_code == error_class.http_status
        assert clova["code"] == error_class.code
        assert clova["message"] == f"{error_class.default_message} why it failed"
    else:
        # A non-CLOVA error on an invoke URL is never leaked as-is: CLOVA's 0500.
        assert invoke.status_code == 500 and clova["code"] == "0500"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_unexpected_exceptions_hide_internals(client: TestClient) -> None:
    app = client.app

    @app.get("/api/v1/_boom")  # type: ignore[attr-defined, untyped-decorator]
    def _boom() -> None:
        raise RuntimeError("secret internal detail")

    with TestClient(app, raise_server_exceptions=False) as quiet:
        response = quiet.get("/api/v1/_boom")
    assert response.status_code == 500
    assert response.json()["error"]["code"] == "INTERNAL_ERROR"
    assert "secret internal detail" not in response.text


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_unknown_paths_and_methods(client: TestClient) -> None:
    assert client.get("/api/v1/nothing").json()["error"]["code"] == "NOT_FOUND"
    assert client.put("/healthz").json()["error"]["code"] == "METHOD_NOT_ALLOWED"
    assert client.get("/custom/v1/1/x/general").json()["code"] == "0001"
