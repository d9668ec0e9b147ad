"""L1: inputs that used to answer 500 — a domain code outside Latin-1 in a download's file name,
a NaN or Infinity in a template box, statistics asked up to the last day of year 9999."""

from __future__ import annotations

import json
from urllib.parse import unquote

from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.api.test_templates import DEFINITION, SAMPLE


def test_a_japanese_or_korean_domain_code_downloads_its_gateway_config(api: TestClient) -> None:
    for code in ("a。b", "々x", "x×y"):
        created = create(api, name=f"n{code}", code=code)
        assert created.status_code == 201, created.text
        domain = created.json()
        response = api.get(f"/api/v1/domains/{domain['id']}/gateway-config")
        assert response.status_code == 200, response.text
        disposition = response.headers["content-disposition"]
        assert disposition.isascii()
        assert unquote(disposition.split("filename*=UTF-8''")[1]) == f"hanji-{code}-openapi3.json"


def test_non_finite_numbers_in_a_template_are_refused(api: TestClient) -> None:
    domain = create(api).json()
    body = json.dumps({"name": "m", "sample_image": SAMPLE, **DEFINITION})
    for bad in ("NaN", "Infinity", "-Infinity"):
        text = body.replace("[330, 230, 420, 56]", f"[330, {bad}, 420, 56]", 1)
        response = api.post(
            f"/api/v1/domains/{domain['id']}/templates",
            content=text,
            headers={"Content-Type": "application/json"},
        )
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"


def test_statistics_to_the_end_of_time(api: TestClient) -> None:
    for params in ({"to": "9999-12-31"}, {"from": "0001-01-01", "to": "9999-12-31T23:59:59"}):
        response = api.get("/api/v1/stats/calls", params=params)
        assert response.status_code in (200, 422), response.text


def test_a_catastrophic_validation_regex_is_refused_at_save(api: TestClient) -> None:
    """L7: ``(a+)+$`` on OCR text like ``aaaa…b`` would hang a worker; it never gets stored."""
    domain = create(api).json()
    definition = json.loads(json.dumps(DEFINITION))
    definition["fields"][0]["validation"] = {"regex": "(a+)+$"}
    response = api.post(
        f"/api/v1/domains/{domain['id']}/templates", json={"name": "m", "sample_image": SAMPLE, **definition}
    )
    assert response.status_code == 422, response.text
    assert "exponential" in response.json()["error"]["message"]


def test_an_invoke_url_without_its_secret_does_not_tell_the_service_type(api: TestClient) -> None:
    domain = create(api, name="quiet", code="quiet").json()  # a Template domain: …/infer
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    body = {"version": "V2", "requestId": "r", "timestamp": 0, "images": [{"format": "png", "name": "x"}]}
    for suffix in ("general", "infer", "document/receipt"):
        probe = api.post(path.rsplit("/", 1)[0] + "/" + suffix, json=body)
        assert probe.status_code == 401 and probe.json()["code"] == "0002"  # the same for every guess
        assert "serves" not in probe.json()["message"]  # no hint of the right suffix
    wrong = api.post(path.rsplit("/", 1)[0] + "/general", json=body, headers={"X-OCR-SECRET": secret})
    assert wrong.status_code == 400 and wrong.json()["code"] == "0022"  # the owner is told what it serves
