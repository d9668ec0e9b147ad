"""What a CLOVA client is given (an invoke URL and a secret) and the request bodies it sends."""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image

from tests.api.test_domains import create
from tests.workers.helpers import wait_for_job


@dataclass(frozen=True)
class Endpoint:
    """One domain's invoke URL (path only: the TestClient holds the host) and its secret header."""

    domain_id: int
    path: str
    headers: dict[str, str]

    def call(self, api: TestClient, body: dict[str, Any]) -> dict[str, Any]:
        """POST ``body`` as JSON, as client code does; a non-200 fails the test with Hanji's answer."""
        response = api.post(self.path, headers=self.headers, json=body)
        assert response.status_code == 200, response.text
        answer: dict[str, Any] = response.json()
        return answer

    def call_as_job(self, api: TestClient, body: dict[str, Any], *, timeout_s: float = 60) -> dict[str, Any]:
        """The same request through the async jobs API (``…/jobs``); returns the job's CLOVA answer."""
        submitted = api.post(self.path + "/jobs", headers=self.headers, json=body)
        assert submitted.status_code == 202, submitted.text
        url = f"{self.path}/jobs/{submitted.json()['jobId']}"
        view = wait_for_job(api, url, self.headers, timeout_s=timeout_s)
        assert view["status"] == "succeeded", view
        result: dict[str, Any] = view["result"]
        return result


def open_endpoint(api: TestClient, **domain: Any) -> Endpoint:
    """Create a domain (``tests.api.test_domains.create`` defaults, overridden by ``domain``) and a secret."""
    made = create(api, **domain)
    assert made.status_code == 201, made.text
    domain_id: int = made.json()["id"]
    secret = api.post(f"/api/v1/domains/{domain_id}/secret-keys")
    assert secret.status_code == 201, secret.text
    path = made.json()["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    return Endpoint(domain_id, path, {"X-OCR-SECRET": secret.json()["secret"]})


def png_bytes(image: Image.Image | np.ndarray) -> bytes:
    picture = Image.fromarray(image) if isinstance(image, np.ndarray) else image
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def clova_body(
    data: bytes, *, version: str = "V2", fmt: str = "png", lang: str = "ko", **extra: Any
) -> dict[str, Any]:
    """A JSON invoke body as NAVER's samples build it: one image, base64 ``data``, ``url`` null."""
    return {
        "version": version,
        "requestId": f"client-{version.lower()}",
        "timestamp": 0,
        "lang": lang,
        "images": [{"format": fmt, "name": "client", "url": None, "data": base64.b64encode(data).decode()}],
        **extra,
    }
