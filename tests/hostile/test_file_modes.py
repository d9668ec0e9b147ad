"""M8: the data folder, the SQLite file (and its WAL) and every blob are this user's only."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import runtime_of


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_data_folder_database_and_blobs_are_private(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir(mode=0o755)
    old = os.umask(0o022)
    try:
        settings = Settings(data_dir=data, admin_password=ADMIN_PASSWORD, executor="inline")
        with TestClient(create_app(settings), base_url="http://hanji.test") as client:
            auth = ("admin", ADMIN_PASSWORD)
            assert client.post("/api/v1/tokens", json={"name": "t"}, auth=auth).status_code == 201
            runtime_of(client).blobs.put(b"a file a client sent")
    finally:
        os.umask(old)
    assert _mode(data) == 0o700
    files = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "hanji.db" for p in files), files
    for path in files:
        assert _mode(path) & 0o077 == 0, f"{path} is {oct(_mode(path))}"
    for folder in (p for p in data.rglob("*") if p.is_dir()):
        assert _mode(folder) & 0o077 == 0, f"{folder} is {oct(_mode(folder))}"
