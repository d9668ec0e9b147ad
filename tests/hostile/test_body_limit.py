"""H1: no caller, signed in or not, makes the server read a body past its route's cap. The cap is
checked before authentication and parsing, on the declared length and on streamed bytes alike."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD
from tests.hostile.conftest import make_general

FORM_CAP = 64 * 1024
FILE_CAP = 512 * 1024


@pytest.fixture
def capped(settings: Settings) -> Iterator[TestClient]:
    changed = replace(settings, max_form_body_bytes=FORM_CAP, max_body_bytes=FILE_CAP)
    with TestClient(create_app(changed), base_url="http://hanji.test") as client:
        yield client


def _chunks(total: int, size: int = 16 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b" " * min(size, total - sent)
        sent += size


def test_an_anonymous_oversized_body_is_413_before_the_401(capped: TestClient) -> None:
    response = capped.post("/api/v1/domains", content=b"{" + b" " * (2 * FORM_CAP) + b"}")
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "0011"
    assert "64 KB" in response.json()["error"]["message"]
    small = capped.post("/api/v1/domains", json={"name": "x"})
    assert small.status_code == 401  # a body within the cap still meets authentication


def test_a_streamed_body_without_a_length_is_cut_at_the_cap(capped: TestClient) -> None:
    response = capped.post(
        "/api/v1/tokens",
        content=_chunks(4 * FORM_CAP),
        headers={"Content-Type": "application/json"},
        auth=("admin", ADMIN_PASSWORD),
    )
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "0011"


def test_file_routes_take_files_up_to_the_file_cap_and_no_further(capped: TestClient) -> None:
    token = capped.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()["token"]
    capped.headers["Authorization"] = f"Bearer {token}"
    general = make_general(capped)
    within = (
        b'{"version": "V2", "requestId": "r", "timestamp": 0, "images": []' + b" " * (2 * FORM_CAP) + b"}"
    )
    answered = capped.post(general.path, content=within, headers=general.headers)
    assert answered.status_code == 400 and answered.json()["code"] == "0011"  # read, then judged empty
    over = capped.post(general.path, content=b" " * (2 * FILE_CAP), headers=general.headers)
    assert over.status_code == 413
    assert set(over.json()) >= {"code", "message", "path", "timestamp"}  # CLOVA's shape on invoke URLs
    templates = f"/api/v1/domains/{general.domain['id']}/templates"
    sample = capped.post(templates, content=b"{" + b" " * (2 * FORM_CAP) + b"}")
    assert sample.status_code != 413  # a template's sample image may pass the form cap
    assert capped.post(templates, content=b" " * (2 * FILE_CAP)).status_code == 413
