"""No lost work: real ``celery`` workers on Redis and PostgreSQL, killed in the middle of a task."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from hanji.config import Settings
from hanji.server import create_app
from hanji.storage.database import make_engine, make_session_factory
from hanji.storage.models import Call, Job, JobPart
from tests.conftest import ADMIN_PASSWORD
from tests.workers.conftest import Workers
from tests.workers.helpers import (
    OCR_DATA,
    as_json,
    general_domain,
    invoke_body,
    numbered_pdf,
    page_texts,
    signature_ok,
    wait_for_job,
    webhook_receiver,
)

pytestmark = pytest.mark.slow


@pytest.fixture
def api(celery_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(celery_settings), base_url="http://hanji.test") as client:
        token = client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def _db(settings: Settings) -> Any:
    return make_session_factory(make_engine(settings.database_url))


def test_invoke_call_runs_on_a_worker_and_errors_keep_their_code(api: TestClient, workers: Workers) -> None:
    workers.start(1)
    general = general_domain(api)
    ok = api.post(
        general["path"],
        headers=general["headers"],
        json=invoke_body((OCR_DATA / "en_receipt.jpg").read_bytes(), fmt="jpg"),
    )
    assert ok.status_code == 200, ok.text + workers.log_text()
    assert "JOHOR" in page_texts(ok.json())[0].upper()
    bad = api.post(general["path"], headers=general["headers"], json=invoke_body(b"not an image", fmt="jpg"))
    assert bad.status_code == 400 and bad.json()["code"] == "0011", bad.text
    assert bad.json()["message"].startswith("Request body invalid. ")
    assert not bad.json()["message"].startswith("Request body invalid. Request body invalid.")


def test_killed_worker_task_is_redelivered_and_the_job_succeeds_once(
    api: TestClient, workers: Workers, celery_settings: Settings
) -> None:
    [worker] = workers.start(1)
    general = general_domain(api)
    sessions = _db(celery_settings)
    with webhook_receiver() as receiver:
        body = invoke_body(numbered_pdf(10), fmt="pdf", webhook=receiver.url)
        job_id = api.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()["jobId"]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:  # wait until the (single) part is being read
            with sessions() as db:
                part = db.scalar(select(JobPart).where(JobPart.job_id == job_id))
                if part is not None and part.status == "running":
                    break
            time.sleep(0.05)
        [child] = workers.pool_children(worker)
        os.kill(child, signal.SIGKILL)
        view = wait_for_job(api, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=120)
        assert view["status"] == "succeeded", (view, workers.log_text())
        receiver.wait(1, timeout_s=20)
        time.sleep(1.5)  # room for a duplicate delivery to show up, were there one
    assert [t.replace(" ", "") for t in page_texts(view["result"])] == [f"PAGE{n:03d}" for n in range(10)]
    assert len(receiver.bodies) == 1 and as_json(receiver.bodies[0][0])["jobId"] == job_id
    with sessions() as db:
        [part] = db.scalars(select(JobPart).where(JobPart.job_id == job_id)).all()
        assert part.attempts == 2, "the task was not delivered again after its worker died"
        assert db.scalar(select(func.count()).select_from(Call)) == 1  # counted once in the statistics
        assert db.get(Job, job_id).webhook_attempts == 1  # type: ignore[union-attr]
    assert "signal 9 (SIGKILL)" in workers.log_text()  # the pool process really died mid-task


def test_hundred_page_pdf_runs_in_parallel_with_progress_and_pages_in_order(
    api: TestClient, workers: Workers, celery_settings: Settings
) -> None:
    workers.start(2)
    general = general_domain(api)
    secret = api.get(f"/api/v1/domains/{general['domain']['id']}/webhook").json()["webhook_secret"]
    started = time.monotonic()
    with webhook_receiver() as receiver:
        body = invoke_body(numbered_pdf(100), fmt="pdf", webhook=receiver.url)
        job_id = api.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()["jobId"]
        seen: list[dict[str, Any]] = []
        view = wait_for_job(
            api, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=150, seen=seen
        )
        assert view["status"] == "succeeded", (view, workers.log_text())
        receiver.wait(1, timeout_s=20)
    elapsed = time.monotonic() - started
    texts = [t.replace(" ", "") for t in page_texts(view["result"])]
    assert texts == [f"PAGE{n:03d}" for n in range(100)]
    assert view["progress"] == {"done": 100, "total": 100}
    progress = sorted({v["progress"]["done"] for v in seen})
    assert len(progress) >= 4 and progress == sorted(progress), progress  # it moved in steps, part by part
    [(raw, headers)] = receiver.bodies
    assert signature_ok(raw, headers, secret) and as_json(raw)["result"]["images"][99]["name"] == "doc"
    with _db(celery_settings)() as db:
        parts = db.scalars(select(JobPart).where(JobPart.job_id == job_id)).all()
    assert len(parts) == 10 and all(p.status == "done" for p in parts)
    print(f"100-page job on 2 workers: {elapsed:.1f} s")
