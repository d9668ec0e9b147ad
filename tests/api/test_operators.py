"""M4: operators with roles and domains, tokens that expire, list and revoke, passwords changed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from hanji.storage.models import ApiToken, utcnow
from tests.api.test_domains import create
from tests.helpers import runtime_of

pytestmark = pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
PASSWORD = "a-long-enough-password"


def _token(client: TestClient, username: str, password: str, **body: object) -> dict[str, object]:
    response = client.post(
        "/api/v1/tokens", json={"name": "t", **body}, auth=(username, password), headers={"Authorization": ""}
    )
    assert response.status_code == 201, response.text
    token: dict[str, object] = response.json()
    return token


def test_operator_lifecycle_and_rules(api: TestClient) -> None:
    domain = create(api).json()
    created = api.post(
        "/api/v1/operators", json={"username": "mina", "role": "viewer", "domain_ids": [domain["id"]]}
    )
    assert created.status_code == 201, created.text
    assert created.json()["password"] and created.json()["domain_ids"] == [domain["id"]]
    assert api.post("/api/v1/operators", json={"username": "mina", "role": "viewer"}).status_code == 409
    bad = api.post("/api/v1/operators", json={"username": "x", "role": "viewer", "domain_ids": [99999]})
    assert bad.status_code == 404 and bad.json()["error"]["code"] == "DOMAIN_NOT_FOUND"
    weak = api.post("/api/v1/operators", json={"username": "y", "role": "viewer", "password": "short"})
    assert weak.status_code == 422 and weak.json()["error"]["details"]["field"] == "password"
    changed = api.patch("/api/v1/operators/mina", json={"role": "editor", "domain_ids": []})
    assert changed.json()["role"] == "editor" and changed.json()["domain_ids"] == []
    assert api.patch("/api/v1/operators/admin", json={"role": "viewer"}).status_code == 409  # last admin
    assert api.delete("/api/v1/operators/admin").status_code == 409  # oneself
    reset = api.post("/api/v1/operators/mina/password", json={"password": PASSWORD})
    assert reset.status_code == 200 and reset.json()["password"] is None
    me = api.get("/api/v1/me", headers={"Authorization": f"Bearer {_token(api, 'mina', PASSWORD)['token']}"})
    assert me.json() == {"username": "mina", "role": "editor", "domain_ids": None, "via": "token"}
    assert api.delete("/api/v1/operators/mina").status_code == 204
    assert api.get("/api/v1/operators/mina").json()["error"]["code"] == "OPERATOR_NOT_FOUND"
    events = [e["action"] for e in api.get("/api/v1/audit", params={"limit": 1000}).json()["data"]]
    assert {"operator.create", "operator.update", "operator.password.reset", "operator.delete"} <= set(events)


def test_tokens_expire_are_listed_with_last_use_and_are_revoked(api: TestClient) -> None:
    api.post("/api/v1/operators", json={"username": "bot", "role": "viewer", "password": PASSWORD})
    token = _token(api, "bot", PASSWORD, expires_in_days=30)
    bearer = {"Authorization": f"Bearer {token['token']}"}
    listed = api.get("/api/v1/tokens", headers=bearer).json()
    assert [(t["id"], t["operator"]) for t in listed] == [(token["id"], "bot")]
    assert listed[0]["last_used_at"] is not None and listed[0]["expires_at"] is not None
    assert "token" not in listed[0]
    assert {t["operator"] for t in api.get("/api/v1/tokens?all=true").json()} == {"admin", "bot"}
    assert {t["operator"] for t in api.get("/api/v1/tokens?all=true", headers=bearer).json()} == {"bot"}

    factory = runtime_of(api).session_factory
    with factory() as db:
        stored = db.get(ApiToken, token["id"])
        assert stored is not None
        stored.expires_at = utcnow() - timedelta(seconds=1)
        db.commit()
    expired = api.get("/api/v1/me", headers=bearer)
    assert expired.status_code == 401 and "expired" in expired.json()["error"]["message"]

    other = _token(api, "bot", PASSWORD)
    assert other["expires_at"] is not None  # a token without expiry only when asked: expires_in_days=null
    assert api.delete(f"/api/v1/tokens/{other['id']}").status_code == 204  # an admin revokes anyone's
    assert api.get("/api/v1/me", headers={"Authorization": f"Bearer {other['token']}"}).status_code == 401
    assert api.delete(f"/api/v1/tokens/{other['id']}").json()["error"]["code"] == "TOKEN_NOT_FOUND"
    too_long = api.post("/api/v1/tokens", json={"name": "t", "expires_in_days": 100000})
    assert too_long.status_code == 422


def test_a_password_change_ends_the_other_sessions(client: TestClient, api: TestClient) -> None:
    api.post("/api/v1/operators", json={"username": "kim", "role": "viewer", "password": PASSWORD})
    phone = TestClient(client.app, base_url="http://hanji.test")
    laptop = TestClient(client.app, base_url="http://hanji.test")
    csrf = ""
    for browser in (phone, laptop):
        signed = browser.post("/api/v1/session", json={"username": "kim", "password": PASSWORD})
        csrf = signed.json()["csrf_token"]
    wrong = laptop.put(
        "/api/v1/me/password",
        json={"current_password": "not-it-at-all", "new_password": "kims-new-password"},
        headers={"X-CSRF-Token": csrf},
    )
    assert wrong.status_code == 401 and wrong.json()["error"]["code"] == "INVALID_CREDENTIALS"
    done = laptop.put(
        "/api/v1/me/password",
        json={"current_password": PASSWORD, "new_password": "kims-new-password"},
        headers={"X-CSRF-Token": csrf},
    )
    assert done.status_code == 204, done.text
    assert laptop.get("/api/v1/session").status_code == 200  # the session that changed it stays
    assert phone.get("/api/v1/session").status_code == 401  # every other one ended
    assert (
        phone.post("/api/v1/session", json={"username": "kim", "password": "kims-new-password"}).status_code
        == 200
    )


def test_an_operator_given_domains_sees_only_those(client: TestClient, api: TestClient) -> None:
    mine = create(api, name="mine", code="mine").json()
    create(api, name="other", code="other")
    api.post(
        "/api/v1/operators",
        json={"username": "lee", "role": "viewer", "password": PASSWORD, "domain_ids": [mine["id"]]},
    )
    bearer = {"Authorization": f"Bearer {_token(api, 'lee', PASSWORD)['token']}"}
    listed = api.get("/api/v1/domains", headers=bearer).json()
    assert [d["code"] for d in listed["data"]] == ["mine"] and listed["count"] == 1
    assert {d["code"] for d in api.get("/api/v1/domains").json()["data"]} == {"mine", "other"}
    summary = api.get("/api/v1/stats/summary", headers=bearer).json()
    assert [q["domain_id"] for q in summary["quota"]] == [mine["id"]]
    browser = TestClient(client.app, base_url="http://hanji.test")
    browser.post("/api/v1/session", json={"username": "lee", "password": PASSWORD})
    page = browser.get("/console/")
    assert page.status_code == 200 and "mine" in page.text and ">other<" not in page.text
    assert "/console/operators" not in page.text  # no admin link for a viewer
    for action in (
        'id="open-create"',
        'class="link edit-domain"',
        'class="link copy-domain"',
        "delete-domain",
    ):
        assert action not in page.text  # nor buttons a viewer's role would refuse
