"""#15 item 2: trying a domain from the console runs its own flow, and a result exports as a sheet."""

from __future__ import annotations

import io

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook

from tests.api.test_domains import create
from tests.api.test_invoke import image_bytes

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def test_a_general_domain_reads_an_upload_and_the_result_exports(api: TestClient) -> None:
    domain = create(api, name="try", code="try", service_type="general", recognition_model="general").json()
    tried = api.post(
        f"/api/v1/domains/{domain['id']}/try?lang=en",
        files={"file": ("receipt.jpg", image_bytes("en_receipt"), "image/jpeg")},
    )
    assert tried.status_code == 200, tried.text
    [image] = tried.json()["images"]
    assert image["inferResult"] == "SUCCESS" and len(image["fields"]) > 10
    assert all(len(f["boundingPoly"]["vertices"]) == 4 for f in image["fields"])
    csv_text = api.post("/api/v1/results/export?format=csv", json=tried.json()).text
    assert csv_text.startswith("page,field,value_type,type,text,confidence,checked")
    assert len(csv_text.splitlines()) == len(image["fields"]) + 1
    sheet = api.post("/api/v1/results/export?format=xlsx", json=tried.json())
    rows = list(load_workbook(io.BytesIO(sheet.content)).active.iter_rows(values_only=True))
    assert rows[1][4] == image["fields"][0]["inferText"]
    summary = api.get(f"/api/v1/stats/summary?domain_id={domain['id']}").json()
    assert summary["totals"]["calls"] == 1  # a try is a call like any other


def test_a_general_try_pairs_labels_with_values_when_asked(api: TestClient) -> None:
    made = create(api, name="try kv", code="trykv", service_type="general", recognition_model="general")
    domain = made.json()
    url = f"/api/v1/domains/{domain['id']}/try?lang=en"
    upload = {"file": ("receipt.jpg", image_bytes("en_receipt"), "image/jpeg")}
    plain = api.post(url, files=upload).json()["images"][0]
    paired = api.post(url + "&key_values=true", files=upload).json()["images"][0]
    assert "keyValues" not in plain
    pairs = paired["keyValues"]
    assert pairs and all({"key", "value", "confidence"} <= set(kv) for kv in pairs)


def test_a_try_without_a_file_or_with_a_bad_format_says_so(api: TestClient) -> None:
    domain = create(api, name="try2", code="try2", service_type="general", recognition_model="general").json()
    missing = api.post(f"/api/v1/domains/{domain['id']}/try", files={"other": ("x", b"x")})
    assert missing.status_code == 422 and missing.json()["error"]["details"]["field"] == "file"
    wrong = api.post(f"/api/v1/domains/{domain['id']}/try?format=pdf", files={"file": ("a.jpg", b"x")})
    assert wrong.status_code == 422 and wrong.json()["error"]["details"]["field"] == "format"
    assert api.post("/api/v1/domains/99999/try", files={"file": ("a.jpg", b"x")}).status_code == 404
