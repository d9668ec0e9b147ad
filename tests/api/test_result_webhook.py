"""A domain's webhook gets every synchronous invoke result, HMAC-signed, without delaying the call."""

from __future__ import annotations

import hashlib
import hmac
import json
import queue
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.api.test_invoke import image_bytes, json_body

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]


@pytest.fixture
def general(api: TestClient) -> dict[str, Any]:
    domain = create(api, name="hooked", code="hooked", service_type="general", recognition_model="general")
    secret = api.post(f"/api/v1/domains/{domain.json()['id']}/secret-keys").json()["secret"]
    return {
        "domain": domain.json(),
        "path": domain.json()["invoke_urls"][0]["url"].removeprefix("http://hanji.test"),
        "headers": {"X-OCR-SECRET": secret},
    }


@pytest.fixture
def receiver() -> Iterator[tuple[str, queue.Queue[tuple[bytes, str]]]]:
    received: queue.Queue[tuple[bytes, str]] = queue.Queue()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.put((body, self.headers.get("X-Hanji-Signature", "")))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", received
    finally:
        server.shutdown()
        server.server_close()


def test_sync_invoke_result_is_posted_signed(
    api: TestClient, general: dict[str, Any], receiver: tuple[str, queue.Queue[tuple[bytes, str]]]
) -> None:
    url, received = receiver
    hook = api.put(f"/api/v1/domains/{general['domain']['id']}/webhook", json={"webhook_url": url})
    assert hook.status_code == 200, hook.text
    secret = hook.json()["webhook_secret"]

    response = api.post(
        general["path"], headers=general["headers"], json=json_body(image_bytes("en_receipt"))
    )
    assert response.status_code == 200, response.text

    raw, signature = received.get(timeout=10)
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(signature, expected)
    assert json.loads(raw) == response.json()


def test_no_webhook_no_post(
    api: TestClient, general: dict[str, Any], receiver: tuple[str, queue.Queue[tuple[bytes, str]]]
) -> None:
    _, received = receiver
    response = api.post(
        general["path"], headers=general["headers"], json=json_body(image_bytes("en_receipt"))
    )
    assert response.status_code == 200, response.text
    with pytest.raises(queue.Empty):
        received.get(timeout=0.5)
