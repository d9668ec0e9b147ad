"""No database connection is held while OCR runs: a pool of N serves any number of calls in flight."""

from __future__ import annotations

from typing import Any, TypeVar

import pytest
from fastapi.testclient import TestClient

from hanji.pipeline.task import Task
from hanji.runtime.pool_watch import PoolWatch
from hanji.services.execution.executor import Executor
from tests.api.test_domains import create
from tests.api.test_invoke import image_bytes, json_body
from tests.api.test_templates import DEFINITION, FILLED, KOREAN_FORM, new_template, render_form, to_png
from tests.helpers import runtime_of

pytestmark = pytest.mark.slow

R = TypeVar("R")


class WatchingExecutor:
    """Runs each task on the real executor, noting how many connections were out when it began."""

    def __init__(self, inner: Executor, pool: PoolWatch) -> None:
        self.inner, self.pool = inner, pool
        self.seen: list[tuple[str, int]] = []

    def run(self, task: Task[R], /, timeout_s: float) -> R:
        self.seen.append((task.kind, self.pool.checked_out))
        return self.inner.run(task, timeout_s)

    def close(self) -> None:
        self.inner.close()


def _watch(client: TestClient) -> WatchingExecutor:
    runtime = runtime_of(client)
    watching = WatchingExecutor(runtime.executor, runtime.pool)
    runtime.executor = watching
    return watching


def _invoke(api: TestClient, domain: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    secret = api.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    path = domain["invoke_urls"][0]["url"].removeprefix("http://hanji.test")
    response = api.post(path, json=body, headers={"X-OCR-SECRET": secret})
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result


@pytest.mark.parametrize("database_url", ["sqlite", "postgres"], indirect=True)
def test_a_general_call_runs_ocr_with_no_connection_out(api: TestClient) -> None:
    domain = create(api, name="pooled", code="pooled", service_type="general", recognition_model="general")
    watching = _watch(api)
    result = _invoke(api, domain.json(), json_body(image_bytes("en_receipt"), lang="en"))
    assert result["images"][0]["inferResult"] == "SUCCESS"
    assert watching.seen == [("general", 0)]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_template_writes_calls_and_test_runs_read_with_no_connection_out(api: TestClient) -> None:
    domain = create(api).json()  # the default: a template domain
    watching = _watch(api)
    template = new_template(api, domain["id"]).json()  # its title has no text: read from the sample
    renamed = api.patch(
        f"/api/v1/domains/{domain['id']}/templates/{template['id']}", json={"title": DEFINITION["title"]}
    )
    assert renamed.status_code == 200, renamed.text
    base = f"/api/v1/domains/{domain['id']}/templates/{template['id']}"
    deployed = api.post(f"{base}/deploy", json={"stage": "service"})
    assert deployed.status_code == 200, deployed.text
    filled = to_png(render_form(KOREAN_FORM, FILLED)[0])
    body = {**json_body(filled, fmt="png"), "lang": "ko"}
    assert _invoke(api, domain, body)["images"][0]["inferResult"] == "SUCCESS"
    tested = api.post(
        f"{base}/test",
        files={"file": ("form.png", filled, "image/png")},
    )
    assert tested.status_code == 200, tested.text
    assert watching.seen == [
        ("template_sample", 0),
        ("template_title", 0),
        ("template_title", 0),
        ("template", 0),
        ("template", 0),
    ]
