"""A job answers exactly as the invoke URL does, for every service type and option: the same
``images[]`` (text, boxes, key–value pairs, matched template, document fields) from both routes."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.api.test_templates import FILLED, new_template
from tests.templates.forms import KOREAN_FORM, render_form, to_png
from tests.workers.helpers import OCR_DATA, invoke_body, invoke_of, wait_for_job
from tests.workers.test_jobs_embedded import job_api, job_settings  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def _images(body: dict[str, Any]) -> list[dict[str, Any]]:
    """``images[]`` without what differs by design between two calls (the per-call uid)."""
    return [{k: v for k, v in image.items() if k != "uid"} for image in body["images"]]


def _both(api: TestClient, path: str, headers: dict[str, str], body: dict[str, Any]) -> tuple[Any, Any]:
    sync = api.post(path, headers=headers, json=body)
    assert sync.status_code == 200, sync.text
    submitted = api.post(path + "/jobs", headers=headers, json=body)
    assert submitted.status_code == 202, submitted.text
    view = wait_for_job(api, f"{path}/jobs/{submitted.json()['jobId']}", headers, timeout_s=120)
    assert view["status"] == "succeeded", view
    return sync.json(), view["result"]


FORM = to_png(render_form(KOREAN_FORM, FILLED)[0])


def test_general_job_with_key_values_matches_the_sync_call(job_api: TestClient) -> None:  # noqa: F811
    domain = create(
        job_api,
        name="g",
        code="g",
        service_type="general",
        recognition_model="general",
        table_extraction=True,
    ).json()
    path, headers = invoke_of(job_api, domain)
    body = invoke_body(FORM, fmt="png", lang="ko", enableKeyValue=True, enableTableDetection=True)
    sync, job = _both(job_api, path, headers, body)
    assert _images(job) == _images(sync)
    assert job["images"][0]["keyValues"], "the job lost its key-value pairs"


def test_template_job_matches_the_sync_call(job_api: TestClient) -> None:  # noqa: F811
    domain = create(job_api, name="t", code="t").json()
    template = new_template(job_api, domain["id"]).json()
    deploy = f"/api/v1/domains/{domain['id']}/templates/{template['id']}/deploy"
    job_api.post(deploy, json={"stage": "service"})
    path, headers = invoke_of(job_api, domain)
    sync, job = _both(job_api, path, headers, invoke_body(FORM, fmt="png", lang="ko"))
    assert _images(job) == _images(sync)
    assert job["images"][0]["matchedTemplate"]["id"] == template["id"]


def test_template_job_without_a_service_template_is_refused_like_the_sync_call(
    job_api: TestClient,  # noqa: F811
) -> None:
    domain = create(job_api, name="t2", code="t2").json()
    path, headers = invoke_of(job_api, domain)
    body = invoke_body(FORM, fmt="png", lang="ko")
    sync = job_api.post(path, headers=headers, json=body)
    job = job_api.post(path + "/jobs", headers=headers, json=body)
    assert sync.json()["code"] == job.json()["code"] == "1021"


def test_document_job_matches_the_sync_call(job_api: TestClient) -> None:  # noqa: F811
    domain = create(job_api, name="r", code="r", service_type="document", recognition_model="receipt").json()
    path, headers = invoke_of(job_api, domain)
    receipt = (OCR_DATA / "en_receipt.jpg").read_bytes()
    sync, job = _both(job_api, path, headers, invoke_body(receipt, fmt="jpg", lang="en"))
    assert _images(job) == _images(sync)
    assert job["images"][0]["receipt"]["result"]["storeInfo"]
