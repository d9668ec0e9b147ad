"""Domains through the HTTP API with a bearer token: every rule of the spec."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient


def create(api: TestClient, **overrides: Any) -> Any:
    body = {
        "name": "bills 2024",
        "code": "bills2024",
        "service_type": "template",
        "languages": ["ko"],
        "recognition_model": "premium",
        "service_plan": "basic",
        "region": "KR",
    }
    body.update(overrides)
    return api.post("/api/v1/domains", json=body)


def test_create_and_get_domain_shows_every_column(api: TestClient) -> None:
    response = create(api)
    assert response.status_code == 201, response.text
    domain = response.json()
    for key in (
        "id",
        "name",
        "code",
        "service_type",
        "languages",
        "recognition_model",
        "service_plan",
        "region",
        "table_extraction",
        "template_count",
        "template_names",
        "invoke_urls",
        "created_at",
        "updated_at",
    ):
        assert key in domain
    assert domain["template_count"] == 0 and domain["template_names"] == []
    [url] = domain["invoke_urls"]
    assert url["kind"] == "default"
    prefix = f"http://hanji.test/custom/v1/{domain['id']}/"
    assert url["url"].startswith(prefix) and url["url"].endswith("/infer")
    invoke_key = url["url"][len(prefix) :].split("/")[0]
    assert len(invoke_key) == 64 and int(invoke_key, 16) >= 0
    assert api.get(f"/api/v1/domains/{domain['id']}").json() == domain


def test_second_general_domain_in_region_is_refused(api: TestClient) -> None:
    first = create(api, name="general kr", code="gkr", service_type="general", recognition_model="general")
    assert first.status_code == 201, first.text
    second = create(
        api, name="general kr 2", code="gkr2", service_type="general", recognition_model="general"
    )
    assert second.status_code == 409
    assert second.json()["error"]["code"] == "GENERAL_DOMAIN_EXISTS"
    elsewhere = create(
        api, name="general jp", code="gjp", service_type="general", region="JP", recognition_model=None
    )
    assert elsewhere.status_code == 201


def test_general_domain_cannot_be_copied(api: TestClient) -> None:
    general = create(api, name="g", code="g", service_type="general", recognition_model="general").json()
    response = api.post(f"/api/v1/domains/{general['id']}/copy", json={"name": "g copy", "code": "gcopy"})
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "GENERAL_DOMAIN_NOT_COPYABLE"


def test_premium_copy_as_basic_reports_dropped_features(api: TestClient) -> None:
    source = create(api).json()
    response = api.post(
        f"/api/v1/domains/{source['id']}/copy",
        json={"name": "bills basic", "code": "billsbasic", "recognition_model": "basic"},
    )
    assert response.status_code == 201, response.text
    copy = response.json()
    assert copy["recognition_model"] == "basic"
    assert copy["dropped_features"] == []
    assert copy["invoke_urls"][0]["url"] != source["invoke_urls"][0]["url"]
    assert api.get(f"/api/v1/domains/{copy['id']}/secret-keys").json()["data"] == []


def test_names_and_codes_are_unique_in_any_case(api: TestClient) -> None:
    assert create(api).status_code == 201
    same_code = create(api, name="other", code="BILLS2024")
    assert same_code.status_code == 409
    assert same_code.json()["error"]["code"] == "DOMAIN_CODE_TAKEN"
    same_name = create(api, name="BILLS 2024", code="other")
    assert same_name.json()["error"]["code"] == "DOMAIN_NAME_TAKEN"


def test_invalid_name_and_code_name_the_field(api: TestClient) -> None:
    bad_name = create(api, name=" leading space")
    assert bad_name.status_code == 422
    assert bad_name.json()["error"]["code"] == "INVALID_DOMAIN_NAME"
    bad_code = create(api, code="has space")
    assert bad_code.json()["error"]["code"] == "INVALID_DOMAIN_CODE"
    assert bad_code.json()["error"]["details"]["field"] == "code"
    assert create(api, name="청구서 請求書 々 × & _ -", code="a.b?c&d_e-f×々").status_code == 201


def test_search_by_code_id_and_name_with_filters(api: TestClient) -> None:
    a = create(api).json()
    create(
        api,
        name="영수증",
        code="receipt01",
        service_type="document",
        recognition_model="receipt",
        languages=["ko", "ja"],
    )
    found = api.get("/api/v1/domains", params={"q": "BILLS20"}).json()
    assert [d["id"] for d in found["data"]] == [a["id"]] and found["count"] == 1
    by_id = api.get("/api/v1/domains", params={"q": str(a["id"])}).json()["data"]
    assert a["id"] in [d["id"] for d in by_id]
    assert api.get("/api/v1/domains", params={"q": "영수"}).json()["count"] == 1
    assert api.get("/api/v1/domains", params={"language": "ja"}).json()["count"] == 1
    assert api.get("/api/v1/domains", params={"service_type": "template"}).json()["count"] == 1
    assert api.get("/api/v1/domains", params={"recognition_model": "receipt"}).json()["count"] == 1
    names = [d["name"] for d in api.get("/api/v1/domains", params={"sort": "name"}).json()["data"]]
    assert names == sorted(names, key=str.casefold)
    assert api.get("/api/v1/domains", params={"sort": "bogus"}).json()["error"]["code"] == "INVALID_QUERY"
    assert api.get("/api/v1/domains", params={"limit": 1}).json()["count"] == 2


def test_specialized_model_limit(api: TestClient) -> None:
    for i in range(2):
        assert (
            create(
                api, name=f"r{i}", code=f"r{i}", service_type="document", recognition_model="receipt"
            ).status_code
            == 201
        )
    third = create(api, name="r3", code="r3", service_type="document", recognition_model="receipt")
    assert third.status_code == 409 and third.json()["error"]["code"] == "SPECIALIZED_MODEL_LIMIT"


def test_id_card_domain_has_a_passport_url(api: TestClient) -> None:
    domain = create(api, name="ids", code="ids", service_type="document", recognition_model="id-card").json()
    urls = {u["kind"]: u["url"] for u in domain["invoke_urls"]}
    assert urls["default"].endswith("/document/id-card")
    assert urls["passport"].endswith("/document/passport")


def test_model_must_fit_the_service_type(api: TestClient) -> None:
    response = create(api, recognition_model="receipt")
    assert response.status_code == 422 and response.json()["error"]["details"]["field"] == "recognition_model"
    assert create(api, languages=["fr"]).json()["error"]["details"]["field"] == "languages"
    assert create(api, languages=[]).status_code == 422


def test_update_rules(api: TestClient) -> None:
    domain = create(api).json()
    path = f"/api/v1/domains/{domain['id']}"
    patched = api.patch(
        path, json={"name": "bills renamed", "languages": ["ko", "ja"], "service_plan": "standard"}
    )
    assert patched.status_code == 200, patched.text
    assert (
        patched.json()["languages"] == ["ko", "ja"] and patched.json()["updated_at"] >= domain["updated_at"]
    )
    assert api.patch(path, json={"code": "newcode"}).status_code == 422
    assert api.patch(path, json={"table_extraction": True}).status_code == 422
    assert api.patch(path, json={"recognition_model": "basic"}).json()["recognition_model"] == "basic"
    general = create(api, name="g", code="g", service_type="general", recognition_model="general").json()
    switched = api.patch(f"/api/v1/domains/{general['id']}", json={"table_extraction": True})
    assert switched.json()["table_extraction"] is True


def test_delete_needs_confirmation(api: TestClient) -> None:
    domain = create(api).json()
    path = f"/api/v1/domains/{domain['id']}"
    refused = api.delete(path)
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "CONFIRMATION_REQUIRED"
    assert api.delete(path, params={"confirm": "wrong"}).status_code == 400
    assert api.delete(path, params={"confirm": "BILLS2024"}).status_code == 204
    gone = api.get(path)
    assert gone.status_code == 404 and gone.json()["error"]["code"] == "DOMAIN_NOT_FOUND"
