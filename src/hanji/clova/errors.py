"""CLOVA's error body for request-level failures on invoke URLs."""

from __future__ import annotations

from typing import Any

from hanji.core.errors import ClovaError


def render_error_body(error: ClovaError, *, path: str, trace_id: str, timestamp_ms: int) -> dict[str, Any]:
    """Render ``{"code", "message", "path", "traceId", "timestamp"}`` in CLOVA's key order.

    Args:
        error: the failure; its ``code`` is CLOVA's and its message starts with CLOVA's wording.
        path: the request path, as CLOVA echoes it.
        trace_id: the id the failure was logged under.
        timestamp_ms: the server's time in milliseconds.

    Returns:
        The JSON-ready body; the HTTP status is ``error.http_status``.
    """
    return {
        "code": error.code,
        "message": error.message,
        "path": path,
        "traceId": trace_id,
        "timestamp": timestamp_ms,
    }
