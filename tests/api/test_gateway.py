"""Invoke URLs, secret keys and the gateway configuration download."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from tests.api.test_domains import create


def general(api: TestClient) -> dict[str, Any]:
    response = create(
        api, name="general", code="general", service_type="general", recognition_model="general"
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def path_of(url: str) -> str:
    return url.removeprefix("http://hanji.test")


def test_invoke_without_secret_is_0002(api: TestClient) -> None:
    domain = general(api)
    path = path_of(domain["invoke_urls"][0]["url"])
    response = api.post(path, json={"version": "V2", "requestId": "r", "timestamp": 0, "images": []})
    assert response.status_code == 401
    body = response.json()
    assert body["code"] == "0002" and body["message"] == "Secret key validate failed."
    assert body["path"] == path and len(body["traceId"]) == 32 and isinstance(body["timestamp"], int)
    wrong = api.post(path, headers={"X-OCR-SECRET": "hsk_wrong"}, json={})
    assert wrong.status_code == 401 and wrong.json()["code"] == "0002"


def test_regenerated_url_stops_the_old_one_at_once(api: TestClient) -> None:
    domain = general(api)
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    old = path_of(domain["invoke_urls"][0]["url"])
    fresh = api.post(f"/api/v1/domains/{domain['id']}/invoke-urls/default/regenerate")
    assert fresh.status_code == 200 and fresh.json()["url"] != domain["invoke_urls"][0]["url"]
    response = api.post(old, headers={"X-OCR-SECRET": secret}, json={})
    assert response.status_code == 400 and response.json()["code"] == "0001"
    assert response.json()["message"] == "URL is invalid."
    new_path = path_of(fresh.json()["url"])
    assert api.post(new_path, headers={"X-OCR-SECRET": secret}, json={}).json()["code"] != "0001"
    assert (
        api.post(
            new_path.replace("/custom/", "/external/"), headers={"X-OCR-SECRET": secret}, json={}
        ).json()["code"]
        != "0001"
    )
    assert api.get(f"/api/v1/domains/{domain['id']}").json()["invoke_urls"][0]["url"] == fresh.json()["url"]


def test_unknown_domain_key_or_suffix_is_0001_and_wrong_type_is_0022(api: TestClient) -> None:
    domain = general(api)
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = path_of(domain["invoke_urls"][0]["url"])
    headers = {"X-OCR-SECRET": secret}
    assert (
        api.post(path.replace(f"/v1/{domain['id']}/", "/v1/999/"), headers=headers).json()["code"] == "0001"
    )
    assert api.post(path.replace("/v1/", "/v1/abc/x/"), headers=headers).json()["code"] == "0001"
    assert api.post(path.rsplit("/", 1)[0] + "/nonsense", headers=headers).json()["code"] == "0001"
    wrong_type = api.post(path.rsplit("/", 1)[0] + "/infer", headers=headers)
    assert wrong_type.status_code == 400 and wrong_type.json()["code"] == "0022"


def test_secret_keys_are_shown_once_listed_by_prefix_and_revoked(api: TestClient) -> None:
    domain = general(api)
    base = f"/api/v1/domains/{domain['id']}/secret-keys"
    first = api.post(base)
    assert first.status_code == 201
    secret = first.json()["secret"]
    assert secret.startswith(first.json()["prefix"])
    second = api.post(base).json()
    third = api.post(base)
    assert third.status_code == 409 and third.json()["error"]["code"] == "SECRET_KEY_LIMIT"
    listed = api.get(base).json()["data"]
    assert {k["prefix"] for k in listed} == {first.json()["prefix"], second["prefix"]}
    assert all("secret" not in k for k in listed)
    path = path_of(domain["invoke_urls"][0]["url"])
    # Both keys work during a rotation; a revoked one stops.
    for value in (secret, second["secret"]):
        assert api.post(path, headers={"X-OCR-SECRET": value}, json={}).json()["code"] != "0002"
    assert api.delete(f"{base}/{first.json()['id']}").status_code == 204
    assert api.post(path, headers={"X-OCR-SECRET": secret}, json={}).json()["code"] == "0002"
    assert api.delete(f"{base}/{first.json()['id']}").json()["error"]["code"] == "SECRET_KEY_NOT_FOUND"
    used = next(k for k in api.get(base).json()["data"] if k["id"] == second["id"])
    assert used["last_used_at"] is not None


@pytest.mark.parametrize("fmt", ["openapi3", "swagger2"])
def test_gateway_config_validates_and_describes_the_endpoints(api: TestClient, fmt: str) -> None:
    domain = create(api, name="ids", code="ids", service_type="document", recognition_model="id-card").json()
    response = api.get(f"/api/v1/domains/{domain['id']}/gateway-config", params={"format": fmt})
    assert response.status_code == 200
    assert "attachment" in response.headers["content-disposition"]
    document = response.json()
    validate(document)
    paths = set(document["paths"])
    assert paths == {path_of(u["url"]) for u in domain["invoke_urls"]}
    schemes = (
        document["components"]["securitySchemes"] if fmt == "openapi3" else document["securityDefinitions"]
    )
    assert schemes["ocrSecret"] == {"type": "apiKey", "in": "header", "name": "X-OCR-SECRET"}
    if fmt == "openapi3":
        assert document["servers"] == [{"url": "http://hanji.test"}]
    else:
        assert document["host"] == "hanji.test"


def test_gateway_config_refuses_unknown_format(api: TestClient) -> None:
    domain = general(api)
    response = api.get(f"/api/v1/domains/{domain['id']}/gateway-config", params={"format": "raml"})
    assert response.status_code == 422 and response.json()["error"]["code"] == "VALIDATION_ERROR"
