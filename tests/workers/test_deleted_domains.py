"""M6: a deleted domain takes its jobs, their files and results with it, and its id is never handed
to a new domain (which would inherit its quota, statistics and job results)."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.helpers import runtime_of
from tests.workers.helpers import OCR_DATA, invoke_body, invoke_of, wait_for_job
from tests.workers.test_jobs_embedded import job_api, job_settings  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def test_deleting_a_domain_removes_its_jobs_and_never_reuses_its_id(job_api: TestClient) -> None:  # noqa: F811
    domain = create(job_api, name="r", code="r", service_type="document", recognition_model="receipt").json()
    path, headers = invoke_of(job_api, domain)
    body = invoke_body((OCR_DATA / "en_receipt.jpg").read_bytes(), fmt="jpg")
    job_id = job_api.post(path + "/jobs", headers=headers, json=body).json()["jobId"]
    assert wait_for_job(job_api, f"{path}/jobs/{job_id}", headers, timeout_s=120)["status"] == "succeeded"
    blobs = runtime_of(job_api).blobs
    stored = {p for p in blobs.root.rglob("*") if p.is_file()}
    assert stored, "the job kept no result"
    deleted = job_api.delete(f"/api/v1/domains/{domain['id']}", params={"confirm": "r"})
    assert deleted.status_code == 204, deleted.text
    assert not {p for p in blobs.root.rglob("*") if p.is_file()}, "the deleted domain's files stayed"
    again = create(job_api, name="r2", code="r2", service_type="document", recognition_model="receipt").json()
    assert again["id"] != domain["id"]
    new_path, new_headers = invoke_of(job_api, again)
    old_job = job_api.get(f"{new_path}/jobs/{job_id}", headers=new_headers)
    assert old_job.status_code == 404
