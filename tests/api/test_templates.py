"""Templates through the management API, and a template domain's invoke URL end to end."""

from __future__ import annotations

import base64
import copy
import hashlib
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient

from hanji.services.management.access import Permission
from hanji.web.access import needed
from tests.api.test_domains import create
from tests.templates.forms import (
    KOREAN_FORM,
    TABLE_FORM,
    jpeg,
    perspective,
    render_form,
    rotate,
    scale,
    to_png,
)

BLANK, DEFINITION = render_form(KOREAN_FORM)
NOT_A_FORM = Path(__file__).resolve().parents[1] / "data" / "ocr" / "ko_cldr.jpg"
SAMPLE = {"format": "png", "data": base64.b64encode(to_png(BLANK)).decode()}
FILLED = {
    "name": "김민수",
    "phone": ["010", "4821", "7735"],
    "birth": "1990.03.15",
    "amount": "1,250,000",
    "email": "kim@example.com",
    "agree": True,
}


def template_domain(api: TestClient, **overrides: Any) -> dict[str, Any]:
    response = create(api, **overrides)
    assert response.status_code == 201, response.text
    domain: dict[str, Any] = response.json()
    return domain


def new_template(api: TestClient, domain_id: int, **overrides: Any) -> Any:
    body = {"name": "membership", "sample_image": SAMPLE, **DEFINITION, **overrides}
    return api.post(f"/api/v1/domains/{domain_id}/templates", json=body)


def test_template_crud_deploy_and_sample(api: TestClient) -> None:
    domain = template_domain(api)
    base = f"/api/v1/domains/{domain['id']}/templates"
    response = new_template(api, domain["id"])
    assert response.status_code == 201, response.text
    template = response.json()
    assert list(template) == [
        "id",
        "name",
        "sample",
        "title",
        "fields",
        "tables",
        "combine",
        "stage",
        "version",
        "validation_url",
        "created_at",
        "updated_at",
    ]
    assert template["sample"]["width"] == 1000 and template["sample"]["height"] == 1300
    assert template["sample"]["image_url"] == f"http://hanji.test{base}/{template['id']}/sample"
    assert template["stage"] == "draft" and template["version"] == 1
    # The title was given without its text: read from the sample once, now, not on every call.
    assert template["sample"]["title_text"] == "회원 가입 신청서"
    assert template["fields"][1]["boxes"] == [[float(v) for v in b] for b in DEFINITION["fields"][1]["boxes"]]
    sample = api.get(f"{base}/{template['id']}/sample")
    assert sample.status_code == 200 and sample.headers["content-type"] == "image/png"
    assert api.get(base).json()["count"] == 1
    assert api.get(f"{base}/{template['id']}").json() == template

    patched = api.patch(
        f"{base}/{template['id']}", json={"name": "membership v2", "validation_url": "http://x.test/v"}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["version"] == 2 and patched.json()["name"] == "membership v2"
    assert patched.json()["validation_url"] == "http://x.test/v"
    assert patched.json()["sample"]["title_text"] == "회원 가입 신청서"  # kept: sample and title unchanged
    titled = api.patch(
        f"{base}/{template['id']}", json={"title": {"box": [200, 60, 720, 70], "text": "가입서"}}
    )
    assert titled.json()["title"]["text"] == "가입서" and titled.json()["sample"]["title_text"] is None
    combined = api.patch(
        f"{base}/{template['id']}", json={"combine": [{"name": "contact", "fields": ["name", "email"]}]}
    )
    assert combined.status_code == 200, combined.text
    assert combined.json()["combine"] == [{"name": "contact", "fields": ["name", "email"], "separator": " "}]

    deployed = api.post(f"{base}/{template['id']}/deploy", json={"stage": "service"})
    assert deployed.json()["version"] == 4
    assert deployed.json()["stage"] == "service"
    assert api.post(f"{base}/{template['id']}/deploy", json={"stage": "prod"}).status_code == 422
    assert api.post(f"{base}/{template['id']}/undeploy").json()["stage"] == "draft"
    assert api.get(f"/api/v1/domains/{domain['id']}").json()["template_names"] == ["membership v2"]
    assert api.delete(f"{base}/{template['id']}").status_code == 204
    missing = api.get(f"{base}/{template['id']}")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "TEMPLATE_NOT_FOUND"


def test_bad_definitions_and_domains_are_refused(api: TestClient) -> None:
    domain = template_domain(api)
    bad = new_template(api, domain["id"], fields=[{"name": "x", "boxes": [[990, 0, 50, 10]]}])
    assert bad.status_code == 422 and bad.json()["error"]["details"]["field"] == "fields[0].boxes[0]"
    no_sample = new_template(api, domain["id"], sample_image=None)
    assert no_sample.status_code == 422
    junk = new_template(
        api, domain["id"], sample_image={"format": "png", "data": base64.b64encode(b"no").decode()}
    )
    assert junk.status_code == 422 and junk.json()["error"]["details"]["field"] == "sample_image"
    made = new_template(api, domain["id"]).json()
    not_a_box = api.patch(f"/api/v1/domains/{domain['id']}/templates/{made['id']}", json={"title": "abc"})
    assert not_a_box.status_code == 422 and not_a_box.json()["error"]["details"]["field"] == "title"

    basic = template_domain(api, name="basic forms", code="basicforms", recognition_model="basic")
    refused = new_template(api, basic["id"])
    assert refused.status_code == 422 and refused.json()["error"]["code"] == "PREMIUM_FEATURE"
    plain = [
        {**f, "boxes": f["boxes"][:1], "value_type": "text"}
        for f in DEFINITION["fields"]
        if not f["checkbox"]
    ]
    assert new_template(api, basic["id"], fields=plain).status_code == 201

    general = template_domain(
        api, name="general", code="general", service_type="general", recognition_model="general"
    )
    wrong = api.get(f"/api/v1/domains/{general['id']}/templates")
    assert wrong.status_code == 409 and wrong.json()["error"]["code"] == "NOT_A_TEMPLATE_DOMAIN"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_infer_without_a_service_template_is_1021(api: TestClient) -> None:
    domain = template_domain(api)
    assert new_template(api, domain["id"]).status_code == 201
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    body = {
        "version": "V2",
        "requestId": "r",
        "timestamp": 0,
        "images": [{"format": "png", "name": "x", "data": SAMPLE["data"]}],
    }
    response = api.post(path, json=body, headers={"X-OCR-SECRET": secret})
    assert response.status_code == 400 and response.json()["code"] == "1021"


class Validator(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        payload = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Validator.received.append(payload)
        ok = payload["image"]["fields"][0]["inferText"] == "김민수"
        answer = json.dumps({"result": "VALID" if ok else "INVALID", "message": "checked"}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture
def validator() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Validator)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/validate"
    server.shutdown()
    server.server_close()


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_infer_reads_a_distorted_photo_and_asks_the_validation_server(
    api: TestClient, validator: str
) -> None:
    domain = template_domain(api)
    template = new_template(api, domain["id"], validation_url=validator).json()
    other = new_template(api, domain["id"], name="draft only").json()
    api.post(f"/api/v1/domains/{domain['id']}/templates/{template['id']}/deploy", json={"stage": "service"})
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    photo = jpeg(scale(perspective(rotate(render_form(KOREAN_FORM, FILLED)[0], 6), 0.05, seed=4), 0.8), 40)
    data = base64.b64encode(to_png(photo)).decode()
    body = {
        "version": "V2",
        "requestId": "r1",
        "timestamp": "0",
        "lang": "ko",
        "images": [{"format": "png", "name": "form", "data": data}],
    }
    response = api.post(path, json=body, headers={"X-OCR-SECRET": secret})
    assert response.status_code == 200, response.text
    [entry] = response.json()["images"]
    assert entry["inferResult"] == "SUCCESS", entry["message"]
    assert entry["matchedTemplate"] == {"id": template["id"], "name": "membership"}
    assert entry["convertedImageInfo"]["width"] == photo.width
    values = {f["name"]: f["inferText"] for f in entry["fields"]}
    assert values == {
        "name": "김민수",
        "phone": "01048217735",
        "birth": "1990-03-15",
        "amount": "1250000",
        "email": "kim@example.com",
        "agree": "",
    }
    assert entry["fields"][-1]["checked"] is True
    assert entry["validationResult"] == {"result": "VALID", "message": "checked"}
    assert Validator.received[-1]["image"]["validationResult"] == {"result": "UNCHECKED"}
    # Every vertex lies in the photo: boxes are in the input's pixels.
    for vertex in entry["fields"][0]["boundingPoly"]["vertices"]:
        assert 0 <= vertex["x"] <= photo.width and 0 <= vertex["y"] <= photo.height

    # templateIds naming no service template: nothing to match against.
    body["images"][0]["templateIds"] = [other["id"]]
    missed = api.post(path, json=body, headers={"X-OCR-SECRET": secret}).json()["images"][0]
    assert missed["inferResult"] == "FAILURE" and missed["message"] == "NOT_FOUND: not found matched template"

    # Statistics per template: the matched call counts under its template, the unmatched one under none.
    [row] = api.get("/api/v1/stats/calls", params={"template_id": template["id"]}).json()["data"]
    assert (row["domain_id"], row["template_id"], row["calls"], row["success"]) == (
        domain["id"],
        template["id"],
        1,
        1,
    )
    rows = api.get("/api/v1/stats/calls", params={"domain_id": domain["id"]}).json()["data"]
    assert sorted((r["template_id"] or 0, r["calls"], r["failure"]) for r in rows) == [
        (0, 1, 1),
        (template["id"], 1, 0),
    ]


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_test_run_returns_the_result_and_a_preview(api: TestClient) -> None:
    domain = template_domain(api)
    template = new_template(api, domain["id"]).json()
    image = to_png(render_form(KOREAN_FORM, {**FILLED, "agree": False})[0].rotate(180))
    response = api.post(
        f"/api/v1/domains/{domain['id']}/templates/{template['id']}/test",
        files={"file": ("form.png", image, "image/png")},
    )
    assert response.status_code == 200, response.text
    result = response.json()
    [entry] = result["images"]
    assert entry["inferResult"] == "SUCCESS" and entry["fields"][-1]["checked"] is False
    assert {f["name"]: f["inferText"] for f in entry["fields"]}["phone"] == "01048217735"
    preview = api.get(result["preview_url"].removeprefix("http://hanji.test"))
    assert preview.status_code == 200 and preview.content.startswith(b"\x89PNG")
    # L6: the preview route reads that preview only, not any blob by key (the sample, a job's file)
    unsigned = result["preview_url"].removeprefix("http://hanji.test").split("?")[0]
    assert api.get(unsigned).status_code == 404
    sample_key = hashlib.sha256(to_png(BLANK)).hexdigest()
    other = f"/api/v1/domains/{domain['id']}/templates/{template['id']}/previews/{sample_key}"
    assert api.get(other + "?sig=" + "0" * 32).status_code == 404
    as_json = api.post(
        f"/api/v1/domains/{domain['id']}/templates/{template['id']}/test", json={"image": {"format": "png"}}
    )
    assert as_json.status_code == 422


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_test_run_exports_fields_as_csv(api: TestClient) -> None:
    domain = template_domain(api)
    template = new_template(api, domain["id"]).json()
    url = f"/api/v1/domains/{domain['id']}/templates/{template['id']}/test"
    image = to_png(render_form(KOREAN_FORM, FILLED)[0])
    response = api.post(url, params={"format": "csv"}, files={"file": ("form.png", image, "image/png")})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.headers["content-disposition"].startswith("attachment;")
    lines = response.text.splitlines()
    assert lines[0] == "page,field,value_type,type,text,confidence,checked"
    assert any(line.startswith("1,phone,") and ",01048217735," in line for line in lines)
    unknown = api.post(url, params={"format": "pdf"}, files={"file": ("form.png", image, "image/png")})
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "VALIDATION_ERROR"
    assert unknown.json()["error"]["details"]["field"] == "format"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_copy_keeps_deployments_and_says_what_a_basic_copy_changed(api: TestClient) -> None:
    """#15 item 5: templates keep their stage; one a Basic copy had to change becomes a draft, and
    the answer says so per template and field; languages and plan may change with the copy."""
    domain = template_domain(api)
    plain = [
        {**f, "boxes": f["boxes"][:1], "value_type": "text"}
        for f in DEFINITION["fields"]
        if not f["checkbox"]
    ]
    simple = new_template(api, domain["id"], name="simple", fields=plain).json()
    rich = new_template(api, domain["id"], name="rich").json()
    for template in (simple, rich):
        base = f"/api/v1/domains/{domain['id']}/templates/{template['id']}"
        assert api.post(f"{base}/deploy", json={"stage": "service"}).status_code == 200
    same = api.post(
        f"/api/v1/domains/{domain['id']}/copy",
        json={"name": "kept", "code": "kept", "languages": ["ko", "ja"], "service_plan": "standard"},
    ).json()
    assert same["languages"] == ["ko", "ja"] and same["service_plan"] == "standard"
    assert [(t["name"], t["stage"], t["needs_redeploy"]) for t in same["templates"]] == [
        ("simple", "service", False),
        ("rich", "service", False),
    ]
    basic = api.post(
        f"/api/v1/domains/{domain['id']}/copy",
        json={"name": "basic", "code": "basic", "recognition_model": "basic"},
    ).json()
    effects = {t["name"]: t for t in basic["templates"]}
    assert effects["simple"]["stage"] == "service" and not effects["simple"]["dropped"]
    assert effects["rich"]["stage"] == "draft" and effects["rich"]["needs_redeploy"]
    features = {(d["field"], d["feature"]) for d in effects["rich"]["dropped"]}
    assert ("phone", "multi_box") in features and ("agree", "checkbox") in features
    assert any(d["feature"] == "multi_box" and d["detail"] == "3" for d in effects["rich"]["dropped"])
    listed = api.get(f"/api/v1/domains/{basic['id']}/templates").json()["data"]
    assert {t["name"]: t["stage"] for t in listed} == {"simple": "service", "rich": "draft"}


def test_definition_errors_name_every_problem_with_a_key_and_one_based_numbers(api: TestClient) -> None:
    """#15 item 4: each problem carries a machine key, where it is (field number counted from 1, its
    name) and what is wrong, for the console to say in its language; the English message counts
    from 1 too. Every problem comes at once, not one per save."""
    domain = template_domain(api)
    fields = copy.deepcopy(DEFINITION["fields"])
    fields[1]["validation"] = {"regex": "(a+)+$"}
    fields[2]["name"] = fields[0]["name"]
    fields[3]["boxes"] = [[990, 0, 50, 10]]
    response = new_template(api, domain["id"], fields=fields)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "VALIDATION_ERROR"
    details = error["details"]
    assert details["key"] == "definition.regex_nested_repeat" and details["part"] == "field"
    assert details["params"] == {"number": 2, "name": "phone"}
    assert details["field"] == "fields[1].validation.regex"
    assert error["message"].startswith("Field 2 (phone): the validation pattern has a repeat inside a repeat")
    assert error["message"].endswith("(and 2 more)")
    assert [(p["key"], p["params"]) for p in details["problems"]] == [
        ("definition.regex_nested_repeat", {"number": 2, "name": "phone"}),
        ("definition.box_outside", {"number": 4, "name": "amount", "box": 1, "width": 1000, "height": 1300}),
        ("definition.fields_duplicate", {"number": 3, "name": "name", "other": 1}),
    ]
    assert [p["message"] for p in details["problems"]][1:] == [
        "Field 4 (amount): box 1 leaves the 1000x1300 sample image",
        "Field 3 (name): field 1 already has this name",
    ]
    made = new_template(api, domain["id"]).json()
    patched = api.patch(
        f"/api/v1/domains/{domain['id']}/templates/{made['id']}",
        json={"tables": [{"name": " ", "box": [0, 0, 10, 10]}], "combine": [{"name": "c", "fields": ["x"]}]},
    )
    assert patched.status_code == 422
    problems = patched.json()["error"]["details"]["problems"]
    assert [(p["part"], p["key"], p["params"]) for p in problems] == [
        ("table", "definition.name_invalid", {"number": 1, "limit": 100}),
        ("combination", "definition.combination_unknown_field", {"number": 1, "name": "c", "field": "x"}),
    ]
    assert problems[0]["message"] == "Table area 1: the name must be 1-100 characters"


def stage_test(api: TestClient, domain_id: int, stage: str | None, image: bytes, **params: str) -> Any:
    query = {**params, **({"stage": stage} if stage else {})}
    return api.post(
        f"/api/v1/domains/{domain_id}/templates/test",
        params=query,
        files={"file": ("form.png", image, "image/png")},
    )


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_stage_test_needs_a_stage_with_a_deployed_template(api: TestClient) -> None:
    """#15 item 3: ``…/templates/test?stage=`` names beta or service; nothing deployed there is CLOVA's
    1021, before any OCR; an editor may run it, as one template's test (a viewer may not)."""
    domain = template_domain(api)
    template = new_template(api, domain["id"]).json()
    image = to_png(BLANK)
    missing = stage_test(api, domain["id"], None, image)
    assert (
        missing.status_code == 422 and missing.json()["error"]["details"]["problems"][0]["field"] == "stage"
    )
    wrong = stage_test(api, domain["id"], "draft", image)
    assert wrong.status_code == 422 and wrong.json()["error"]["details"]["field"] == "stage"
    fmt = stage_test(api, domain["id"], "beta", image, format="pdf")
    assert fmt.status_code == 422 and fmt.json()["error"]["details"]["field"] == "format"
    for stage in ("beta", "service"):
        nothing = stage_test(api, domain["id"], stage, image)
        assert nothing.status_code == 400 and nothing.json()["error"]["code"] == "1021", nothing.text
    api.post(f"/api/v1/domains/{domain['id']}/templates/{template['id']}/deploy", json={"stage": "beta"})
    assert stage_test(api, domain["id"], "service", image).json()["error"]["code"] == "1021"
    route = "/api/v1/domains/{domain_id}/templates/test"
    assert needed("POST", route) is needed("POST", route.replace("/test", "/{template_id}/test"))
    assert needed("POST", route) is Permission.EDIT


@pytest.mark.slow
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_stage_test_matches_among_the_templates_deployed_there(api: TestClient) -> None:
    domain = template_domain(api)
    base = f"/api/v1/domains/{domain['id']}/templates"
    membership = new_template(api, domain["id"]).json()
    blank_parts, parts_definition = render_form(TABLE_FORM)
    parts_sample = {"format": "png", "data": base64.b64encode(to_png(blank_parts)).decode()}
    parts = new_template(
        api, domain["id"], name="parts", sample_image=parts_sample, **parts_definition
    ).json()
    for template in (membership, parts):
        assert api.post(f"{base}/{template['id']}/deploy", json={"stage": "beta"}).status_code == 200
    filled = to_png(render_form(KOREAN_FORM, FILLED)[0])
    response = stage_test(api, domain["id"], "beta", filled)
    assert response.status_code == 200, response.text
    [entry] = response.json()["images"]
    assert entry["inferResult"] == "SUCCESS"
    assert entry["matchedTemplate"] == {"id": membership["id"], "name": "membership"}
    assert {f["name"]: f["inferText"] for f in entry["fields"]}["phone"] == "01048217735"
    preview_url = response.json()["preview_url"].removeprefix("http://hanji.test")
    assert preview_url.startswith(f"{base}/{membership['id']}/previews/")
    preview = api.get(preview_url)
    assert preview.status_code == 200 and preview.content.startswith(b"\x89PNG")
    csv = stage_test(api, domain["id"], "beta", filled, format="csv")
    assert csv.status_code == 200 and csv.headers["content-type"].startswith("text/csv")
    assert "templates-beta-test" in csv.headers["content-disposition"]
    # A page that is no form matches nothing; its preview is signed under one of the stage's templates.
    assert api.post(f"{base}/{parts['id']}/deploy", json={"stage": "service"}).status_code == 200
    unmatched = api.post(
        f"{base}/test", params={"stage": "service"}, files={"file": ("page.jpg", NOT_A_FORM.read_bytes())}
    ).json()
    assert unmatched["images"][0]["inferResult"] == "FAILURE"
    assert unmatched["images"][0]["matchedTemplate"] is None
    other_preview = unmatched["preview_url"].removeprefix("http://hanji.test")
    assert other_preview.startswith(f"{base}/{parts['id']}/previews/")
    assert api.get(other_preview).status_code == 200
