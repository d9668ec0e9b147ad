"""Faults under a real invoke URL with the process executor: an OCR timeout gives 0501 and fresh
workers; a worker killed mid-request fails that request with 0500 and the next one is answered."""

from __future__ import annotations

import base64
import os
import signal
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.pipeline.flows import Ping
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import runtime_of
from tests.hostile.conftest import Invoke, make_general

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]
RECEIPT = Path(__file__).resolve().parents[1] / "data" / "ocr" / "en_receipt.jpg"


def receipt_body() -> dict[str, Any]:
    data = base64.b64encode(RECEIPT.read_bytes()).decode()
    return {
        "version": "V2",
        "requestId": "r",
        "timestamp": 0,
        "lang": "ko",
        "images": [{"format": "jpg", "name": "r", "data": data}],
    }


@pytest.fixture
def process_app(settings: Settings, request: pytest.FixtureRequest) -> Iterator[tuple[TestClient, Invoke]]:
    timeout = getattr(request, "param", 120.0)
    changed = replace(settings, executor="process", workers=1, ocr_timeout_s=timeout)
    with TestClient(create_app(changed), base_url="http://hanji.test") as client:
        token = client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        yield client, make_general(client)


def worker_pid(client: TestClient) -> int:
    pid: int = runtime_of(client).executor.run(Ping(), 120).pid
    return pid


def cpu_ticks(pid: int) -> int:
    """User plus system CPU time of a process, in clock ticks (fields 14 and 15 of /proc/PID/stat)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def wait_until_busy(pid: int, timeout_s: float = 60.0) -> None:
    """Return once the worker has spent CPU on a task: a fixed sleep raced fast machines, where the
    OCR finished (or had not yet been submitted) by the time the kill came."""
    idle = cpu_ticks(pid)
    deadline = time.monotonic() + timeout_s
    while cpu_ticks(pid) < idle + 3:
        assert time.monotonic() < deadline, "the worker never started the request"
        time.sleep(0.005)


def is_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("process_app", [0.05], indirect=True)
def test_ocr_timeout_is_0501_and_the_worker_is_replaced(process_app: tuple[TestClient, Invoke]) -> None:
    client, general = process_app
    before = worker_pid(client)
    response = client.post(general.path, headers=general.headers, json=receipt_body())
    assert response.status_code == 500, response.text
    assert response.json()["code"] == "0501"
    assert response.json()["message"] == "OCR service error. OCR took longer than 0.05 s."
    deadline = time.monotonic() + 10
    while is_alive(before) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not is_alive(before), "the timed-out worker still runs"
    assert worker_pid(client) != before


def test_killed_worker_fails_its_request_and_the_next_is_answered(
    process_app: tuple[TestClient, Invoke],
) -> None:
    client, general = process_app
    pid = worker_pid(client)
    answers: list[Any] = []
    call = threading.Thread(
        target=lambda: answers.append(client.post(general.path, headers=general.headers, json=receipt_body()))
    )
    call.start()
    wait_until_busy(pid)
    os.kill(pid, signal.SIGKILL)
    call.join(120)
    [killed] = answers
    assert killed.status_code == 500 and killed.json()["code"] == "0500", killed.text
    following = client.post(general.path, headers=general.headers, json=receipt_body())
    assert following.status_code == 200, following.text
    assert following.json()["images"][0]["inferResult"] == "SUCCESS"
    assert worker_pid(client) != pid
