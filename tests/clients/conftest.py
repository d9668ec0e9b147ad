"""One Hanji app per test module (SQLite, inline executor): client tests only read answers, so they
share it, and each module pays the app's start once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD


@pytest.fixture(scope="module")
def hanji(tmp_path_factory: pytest.TempPathFactory, migrated_sqlite: Path) -> Iterator[TestClient]:
    """The management API of a fresh Hanji, a bearer token on every request."""
    root = tmp_path_factory.mktemp("hanji")
    database = root / "hanji.db"
    shutil.copyfile(migrated_sqlite, database)
    settings = Settings(
        data_dir=root / "data",
        database_url=f"sqlite:///{database}",
        admin_password=ADMIN_PASSWORD,
        public_url="http://hanji.test",
        executor="inline",
    )
    with TestClient(create_app(settings), base_url="http://hanji.test") as client:
        made = client.post("/api/v1/tokens", json={"name": "clients"}, auth=("admin", ADMIN_PASSWORD))
        assert made.status_code == 201, made.text
        client.headers["Authorization"] = f"Bearer {made.json()['token']}"
        yield client
