"""Fixtures for the hostile-input tests: a General domain with its invoke path and secret."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_domains import create


@dataclass(frozen=True)
class Invoke:
    """One domain's invoke path (without the host) and the headers that authorise a call."""

    path: str
    headers: dict[str, str]
    domain: dict[str, Any]


def make_general(api: TestClient, **overrides: Any) -> Invoke:
    domain = create(
        api,
        name="general",
        code="general",
        service_type="general",
        languages=["ko", "ja"],
        recognition_model="general",
        **overrides,
    ).json()
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    return Invoke(path, {"X-OCR-SECRET": secret}, domain)


@pytest.fixture
def general(api: TestClient) -> Invoke:
    return make_general(api)
