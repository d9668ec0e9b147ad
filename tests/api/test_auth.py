"""Operators: sign-in, CSRF, tokens, throttling, and no anonymous access to /api/v1."""

from __future__ import annotations

import re
import stat

import pytest
from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD


def test_every_api_route_refuses_anonymous_calls(client: TestClient) -> None:
    # The OpenAPI document lists every API route, however routers are nested.
    paths = {p: ops for p, ops in client.app.openapi()["paths"].items() if p.startswith("/api/v1")}  # type: ignore[attr-defined]
    public = {("POST", "/api/v1/session")}
    checked = 0
    for route_path, operations in paths.items():
        path = re.sub(r"\{[^}]+\}", "1", route_path)
        for method in (m.upper() for m in operations):
            if (method, route_path) in public:
                continue
            response = client.request(method, path, json={})
            assert response.status_code == 401, (method, route_path, response.text)
            assert response.json()["error"]["code"] == "AUTHENTICATION_REQUIRED"
            checked += 1
    assert checked >= 12


def test_session_cookie_login_needs_csrf_on_unsafe_methods(client: TestClient) -> None:
    login = client.post("/api/v1/session", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert login.status_code == 200
    cookie = login.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie
    csrf = login.json()["csrf_token"]
    assert client.get("/api/v1/domains").status_code == 200
    body = {"name": "x", "code": "x", "service_type": "general", "languages": ["ko"]}
    refused = client.post("/api/v1/domains", json=body)
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "CSRF_FAILED"
    assert client.post("/api/v1/domains", json=body, headers={"X-CSRF-Token": "nope"}).status_code == 403
    assert client.post("/api/v1/domains", json=body, headers={"X-CSRF-Token": csrf}).status_code == 201
    token = client.post("/api/v1/tokens", json={"name": "ci"}, headers={"X-CSRF-Token": csrf})
    assert token.status_code == 201 and token.json()["token"].startswith("hjt_")
    assert client.delete("/api/v1/session", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert client.get("/api/v1/domains").status_code == 401


def test_wrong_password_and_throttling(client: TestClient) -> None:
    wrong = client.post("/api/v1/session", json={"username": "admin", "password": "nope"})
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "INVALID_CREDENTIALS"
    assert client.post("/api/v1/session", json={"username": "ghost", "password": "x"}).status_code == 401
    for _ in range(10):
        client.post("/api/v1/session", json={"username": "admin", "password": "nope"})
    throttled = client.post("/api/v1/session", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert throttled.status_code == 429 and "Retry-After" in throttled.headers


def test_basic_auth_only_creates_tokens(client: TestClient) -> None:
    assert client.get("/api/v1/domains", auth=("admin", ADMIN_PASSWORD)).status_code == 401
    assert client.post("/api/v1/tokens", json={"name": "x"}, auth=("admin", "bad")).status_code == 401
    made = client.post("/api/v1/tokens", json={"name": "x"}, auth=("admin", ADMIN_PASSWORD))
    assert made.status_code == 201
    assert set(made.json()) == {"id", "token", "name", "created_at", "expires_at"}
    assert (
        client.get("/api/v1/domains", headers={"Authorization": f"Bearer {made.json()['token']}"}).status_code
        == 200
    )
    assert client.get("/api/v1/domains", headers={"Authorization": "Bearer hjt_forged"}).status_code == 401


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_generated_admin_password_is_written_once_with_mode_0600(settings: Settings) -> None:
    from dataclasses import replace

    settings = replace(settings, admin_password="")
    with TestClient(create_app(settings)) as client:
        path = settings.data_dir / "admin-password.txt"
        password = path.read_text().strip()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert (
            client.post("/api/v1/session", json={"username": "admin", "password": password}).status_code
            == 200
        )
    with TestClient(create_app(settings)):
        assert path.read_text().strip() == password


def test_console_login_page_and_redirect(client: TestClient) -> None:
    page = client.get("/console/login")
    assert page.status_code == 200 and 'id="login-form"' in page.text
    assert "script-src 'self'" in page.headers["content-security-policy"]
    assert "<script>" not in page.text
    home = client.get("/console/", follow_redirects=False)
    assert home.status_code == 303 and home.headers["location"] == "/console/login"
    client.post("/api/v1/session", json={"username": "admin", "password": ADMIN_PASSWORD})
    assert "Domains" in client.get("/console/").text


def test_health_and_metrics(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["checks"]["database"] == "ok"
    assert "hanji_invoke_calls" in client.get("/metrics").text
