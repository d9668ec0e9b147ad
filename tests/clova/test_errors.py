"""CLOVA's error body: fields, order and wording for every invoke error."""

from __future__ import annotations

import pytest

from hanji.clova.errors import render_error_body
from hanji.core import errors


@pytest.mark.parametrize(
    ("error", "status", "code", "message"),
    [
        (errors.InvalidUrl(), 400, "0001", "URL is invalid."),
        (errors.SecretKeyInvalid(), 401, "0002", "Secret key validate failed."),
        (
            errors.RequestBodyInvalid("images is missing"),
            400,
            "0011",
            "Request body invalid. images is missing",
        ),
        (
            errors.RequestBodyTooLarge("the body is over 50 MB"),
            413,
            "0011",
            "Request body invalid. the body is over 50 MB",
        ),
        (errors.ProtocolVersionUnsupported(), 400, "0021", "Protocol version not support."),
        (errors.RequestDomainInvalid(), 400, "0022", "Request domain invalid."),
        (errors.QuotaExceeded(), 400, "0023", "API request count reach the upper limit."),
        (errors.RateLimited(), 429, "0025", "Calls to this api have exceeded the rate limit."),
        (
            errors.TableDetectionDisabled(),
            400,
            "0028",
            "Table detection disabled: Please activate the table extractor button.",
        ),
        (errors.DeployInfoNotFound(), 400, "1021", "Not Found Deploy Info"),
        (errors.UnknownServiceError(), 500, "0500", "Unknown service error."),
        (errors.OcrServiceError(), 500, "0501", "OCR service error."),
    ],
)
def test_error_body(error: errors.ClovaError, status: int, code: str, message: str) -> None:
    path = "/custom/v1/12/" + "8f" * 32 + "/general"
    body = render_error_body(error, path=path, trace_id="5c0e1d", timestamp_ms=1576746215096)
    assert list(body) == ["code", "message", "path", "traceId", "timestamp"]
    assert body == {
        "code": code,
        "message": message,
        "path": path,
        "traceId": "5c0e1d",
        "timestamp": 1576746215096,
    }
    assert error.http_status == status
