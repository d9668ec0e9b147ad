"""Hostile request bodies, names and numbers on invoke URLs and the management API: the spec's
code every time, never a 500."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.hostile import make_corpus as corpus
from tests.hostile.conftest import Invoke

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
MB = 1024 * 1024


def message(**image: Any) -> dict[str, Any]:
    return {
        "version": "V2",
        "requestId": "r",
        "timestamp": 0,
        "images": [{"format": "png", "name": "n", **image}],
    }


def clova_error(response: Any, status: int, code: str, *says: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert list(body) == ["code", "message", "path", "traceId", "timestamp"]
    assert body["code"] == code
    for text in says:
        assert text in body["message"], body["message"]
    return body


def test_wrong_format_for_the_bytes_is_tolerated(api: TestClient, general: Invoke) -> None:
    body = message(format="pdf", data=base64.b64encode(corpus.text_png()).decode())
    response = api.post(general.path, headers=general.headers, json=body)
    assert response.status_code == 200, response.text
    assert response.json()["images"][0]["inferResult"] == "SUCCESS"


def test_unknown_bytes_are_0011(api: TestClient, general: Invoke) -> None:
    body = message(data=base64.b64encode(b"just some text, not an image").decode())
    response = api.post(general.path, headers=general.headers, json=body)
    clova_error(response, 400, "0011", "not a supported image or PDF (declared format 'png')")


@pytest.mark.parametrize(
    ("data", "says"),
    [
        ("!!!! not base64 ####", "images[0].data is not valid base64"),
        ("QUJDRA=x", "images[0].data is not valid base64"),
        ("QUJDR", "its length is impossible"),
        ("====", "images[0].data is empty"),
    ],
)
def test_base64_that_is_not(api: TestClient, general: Invoke, data: str, says: str) -> None:
    response = api.post(general.path, headers=general.headers, json=message(data=data))
    clova_error(response, 400, "0011", says)


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (b"{not json", "the body is not valid JSON (Expecting property name"),
        (b"\xff\xfe{}", "the body is not UTF-8 text"),
        (b"[1, 2]", "the body must be a JSON object, got an array"),
        (b"", "the body is empty"),
        (b'{"version": NaN}', "NaN is not a JSON number"),
        (b"[" * 10_000 + b"]" * 10_000, "the body is not valid JSON (RecursionError"),
        (b'{"a":' * 10_000 + b"1" + b"}" * 10_000, "the body is not valid JSON (RecursionError"),
    ],
    ids=["syntax", "utf16", "array", "empty", "nan", "nested-arrays", "nested-objects"],
)
def test_json_that_is_not(api: TestClient, general: Invoke, raw: bytes, says: str) -> None:
    response = api.post(general.path, headers=general.headers, content=raw)
    clova_error(response, 400, "0011", says)


def test_multipart_without_message_or_file(api: TestClient, general: Invoke) -> None:
    png = corpus.text_png()
    no_message = api.post(general.path, headers=general.headers, files={"file": ("a.png", png, "image/png")})
    clova_error(no_message, 400, "0011", "no 'message' part")
    no_file = api.post(
        general.path, headers=general.headers, files={"message": (None, json.dumps(message()), "text/plain")}
    )
    clova_error(no_file, 400, "0011", "no 'file' part")
    broken = api.post(
        general.path,
        headers={**general.headers, "Content-Type": "multipart/form-data; boundary=xyz"},
        content=b'--xyz\r\nContent-Disposition: form-data; name="file"\r\n\r\nunterminated',
    )
    clova_error(broken, 400, "0011")


# --- Unicode in names --------------------------------------------------------------------------

NAMES = {
    "nul": "a\u0000b",
    "rtl": "\u202eexe.gnp",
    "long": "x" * 10_000,
    "emoji": "\U0001f4c4 scan",
}


@pytest.mark.parametrize("kind", list(NAMES))
def test_odd_image_names_are_echoed(api: TestClient, general: Invoke, kind: str) -> None:
    body = message(name=NAMES[kind], data=base64.b64encode(corpus.text_png()).decode())
    response = api.post(general.path, headers=general.headers, json=body)
    assert response.status_code == 200, response.text
    assert response.json()["images"][0]["name"] == NAMES[kind]


def test_lone_surrogate_in_a_name_is_0011(api: TestClient, general: Invoke) -> None:
    raw = json.dumps(message(data=base64.b64encode(corpus.text_png()).decode())).replace(
        '"name": "n"', '"name": "bad \\ud800 name"'
    )
    response = api.post(general.path, headers=general.headers, content=raw.encode())
    clova_error(response, 400, "0011", "images[0].name", "lone UTF-16 surrogate")


def test_lone_surrogate_in_multipart_message_is_0011(api: TestClient, general: Invoke) -> None:
    raw = json.dumps(message()).replace('"requestId": "r"', '"requestId": "\\udfff"')
    files = {"file": ("a.png", corpus.text_png(), "image/png"), "message": (None, raw, "text/plain")}
    response = api.post(general.path, headers=general.headers, files=files)
    clova_error(response, 400, "0011", "requestId", "lone UTF-16 surrogate")


@pytest.mark.parametrize(
    ("name", "status", "code"),
    [
        ("a\u0000b", 422, "INVALID_DOMAIN_NAME"),
        ("\u202eevil", 422, "INVALID_DOMAIN_NAME"),
        ("x" * 10_000, 422, "INVALID_DOMAIN_NAME"),
        ("bad \ud800 name", 422, "VALIDATION_ERROR"),
    ],
    ids=["nul", "rtl", "long", "surrogate"],
)
def test_odd_domain_names_are_refused(api: TestClient, name: str, status: int, code: str) -> None:
    body = {
        "name": name,
        "code": "odd",
        "service_type": "template",
        "languages": ["ko"],
        "recognition_model": "basic",
    }
    raw = json.dumps(body)  # ensure_ascii keeps the lone surrogate as \ud800 in the JSON text
    response = api.post("/api/v1/domains", content=raw, headers={"Content-Type": "application/json"})
    assert response.status_code == status, response.text
    assert response.json()["error"]["code"] == code
    rename = api.patch("/api/v1/domains/1", content=json.dumps({"name": name}))
    assert rename.status_code in (404, status), rename.text


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timestamp", "status", "says"),
    [
        ("1e400", 400, "timestamp must be a finite number"),
        ("-1", 200, ""),
        ('"-1"', 200, ""),
        ("1e300", 200, ""),
        ("9" * 5000, 400, "the body is not valid JSON (ValueError: Exceeds the limit"),
        ('"1e999"', 400, "timestamp must be a finite number"),
    ],
    ids=["inf", "negative", "negative-string", "huge-float", "huge-int", "inf-string"],
)
def test_odd_timestamps(api: TestClient, general: Invoke, timestamp: str, status: int, says: str) -> None:
    raw = json.dumps(message(data=base64.b64encode(corpus.text_png()).decode())).replace(
        '"timestamp": 0', f'"timestamp": {timestamp}'
    )
    response = api.post(general.path, headers=general.headers, content=raw.encode())
    if status == 200:
        assert response.status_code == 200, response.text
        assert response.json()["timestamp"] > 1_700_000_000_000
    else:
        clova_error(response, status, "0011", says)


@pytest.mark.parametrize(
    "query",
    ["limit=-5", "offset=-1", f"offset={10**30}", f"limit={10**30}", "limit=abc", f"q={'%00' * 10}"],
)
def test_odd_list_parameters(api: TestClient, query: str) -> None:
    response = api.get(f"/api/v1/domains?{query}")
    assert response.status_code in (200, 400, 422), response.text
    if response.status_code != 200:
        assert response.json()["error"]["code"] in ("VALIDATION_ERROR", "INVALID_QUERY")


@pytest.mark.parametrize("domain_id", [str(10**30), str(2**63), "-1", "0", "1e3"])
@pytest.mark.parametrize(
    ("method", "suffix"),
    [("GET", ""), ("PATCH", ""), ("DELETE", "?confirm=x"), ("GET", "/secret-keys"), ("POST", "/copy")],
)
def test_odd_domain_ids_in_urls(api: TestClient, domain_id: str, method: str, suffix: str) -> None:
    body = {"name": "x"} if method == "PATCH" else {"name": "a", "code": "b"} if suffix == "/copy" else None
    response = api.request(method, f"/api/v1/domains/{domain_id}{suffix}", json=body)
    assert response.status_code in (404, 422), response.text
    assert response.json()["error"]["code"] in ("DOMAIN_NOT_FOUND", "VALIDATION_ERROR")


@pytest.mark.parametrize("domain_id", [str(10**30), "-1", "0", "１２"])
def test_odd_domain_ids_in_invoke_urls(api: TestClient, general: Invoke, domain_id: str) -> None:
    _, _, _, _, key, suffix = general.path.split("/", 5)
    response = api.post(f"/custom/v1/{domain_id}/{key}/{suffix}", headers=general.headers, json=message())
    clova_error(response, 400, "0001", "URL is invalid.")


# --- bodies over the limit ----------------------------------------------------------------------


class CountingBody:
    """An ASGI ``receive`` that streams ``total`` bytes and counts how many the app pulled."""

    def __init__(self, total: int, chunk: int = MB) -> None:
        self.total, self.chunk, self.sent = total, chunk, 0

    async def __call__(self) -> dict[str, Any]:
        self.sent += self.chunk
        return {"type": "http.request", "body": b"x" * self.chunk, "more_body": self.sent < self.total}


def post_streaming(
    app: Any, path: str, headers: dict[str, str], body: CountingBody
) -> tuple[int, dict[str, Any]]:
    """POST straight into the ASGI app (TestClient would read the whole body before sending it)."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "POST",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(k.lower().encode(), v.encode()) for k, v in headers.items()],
        "client": ("127.0.0.1", 50000),
        "server": ("hanji.test", 80),
    }
    sent: list[dict[str, Any]] = []

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(app(scope, body, send))
    status = next(m["status"] for m in sent if m["type"] == "http.response.start")
    payload = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return status, json.loads(payload)


def check_413(status: int, body: dict[str, Any], limit: str) -> None:
    assert status == 413, body
    assert body["code"] == "0011" and f"over the {limit} limit" in body["message"]


def test_100_mb_body_with_content_length_is_refused_unread(api: TestClient, general: Invoke) -> None:
    stream = CountingBody(100 * MB)
    headers = {**general.headers, "Content-Length": str(100 * MB), "Content-Type": "application/json"}
    status, body = post_streaming(api.app, general.path, headers, stream)
    check_413(status, body, "60 MB")
    assert stream.sent == 0  # refused on the declared length alone


def test_100_mb_chunked_body_is_cut_off_at_the_limit(api: TestClient, general: Invoke) -> None:
    stream = CountingBody(100 * MB)
    # No Content-Length: the server can only count what arrives, and must stop just past 60 MB.
    status, body = post_streaming(api.app, general.path, general.headers, stream)
    check_413(status, body, "60 MB")
    assert stream.sent <= 61 * MB


@pytest.mark.parametrize("declared", [str(10**30), "\u00b2", "-5", "abc"])
def test_odd_content_lengths(api: TestClient, general: Invoke, declared: str) -> None:
    headers = {**general.headers, "Content-Length": declared, "Content-Type": "application/json"}
    status, body = post_streaming(api.app, general.path, headers, CountingBody(2 * MB))
    if declared.isascii() and declared.isdigit():
        check_413(status, body, "60 MB")
    else:  # no usable length: the body is read (and is not JSON)
        assert (status, body["code"]) == (400, "0011"), body
