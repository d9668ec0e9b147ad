"""``GET {invoke URL}/jobs/{id}/pdf``: a succeeded job's file back as a searchable PDF."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest
from fastapi.testclient import TestClient

from tests.api.test_domains import create
from tests.api.test_templates import FILLED, new_template
from tests.templates.forms import KOREAN_FORM, render_form, to_png
from tests.workers.helpers import (
    OCR_DATA,
    general_domain,
    invoke_body,
    invoke_of,
    numbered_pdf,
    wait_for_job,
)
from tests.workers.test_jobs_embedded import job_api, job_settings  # noqa: F401 (fixtures)

pytestmark = pytest.mark.slow


def _pdf_text(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    return [" ".join(document[i].get_textpage().get_text_range().split()) for i in range(len(document))]


def _run(api: TestClient, path: str, headers: dict[str, str], body: dict[str, object]) -> str:
    submitted = api.post(path + "/jobs", headers=headers, json=body)
    assert submitted.status_code == 202, submitted.text
    job = f"{path}/jobs/{submitted.json()['jobId']}"
    view = wait_for_job(api, job, headers, timeout_s=120)
    assert view["status"] == "succeeded", view
    return job


def test_a_general_jobs_pdf_reads_as_its_result(job_api: TestClient) -> None:  # noqa: F811
    domain = general_domain(job_api)
    path, headers = domain["path"], domain["headers"]
    job = _run(job_api, path, headers, invoke_body(numbered_pdf(3), fmt="pdf"))
    answer = job_api.get(job + "/pdf", headers=headers)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    assert "attachment" in answer.headers["content-disposition"]
    result = job_api.get(job, headers=headers).json()["result"]
    words = [" ".join(field["inferText"] for field in image["fields"]).split() for image in result["images"]]
    assert [text.split() for text in _pdf_text(answer.content)] == words
    assert len(words) == 3 and all(words)


def test_document_and_template_jobs_have_pdfs_too(job_api: TestClient) -> None:  # noqa: F811
    receipt_domain = create(
        job_api, name="r", code="r", service_type="document", recognition_model="receipt"
    ).json()
    path, headers = invoke_of(job_api, receipt_domain)
    receipt = (OCR_DATA / "en_receipt.jpg").read_bytes()
    job = _run(job_api, path, headers, invoke_body(receipt, fmt="jpg", lang="en"))
    answer = job_api.get(job + "/pdf", headers=headers)
    assert answer.status_code == 200
    assert "JOHOR" in _pdf_text(answer.content)[0]
    assert receipt in answer.content  # the scan itself, not a re-encoding

    template_domain = create(job_api, name="t", code="t").json()
    template = new_template(job_api, template_domain["id"]).json()
    job_api.post(
        f"/api/v1/domains/{template_domain['id']}/templates/{template['id']}/deploy",
        json={"stage": "service"},
    )
    path, headers = invoke_of(job_api, template_domain)
    form = to_png(render_form(KOREAN_FORM, FILLED)[0])
    job = _run(job_api, path, headers, invoke_body(form, fmt="png", lang="ko"))
    fields = job_api.get(job, headers=headers).json()["result"]["images"][0]["fields"]
    text = _pdf_text(job_api.get(job + "/pdf", headers=headers).content)[0]
    for field in fields:
        if field.get("type") == "NORMAL" and field["inferText"].strip():
            assert " ".join(field["inferText"].split()) in text


def test_a_jobs_pdf_needs_its_secret_and_a_finished_job(job_api: TestClient) -> None:  # noqa: F811
    domain = general_domain(job_api)
    path, headers = domain["path"], domain["headers"]
    job = _run(job_api, path, headers, invoke_body(numbered_pdf(1), fmt="pdf"))
    assert job_api.get(job + "/pdf", headers={"X-OCR-SECRET": "wrong"}).json()["code"] == "0002"
    unknown = job_api.get(f"{path}/jobs/{'0' * 32}/pdf", headers=headers)
    assert unknown.status_code == 404 and unknown.json()["code"] == "0001"
