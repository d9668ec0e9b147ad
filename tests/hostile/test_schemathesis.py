"""Schemathesis over Hanji's own OpenAPI document: no generated request may get a 5xx.

Runs in-process against the app (TestClient, so the lifespan and the database are real), one
bounded Hypothesis run per operation, positive and negative (schema-breaking) cases. Invoke URLs get
the real domain id, invoke key and secret, so their cases reach the body parser and not just 0001.
"""

from __future__ import annotations

import contextlib
import time
from typing import Any

import pytest
import schemathesis
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode

from tests.helpers import runtime_of
from tests.hostile.conftest import Invoke

pytestmark = [pytest.mark.slow, pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)]
EXAMPLES_PER_OPERATION = 20
# OCR of a generated request that happens to be a real image would dominate the run; these
# operations are fuzzed without valid images (they get random bytes, refused before OCR).
OCR_PATHS = ("/test",)
SUMMARY: dict[str, int] = {}


def _textual(value: Any) -> Any:
    """``value`` (a multipart ``files`` spec, however nested) with every number turned into text."""
    if isinstance(value, bool | int | float):
        return str(value)
    if isinstance(value, dict):
        return {k: _textual(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return type(value)(_textual(v) for v in value)
    return value


def send(client: TestClient, case: Any, headers: dict[str, str]) -> Any:
    kwargs = case.as_transport_kwargs(base_url="http://hanji.test", headers=headers)
    kwargs.pop("cookies", None)
    data = kwargs.pop("data", None)
    if isinstance(data, bytes | str):
        kwargs["content"] = data
    elif data is not None:
        kwargs["data"] = data
    if kwargs.get("files") is not None:
        # Generated multipart parts may be numbers; the test client encodes only text and bytes.
        kwargs["files"] = _textual(kwargs["files"])
    return client.request(**kwargs)


def fixed_path(path: str, invoke: Invoke) -> dict[str, Any]:
    """Real ids for the path parameters most of the time, so cases reach the route's body."""
    _, _, _, domain_id, key, suffix = invoke.path.split("/", 5)
    fixed: dict[str, Any] = {}
    if path.startswith(("/custom/", "/external/")):
        fixed = {"domain_id": domain_id, "invoke_key": key, "suffix": suffix}
    return fixed


def test_no_operation_answers_5xx(api: TestClient, general: Invoke) -> None:
    schema = schemathesis.openapi.from_dict(api.app.openapi())  # type: ignore[attr-defined]
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    headers = {**general.headers, "Authorization": api.headers["Authorization"]}
    # Negative cases send wrong secrets: keep the guessing throttle from answering 0025 to the rest.
    runtime_of(api).invoke_throttle.max_failures = 10**9
    failures: list[str] = []
    started = time.perf_counter()
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            strategy = operation.as_strategy(
                mode, path_parameters=fixed_path(operation.path, general) or None
            )

            @given(case=strategy)
            @settings(
                max_examples=EXAMPLES_PER_OPERATION // 2,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                response = send(api, case, headers)
                SUMMARY["cases"] = SUMMARY.get("cases", 0) + 1
                status = f"HTTP {response.status_code}"
                SUMMARY[status] = SUMMARY.get(status, 0) + 1
                if response.status_code >= 500:
                    failures.append(
                        f"{case.method} {case.formatted_path} -> {response.status_code}: "
                        f"{response.text[:200]}"
                    )

            # Unsatisfiable: nothing in this operation can be made invalid (no parameters, no body).
            with contextlib.suppress(Unsatisfiable):
                run()
    SUMMARY["operations"] = len(operations)
    print(f"schemathesis: {SUMMARY} in {time.perf_counter() - started:.0f} s")
    assert not failures, "\n".join(failures[:20])
