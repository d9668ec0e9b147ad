"""Shared pieces of the job tests: a General domain, generated PDFs, polling, a webhook receiver."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from PIL import Image, ImageDraw, ImageFont

from tests.api.test_domains import create

OCR_DATA = Path(__file__).resolve().parents[1] / "data" / "ocr"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"


def general_domain(api: TestClient) -> dict[str, Any]:
    """A General domain with a secret key; returns its invoke path and headers."""
    domain = create(
        api,
        name="general",
        code="general",
        service_type="general",
        languages=["ko"],
        recognition_model="general",
    ).json()
    path, headers = invoke_of(api, domain)
    return {"domain": domain, "path": path, "headers": headers}


def invoke_of(api: TestClient, domain: dict[str, Any]) -> tuple[str, dict[str, str]]:
    """A new secret key for ``domain``; its invoke path (without the host) and the headers to call it."""
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    return domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test"), {"X-OCR-SECRET": secret}


def invoke_body(data: bytes, *, fmt: str, lang: str = "en", **extra: Any) -> dict[str, Any]:
    return {
        "version": "V2",
        "requestId": "job-1",
        "timestamp": 0,
        "lang": lang,
        "images": [{"format": fmt, "name": "doc", "data": base64.b64encode(data).decode()}],
        **extra,
    }


def numbered_pdf(pages: int) -> bytes:
    """A PDF of small pages, each reading ``PAGE <n>`` in large type: fast to OCR, easy to check."""
    font = ImageFont.truetype(FONT, 40)
    images = []
    for number in range(pages):
        image = Image.new("RGB", (360, 90), "white")
        ImageDraw.Draw(image).text((20, 20), f"PAGE {number:03d}", fill="black", font=font)
        images.append(image)
    buffer = io.BytesIO()
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:], resolution=200)
    return buffer.getvalue()


def page_texts(result: dict[str, Any]) -> list[str]:
    return [" ".join(f["inferText"] for f in entry["fields"]) for entry in result["images"]]


def wait_for_job(
    client: TestClient,
    url: str,
    headers: dict[str, str],
    *,
    timeout_s: float,
    seen: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Poll ``GET …/jobs/{id}`` until the job is final; ``seen`` collects every view polled."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.text
        view: dict[str, Any] = response.json()
        if seen is not None:
            seen.append(view)
        if view["status"] in ("succeeded", "failed"):
            return view
        time.sleep(0.2)
    raise AssertionError(f"job at {url} did not finish in {timeout_s} s: {view}")


@dataclass
class Receiver:
    """What the local webhook server received."""

    url: str
    bodies: list[tuple[bytes, dict[str, str]]] = field(default_factory=list)
    fail_first: int = 0

    def wait(self, count: int, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while len(self.bodies) < count and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(self.bodies) >= count, f"webhook got {len(self.bodies)} calls, wanted {count}"


@contextmanager
def webhook_receiver(fail_first: int = 0) -> Iterator[Receiver]:
    """An http.server on 127.0.0.1 that records POSTs; answers 503 to the first ``fail_first``."""
    receiver = Receiver(url="", fail_first=fail_first)
    failures = {"left": fail_first}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            if failures["left"] > 0:
                failures["left"] -= 1
                self.send_response(503)
            else:
                receiver.bodies.append((body, dict(self.headers)))
                self.send_response(204)
            self.end_headers()

        def log_message(self, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


def signature_ok(body: bytes, headers: dict[str, str], secret: str) -> bool:
    expected = "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers.get("X-Hanji-Signature", ""))


def as_json(body: bytes) -> Any:
    return json.loads(body)
