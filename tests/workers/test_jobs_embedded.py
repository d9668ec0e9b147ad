"""Async jobs without a broker: background threads run them on the app's executor."""

from __future__ import annotations

import time
from dataclasses import replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.core.errors import OcrServiceError
from hanji.server import create_app
from tests.conftest import ADMIN_PASSWORD
from tests.helpers import runtime_of
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
def job_settings(settings: Settings) -> Settings:
    return replace(settings, job_pages_per_task=4)


@pytest.fixture
def job_api(job_settings: Settings) -> Any:
    with TestClient(create_app(job_settings), base_url="http://hanji.test") as client:
        token = client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        yield client


def test_image_job_answers_like_the_invoke_url(job_api: TestClient) -> None:
    general = general_domain(job_api)
    body = invoke_body((OCR_DATA / "en_receipt.jpg").read_bytes(), fmt="jpg")
    submitted = job_api.post(general["path"] + "/jobs", headers=general["headers"], json=body)
    assert submitted.status_code == 202, submitted.text
    job_id = submitted.json()["jobId"]
    assert submitted.headers["Location"].endswith(f"/jobs/{job_id}")
    view = wait_for_job(job_api, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=60)
    assert view["status"] == "succeeded" and view["progress"] == {"done": 1, "total": 1}
    result = view["result"]
    assert list(result) == ["version", "requestId", "timestamp", "images"] and result["requestId"] == "job-1"
    assert "JOHOR" in page_texts(result)[0].upper()


def test_long_pdf_is_split_and_reassembled_in_order_with_a_signed_webhook(job_api: TestClient) -> None:
    general = general_domain(job_api)
    with webhook_receiver(fail_first=1) as receiver:
        body = invoke_body(numbered_pdf(11), fmt="pdf", webhook=receiver.url)
        job_id = job_api.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()[
            "jobId"
        ]
        seen: list[dict[str, Any]] = []
        view = wait_for_job(
            job_api, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=90, seen=seen
        )
        assert view["status"] == "succeeded", view
        texts = page_texts(view["result"])
        assert [t.replace(" ", "") for t in texts] == [f"PAGE{n:03d}" for n in range(11)]
        assert [e["convertedImageInfo"]["pageIndex"] for e in view["result"]["images"]] == list(range(11))
        assert all(v["progress"]["total"] in (0, 11) for v in seen)
        receiver.wait(1, timeout_s=20)  # the first POST got a 503 and was retried
    [(raw, headers)] = receiver.bodies
    secret = job_api.get(f"/api/v1/domains/{general['domain']['id']}/webhook").json()["webhook_secret"]
    assert signature_ok(raw, headers, secret)
    assert as_json(raw)["jobId"] == job_id and as_json(raw)["status"] == "succeeded"


def test_bad_file_fails_the_job_with_clova_code(job_api: TestClient) -> None:
    general = general_domain(job_api)
    body = invoke_body(numbered_pdf(3), fmt="pdf")
    body["images"][0]["data"] = "bm90IGFuIGltYWdl"  # "not an image"
    job_id = job_api.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()["jobId"]
    view = wait_for_job(job_api, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=30)
    assert view["status"] == "failed" and view["error"]["code"] == "0011" and "result" not in view


def test_unknown_job_and_wrong_secret_answer_in_clova_shape(job_api: TestClient) -> None:
    general = general_domain(job_api)
    missing = job_api.get(f"{general['path']}/jobs/{'0' * 32}", headers=general["headers"])
    assert missing.status_code == 404 and missing.json()["code"] == "0001"
    wrong = job_api.get(f"{general['path']}/jobs/{'0' * 32}", headers={"X-OCR-SECRET": "nope"})
    assert wrong.status_code == 401 and wrong.json()["code"] == "0002"


def test_refused_webhook_address_is_not_called(job_settings: Settings) -> None:
    settings = replace(job_settings, fetch_allow=(), webhook_attempts=1)
    with (
        TestClient(create_app(settings), base_url="http://hanji.test") as client,
        webhook_receiver() as receiver,
    ):
        token = client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        general = general_domain(client)
        body = invoke_body((OCR_DATA / "en_receipt.jpg").read_bytes(), fmt="jpg", webhook=receiver.url)
        job_id = client.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()["jobId"]
        wait_for_job(client, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=60)
        time.sleep(1.0)
        assert receiver.bodies == []  # loopback is refused unless HANJI_FETCH_ALLOW lets it through


def test_queued_job_is_resumed_when_the_api_starts_again(job_settings: Settings) -> None:
    class Dropping:
        resumes_running = True

        def dispatch(self, job_id: str) -> None:
            return None  # the process "dies" before the job is started

        def close(self) -> None:
            return None

    app = create_app(job_settings)
    with TestClient(app, base_url="http://hanji.test") as client:
        token = client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        general = general_domain(client)
        runtime = runtime_of(client)
        runtime.job_runner.close()
        runtime.job_runner = Dropping()
        body = invoke_body((OCR_DATA / "en_receipt.jpg").read_bytes(), fmt="jpg")
        job_id = client.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()["jobId"]
        assert (
            client.get(f"{general['path']}/jobs/{job_id}", headers=general["headers"]).json()["status"]
            == "queued"
        )
    with TestClient(create_app(job_settings), base_url="http://hanji.test") as client:
        view = wait_for_job(client, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=60)
        assert view["status"] == "succeeded"


def test_input_that_keeps_failing_fails_after_bounded_attempts(job_settings: Settings) -> None:
    class Crashing:
        calls = 0

        def run(self, task: str, /, timeout_s: float, **kwargs: Any) -> Any:
            Crashing.calls += 1
            raise OcrServiceError("the engine crashed")

        def close(self) -> None:
            return None

    settings = replace(job_settings, task_attempts=2)
    with TestClient(create_app(settings, executor=Crashing()), base_url="http://hanji.test") as client:
        token = client.post("/api/v1/tokens", json={"name": "t"}, auth=("admin", ADMIN_PASSWORD)).json()[
            "token"
        ]
        client.headers["Authorization"] = f"Bearer {token}"
        general = general_domain(client)
        body = invoke_body((OCR_DATA / "en_receipt.jpg").read_bytes(), fmt="jpg")
        job_id = client.post(general["path"] + "/jobs", headers=general["headers"], json=body).json()["jobId"]
        view = wait_for_job(client, f"{general['path']}/jobs/{job_id}", general["headers"], timeout_s=30)
    assert view["status"] == "failed" and view["error"]["code"] == "0501"
    assert "Gave up after 2 attempts" in view["error"]["message"] and Crashing.calls == 2


def test_operators_set_the_domain_webhook_and_its_secret(job_api: TestClient) -> None:
    domain_id = general_domain(job_api)["domain"]["id"]
    first = job_api.get(f"/api/v1/domains/{domain_id}/webhook").json()
    assert first["webhook_url"] is None and len(first["webhook_secret"]) == 64
    bad = job_api.put(f"/api/v1/domains/{domain_id}/webhook", json={"webhook_url": "ftp://x"})
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "VALIDATION_ERROR"
    updated = job_api.put(
        f"/api/v1/domains/{domain_id}/webhook",
        json={"webhook_url": "https://hooks.example.com/ocr", "regenerate_secret": True},
    ).json()
    assert updated["webhook_url"] == "https://hooks.example.com/ocr"
    assert updated["webhook_secret"] != first["webhook_secret"]
    job_api.headers.pop("Authorization")
    assert job_api.get(f"/api/v1/domains/{domain_id}/webhook").status_code == 401
