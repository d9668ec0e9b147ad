"""kill -9 of ``hanji serve`` in the middle of requests: SQLite stays consistent and keeps every
call record that was committed before the kill."""

from __future__ import annotations

import signal
import sqlite3
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from tests.hostile.server import general_domain, start_server

pytestmark = pytest.mark.slow
PASSWORD = "durability-password"


def test_kill_9_mid_request_keeps_the_database_consistent(tmp_path: Path) -> None:
    process, base = start_server(tmp_path, password=PASSWORD, env={"HANJI_EXECUTOR": "inline"})
    try:
        client, url, headers = general_domain(base, PASSWORD)
        answered = 0
        lock = threading.Lock()
        stop = threading.Event()

        def hammer() -> None:
            nonlocal answered
            # Refused after authorisation (bad base64): each answer means its call row was committed.
            body = {
                "version": "V2",
                "requestId": "d",
                "timestamp": 0,
                "images": [{"format": "png", "data": "@@"}],
            }
            with httpx.Client(timeout=10) as own:
                while not stop.is_set():
                    try:
                        response = own.post(url, headers=headers, json=body)
                    except httpx.HTTPError:
                        return
                    if response.status_code == 400:
                        with lock:
                            answered += 1

        with ThreadPoolExecutor(4) as pool:
            for _ in range(4):
                pool.submit(hammer)
            while answered < 150:
                threading.Event().wait(0.05)
            process.send_signal(signal.SIGKILL)
            process.wait(30)
            stop.set()
        client.close()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(30)
    database = sqlite3.connect(tmp_path / "hanji.db")
    try:
        assert database.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert database.execute("PRAGMA foreign_key_check").fetchall() == []
        recorded = database.execute("SELECT count(*) FROM calls WHERE error_code = '0011'").fetchone()[0]
    finally:
        database.close()
    assert recorded >= answered >= 150
