"""Invoke URLs end to end with the real engines, sending the request shapes real CLOVA clients send."""

from __future__ import annotations

import base64
import difflib
import io
import json
import threading
import unicodedata
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from PIL import Image

from tests.api.test_domains import create

OCR_DATA = Path(__file__).resolve().parents[1] / "data" / "ocr"
pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


def image_bytes(name: str) -> bytes:
    return (OCR_DATA / f"{name}.jpg").read_bytes()


def text_of(entry: dict[str, Any]) -> str:
    return "".join(f["inferText"] + ("\n" if f["lineBreak"] else " ") for f in entry["fields"])


def similarity_to_truth(entry: dict[str, Any], sample: str) -> float:
    """How much of the sample's ground-truth text was read (difflib ratio, whitespace ignored)."""
    truth = "".join(row.split(",", 8)[8] for row in (OCR_DATA / f"{sample}.csv").read_text().splitlines())
    squash = lambda text: unicodedata.normalize("NFKC", "".join(text.split())).casefold()  # noqa: E731
    return difflib.SequenceMatcher(None, squash(truth), squash(text_of(entry))).ratio()


@pytest.fixture
def general(api: TestClient) -> dict[str, Any]:
    domain = create(
        api,
        name="general",
        code="general",
        service_type="general",
        languages=["ko", "ja", "zh-TW"],
        recognition_model="general",
    ).json()
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    return {
        "domain": domain,
        "path": domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test"),
        "headers": {"X-OCR-SECRET": secret},
    }


def json_body(data: bytes, *, fmt: str = "jpg", version: str = "V2", **extra: Any) -> dict[str, Any]:
    return {
        "version": version,
        "requestId": "req-1",
        "timestamp": 0,
        "lang": "ko",
        "images": [{"format": fmt, "name": "demo", "data": base64.b64encode(data).decode()}],
        **extra,
    }


def test_python_requests_json_base64_client(api: TestClient, general: dict[str, Any]) -> None:
    response = api.post(general["path"], headers=general["headers"], json=json_body(image_bytes("ko_cldr")))
    assert response.status_code == 200, response.text
    body = response.json()
    assert list(body) == ["version", "requestId", "timestamp", "images"]
    assert body["requestId"] == "req-1" and body["timestamp"] > 1_700_000_000_000
    [entry] = body["images"]
    assert list(entry) == [
        "uid",
        "name",
        "inferResult",
        "message",
        "validationResult",
        "convertedImageInfo",
        "fields",
    ]
    assert entry["inferResult"] == "SUCCESS" and len(entry["uid"]) == 32
    width, height = Image.open(OCR_DATA / "ko_cldr.jpg").size
    assert entry["convertedImageInfo"] == {
        "width": width,
        "height": height,
        "pageIndex": 0,
        "longImage": False,
    }
    assert similarity_to_truth(entry, "ko_cldr") > 0.85
    field = entry["fields"][0]
    assert list(field) == ["valueType", "boundingPoly", "inferText", "inferConfidence", "type", "lineBreak"]
    assert len(field["boundingPoly"]["vertices"]) == 4 and 0 <= field["inferConfidence"] <= 1
    assert entry["fields"][-1]["lineBreak"] is True


def test_naver_v1_sample_with_string_timestamp_and_utf8_content_type(
    api: TestClient, general: dict[str, Any]
) -> None:
    body = json_body(image_bytes("en_receipt"), version="V1", timestamp="1584062336793", lang="en")
    response = api.post(
        general["path"],
        content=json.dumps(body),
        headers={**general["headers"], "Content-Type": "application/json;UTF-8"},
    )
    assert response.status_code == 200, response.text
    entry = response.json()["images"][0]
    assert set(entry["fields"][0]["bounding"]) == {"top", "left", "width", "height"}
    assert "JOHOR BAHRU" in text_of(entry).upper()


def test_multipart_message_and_file_client(api: TestClient, general: dict[str, Any]) -> None:
    message = {
        "version": "V2",
        "requestId": "mp",
        "timestamp": "0",
        "lang": "ja",
        "images": [{"format": "png", "name": "japanese"}],
    }  # format does not match the jpg bytes
    response = api.post(
        general["path"],
        headers=general["headers"],
        files={
            "file": ("scan.jpg", image_bytes("ja_cldr"), "image/jpeg"),
            "message": (None, json.dumps(message), "text/plain"),
        },
    )
    assert response.status_code == 200, response.text
    entry = response.json()["images"][0]
    assert entry["name"] == "japanese" and entry["inferResult"] == "SUCCESS"
    assert similarity_to_truth(entry, "ja_cldr") > 0.85


class _ImageServer(BaseHTTPRequestHandler):
    payload = b""

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "image/jpeg")
        self.send_header("Content-Length", str(len(self.payload)))
        self.end_headers()
        self.wfile.write(self.payload)

    def log_message(self, *args: Any) -> None:
        return None


@pytest.fixture
def image_server() -> Iterator[str]:
    _ImageServer.payload = image_bytes("zh_cldr")
    server = ThreadingHTTPServer(("127.0.0.1", 0), _ImageServer)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/page.jpg"
    server.shutdown()


def test_node_sample_with_url_and_null_data(
    api: TestClient, general: dict[str, Any], image_server: str
) -> None:
    body = {
        "version": "V1",
        "requestId": "n",
        "timestamp": 0,
        "lang": "zh-TW",
        "resultType": "string",
        "images": [{"format": "jpg", "name": "url", "url": image_server, "data": None}],
    }
    response = api.post(general["path"], headers=general["headers"], json=body)
    assert response.status_code == 200, response.text
    assert similarity_to_truth(response.json()["images"][0], "zh_cldr") > 0.85


def test_request_errors_have_clova_codes(api: TestClient, general: dict[str, Any]) -> None:
    path, headers = general["path"], general["headers"]
    data = image_bytes("en_receipt")
    assert api.post(path, headers=headers, content=b"{not json").json()["code"] == "0011"
    assert api.post(path, headers=headers, json=json_body(data, version="V3")).json()["code"] == "0021"
    two = json_body(data)
    two["images"] = two["images"] * 2
    assert api.post(path, headers=headers, json=two).json()["code"] == "0011"
    refused_url = {
        "version": "V2",
        "requestId": "x",
        "timestamp": 0,
        "images": [{"format": "jpg", "name": "x", "url": "http://10.0.0.1/a.jpg"}],
    }
    response = api.post(path, headers=headers, json=refused_url)
    assert response.status_code == 400 and response.json()["code"] == "0011"
    # Tables are not switched on for this domain.
    tables = api.post(path, headers=headers, json=json_body(data, enableTableDetection=True))
    assert tables.status_code == 400 and tables.json()["code"] == "0028"


def test_language_not_enabled_is_0022(api: TestClient) -> None:
    domain = create(
        api, name="ko only", code="ko", service_type="general", languages=["ko"], recognition_model="general"
    ).json()
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    response = api.post(path, headers={"X-OCR-SECRET": secret}, json=json_body(b"x", lang="ja"))
    assert response.status_code == 400 and response.json()["code"] == "0022"


def test_corrupt_file_is_a_200_with_an_error_entry(api: TestClient, general: dict[str, Any]) -> None:
    truncated = image_bytes("en_receipt")[:2000]
    response = api.post(general["path"], headers=general["headers"], json=json_body(truncated))
    assert response.status_code == 200, response.text
    entry = response.json()["images"][0]
    assert entry["inferResult"] == "ERROR" and entry["message"] and entry["fields"] == []


def test_multipage_tiff_gives_one_entry_per_page(api: TestClient, general: dict[str, Any]) -> None:
    pages = [Image.open(OCR_DATA / f"{n}.jpg").convert("RGB") for n in ("en_receipt", "ko_cldr")]
    buffer = io.BytesIO()
    pages[0].save(buffer, format="TIFF", save_all=True, append_images=pages[1:])
    response = api.post(
        general["path"], headers=general["headers"], json=json_body(buffer.getvalue(), fmt="tiff")
    )
    assert response.status_code == 200, response.text
    entries = response.json()["images"]
    assert [e["convertedImageInfo"]["pageIndex"] for e in entries] == [0, 1]
    assert all(e["inferResult"] == "SUCCESS" for e in entries)


def test_tables_when_switched_on(api: TestClient, general: dict[str, Any]) -> None:
    api.patch(f"/api/v1/domains/{general['domain']['id']}", json={"table_extraction": True})
    data = image_bytes("en_receipt")
    with_tables = api.post(
        general["path"], headers=general["headers"], json=json_body(data, enableTableDetection="true")
    )
    entry = with_tables.json()["images"][0]
    assert "tables" in entry and isinstance(entry["tables"], list)
    without = api.post(general["path"], headers=general["headers"], json=json_body(data)).json()["images"][0]
    assert "tables" not in without


def test_calls_are_recorded_in_statistics(api: TestClient, general: dict[str, Any]) -> None:
    api.post(general["path"], headers=general["headers"], json=json_body(image_bytes("en_receipt")))
    api.post(general["path"], headers=general["headers"], json=json_body(b"", version="V9"))
    [row] = api.get("/api/v1/stats/calls", params={"domain_id": general["domain"]["id"]}).json()["data"]
    assert (
        row["calls"] == 2
        and row["success"] == 1
        and row["failure"] == 1
        and row["error_codes"] == {"0021": 1}
    )
    assert row["pages"] == 1 and row["latency_ms_p50"] > 0
    csv_text = api.get("/api/v1/stats/calls", headers={"Accept": "text/csv"}).text
    assert csv_text.splitlines()[0].startswith("bucket,domain_id")
    assert 'hanji_invoke_calls_total{code="200",service_type="general"} 1.0' in api.get("/metrics").text


def test_template_domain_without_deployed_template_is_1021(api: TestClient) -> None:
    domain = create(api).json()
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    response = api.post(path, headers={"X-OCR-SECRET": secret}, json=json_body(image_bytes("en_receipt")))
    assert response.status_code == 400
    assert response.json()["code"] == "1021" and response.json()["message"] == "Not Found Deploy Info"


def test_key_values_extension_pairs_labels_and_values(api: TestClient, general: dict[str, Any]) -> None:
    from PIL import ImageDraw, ImageFont

    page = Image.new("RGB", (900, 260), "white")
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 36)
    draw.text((40, 40), "Name: HONG GILDONG", fill="black", font=font)
    draw.text((40, 140), "Phone: 010-1234-5678", fill="black", font=font)
    buffer = io.BytesIO()
    page.save(buffer, format="PNG")
    body = json_body(buffer.getvalue(), fmt="png", lang="en", enableKeyValue=True)
    entry = api.post(general["path"], headers=general["headers"], json=body).json()["images"][0]
    pairs = {kv["key"]["text"]: kv["value"]["text"] for kv in entry["keyValues"]}
    assert pairs.get("Name") == "HONG GILDONG"
    assert pairs.get("Phone", "").replace(" ", "") == "010-1234-5678"
    plain = api.post(
        general["path"], headers=general["headers"], json=json_body(buffer.getvalue(), fmt="png")
    )
    assert "keyValues" not in plain.json()["images"][0]
