"""L6: invoke keys stay out of access logs; metrics and the API docs can be switched off."""

from __future__ import annotations

import logging
from dataclasses import replace

from fastapi.testclient import TestClient

from hanji.config import Settings
from hanji.server import create_app
from hanji.web.access_log import RedactInvokeKeys


def test_access_log_records_hide_the_invoke_key() -> None:
    key = "a" * 64
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        __file__,
        1,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5000", "POST", f"/custom/v1/12/{key}/general?x=1", "1.1", 200),
        None,
    )
    assert RedactInvokeKeys().filter(record)
    line = record.getMessage()
    assert key not in line and "/custom/v1/12/***/general?x=1" in line


def test_metrics_and_docs_can_be_switched_off(settings: Settings) -> None:
    with TestClient(create_app(settings), base_url="http://hanji.test") as client:
        assert client.get("/metrics").status_code == 200
        assert client.get("/openapi.json").status_code == 200
    quiet = replace(settings, expose_metrics=False, api_docs=False)
    with TestClient(create_app(quiet), base_url="http://hanji.test") as client:
        assert client.get("/metrics").status_code == 404
        assert client.get("/openapi.json").status_code == 404
        assert client.get("/docs").status_code == 404
