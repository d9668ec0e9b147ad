"""What the API answers is what its OpenAPI document says: real responses, checked against the
documented schemas (JSON Schema 2020-12, as OpenAPI 3.1 writes them)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from tests.api.test_domains import create
from tests.api.test_templates import SAMPLE, new_template
from tests.conftest import ADMIN_PASSWORD
from tests.workers.helpers import wait_for_job

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


class Documented:
    """The app's OpenAPI document, checking responses against the schema of their operation."""

    def __init__(self, client: TestClient) -> None:
        self.doc: dict[str, Any] = client.get("/openapi.json").json()
        self.checked: set[tuple[str, str, str]] = set()

    def check(self, response: Any, method: str, path: str) -> Any:
        """Assert ``response`` (from ``method path``, as the document spells the path) is documented."""
        status = str(response.status_code)
        responses = self.doc["paths"][path][method]["responses"]
        entry = responses.get(status) or responses["default"]
        schema = entry["content"]["application/json"]["schema"]
        body = response.json()
        validator = Draft202012Validator({**schema, "components": self.doc["components"]})
        problems = [
            f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(body)
        ]
        assert not problems, f"{method.upper()} {path} {status}: " + "; ".join(problems[:5])
        self.checked.add((method, path, status))
        return body


@pytest.fixture
def documented(api: TestClient) -> Documented:
    return Documented(api)


def test_management_bodies_match_the_document(api: TestClient, documented: Documented) -> None:
    check = documented.check
    check(api.get("/healthz"), "get", "/healthz")
    check(api.get("/readyz"), "get", "/readyz")
    check(api.get("/api/v1/session"), "get", "/api/v1/session")
    token = api.post("/api/v1/tokens", json={"name": "docs"}, auth=("admin", ADMIN_PASSWORD))
    check(token, "post", "/api/v1/tokens")
    check(api.post("/api/v1/tokens", json={"name": ""}), "post", "/api/v1/tokens")

    domains = "/api/v1/domains"
    one = "/api/v1/domains/{domain_id}"
    template_domain = check(create(api), "post", domains)
    check(create(api, languages="ko"), "post", domains)
    id_cards = check(
        create(api, name="ids", code="ids", service_type="document", recognition_model="id-card"),
        "post",
        domains,
    )
    check(api.get(domains), "get", domains)
    check(api.get(f"{domains}/{template_domain['id']}"), "get", one)
    check(api.get(f"{domains}/999999"), "get", one)
    check(api.patch(f"{domains}/{template_domain['id']}", json={"name": "bills"}), "patch", one)
    check(
        api.post(f"{domains}/{id_cards['id']}/invoke-urls/passport/regenerate"),
        "post",
        one + "/invoke-urls/{kind}/regenerate",
    )
    check(api.post(f"{domains}/{id_cards['id']}/secret-keys"), "post", one + "/secret-keys")
    check(api.get(f"{domains}/{id_cards['id']}/secret-keys"), "get", one + "/secret-keys")
    check(api.get(f"{domains}/{id_cards['id']}/webhook"), "get", one + "/webhook")
    hook = {"webhook_url": "https://hooks.example.com/a", "regenerate_secret": True}
    check(api.put(f"{domains}/{id_cards['id']}/webhook", json=hook), "put", one + "/webhook")

    templates = one + "/templates"
    base = f"{domains}/{template_domain['id']}/templates"
    template = check(new_template(api, template_domain["id"]), "post", templates)
    check(api.post(base, json={"name": "no sample"}), "post", templates)
    check(api.get(base), "get", templates)
    check(api.get(f"{base}/{template['id']}"), "get", templates + "/{template_id}")
    deployed = api.post(f"{base}/{template['id']}/deploy", json={"stage": "beta"})
    check(deployed, "post", templates + "/{template_id}/deploy")
    check(api.post(f"{base}/{template['id']}/undeploy"), "post", templates + "/{template_id}/undeploy")
    copied = api.post(
        f"{domains}/{template_domain['id']}/copy",
        json={"name": "basic copy", "code": "basiccopy", "recognition_model": "basic"},
    )
    assert check(copied, "post", one + "/copy")["dropped_features"]
    check(api.get("/api/v1/audit", params={"limit": 50}), "get", "/api/v1/audit")
    check(api.get("/api/v1/audit", params={"limit": 0}), "get", "/api/v1/audit")


def test_template_test_run_matches_the_document(api: TestClient, documented: Documented) -> None:
    domain = create(api).json()
    template = new_template(api, domain["id"]).json()
    path = f"/api/v1/domains/{domain['id']}/templates/{template['id']}/test"
    run = documented.check(
        api.post(path, json={"image": SAMPLE}),
        "post",
        "/api/v1/domains/{domain_id}/templates/{template_id}/test",
    )
    assert run["preview_url"] and run["images"][0]["matchedTemplate"]["id"] == template["id"]


def test_invoke_and_job_bodies_match_the_document(api: TestClient, documented: Documented) -> None:
    domain = create(
        api, name="general", code="general", service_type="general", recognition_model="general"
    ).json()
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    url = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    headers = {"X-OCR-SECRET": secret}
    image = {"format": "png", "name": "sample", "data": SAMPLE["data"]}
    body = {"version": "V2", "requestId": "docs", "timestamp": 0, "images": [image]}
    invoke = "/custom/v1/{domain_id}/{invoke_key}/{suffix}"
    result = documented.check(api.post(url, json=body, headers=headers), "post", invoke)
    assert result["images"][0]["inferResult"] == "SUCCESS"
    documented.check(api.post(url, json=body), "post", invoke)
    documented.check(api.post(url, content=b"{", headers=headers), "post", invoke)
    multipart = {
        "message": '{"version": "V2", "requestId": "m", "timestamp": 0, "images": [{"format": "png"}]}'
    }
    files = {"file": ("sample.png", base64.b64decode(SAMPLE["data"]), "image/png")}
    documented.check(api.post(url, data=multipart, files=files, headers=headers), "post", invoke)

    submitted = api.post(url + "/jobs", json=body, headers=headers)
    job_id = documented.check(submitted, "post", invoke + "/jobs")["jobId"]
    wait_for_job(api, f"{url}/jobs/{job_id}", headers, timeout_s=60)
    view = documented.check(
        api.get(f"{url}/jobs/{job_id}", headers=headers), "get", invoke + "/jobs/{job_id}"
    )
    assert view["status"] == "succeeded" and view["result"]["images"]
