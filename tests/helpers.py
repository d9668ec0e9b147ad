"""Small helpers the tests share."""

from __future__ import annotations

from fastapi.testclient import TestClient

from hanji.runtime import Runtime


def runtime_of(client: TestClient) -> Runtime:
    """The runtime the test client's app was built over."""
    runtime = client.app.state.runtime  # type: ignore[attr-defined]
    assert isinstance(runtime, Runtime)
    return runtime
