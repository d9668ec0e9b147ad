"""M7: every change an operator would want to trace is in the audit log, and PATCH refuses a
webhook URL that PUT refuses."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.api.test_templates import new_template
from tests.conftest import ADMIN_PASSWORD


def _actions(api: TestClient) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = api.get("/api/v1/audit", params={"limit": 1000}).json()["data"]
    return events


def test_webhook_changes_sign_ins_and_copied_templates_are_audited(api: TestClient) -> None:
    domain = create(api).json()
    webhook = f"/api/v1/domains/{domain['id']}/webhook"
    assert api.put(webhook, json={"webhook_url": "https://hooks.example.com/a"}).status_code == 200
    assert (
        api.put(
            webhook, json={"webhook_url": "https://hooks.example.com/a", "regenerate_secret": True}
        ).status_code
        == 200
    )
    template = new_template(api, domain["id"]).json()
    copied = api.post(f"/api/v1/domains/{domain['id']}/copy", json={"name": "copy", "code": "copy"})
    assert copied.status_code == 201, copied.text
    client = TestClient(api.app, base_url="http://hanji.test")
    assert client.post("/api/v1/session", json={"username": "admin", "password": "wrong"}).status_code == 401
    assert (
        client.post("/api/v1/session", json={"username": "admin", "password": ADMIN_PASSWORD}).status_code
        == 200
    )
    events = _actions(api)
    actions = [e["action"] for e in events]
    update = next(e for e in events if e["action"] == "domain.webhook.update")
    assert update["details"] == {"from": None, "to": "https://hooks.example.com/a"}
    assert actions.count("domain.webhook.update") == 1  # the second PUT changed only the secret
    assert "domain.webhook.secret.regenerate" in actions
    assert "operator.sign_in" in actions and "operator.sign_in.failed" in actions
    copies = [e for e in events if e["action"] == "template.create" and "copied_from" in e["details"]]
    assert [c["details"]["copied_from"] for c in copies] == [f"template:{template['id']}"]


def test_patch_refuses_the_webhook_urls_put_refuses(api: TestClient) -> None:
    domain = create(api).json()
    for bad in ("javascript:alert(1)", "ftp://x", "file:///etc/passwd"):
        patched = api.patch(f"/api/v1/domains/{domain['id']}", json={"webhook_url": bad})
        assert patched.status_code == 422, patched.text
        put = api.put(f"/api/v1/domains/{domain['id']}/webhook", json={"webhook_url": bad})
        assert put.status_code == 422
    assert api.get(f"/api/v1/domains/{domain['id']}").json()["webhook_url"] is None
