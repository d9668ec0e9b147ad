"""Render an OCR ``Document`` as CLOVA's General response (``.../general``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from hanji.clova.common import VALIDATION_NOT_REQUESTED, converted_image_info, new_uid
from hanji.clova.geometry import confidence, polygon_item
from hanji.clova.request import InvokeRequest
from hanji.clova.tables import render_tables
from hanji.core.result import Document, Page

NO_TEXT_MESSAGE: Final = "NOT_FOUND: no text found"
"""``message`` of a page read without error but with no text in it (``inferResult: FAILURE``)."""


def render_general_response(
    request: InvokeRequest,
    document: Document,
    *,
    timestamp_ms: int,
    include_tables: bool,
    make_uid: Callable[[], str] = new_uid,
) -> dict[str, Any]:
    """Render the General response, one ``images[]`` entry per page in page order.

    Args:
        request: the parsed request (its version picks V1/V2 polygons; name and id are echoed).
        document: the OCR result; a page with ``error`` becomes an ``ERROR`` entry.
        timestamp_ms: the server's time in milliseconds.
        include_tables: whether table detection was asked; then every entry has ``tables``.
        make_uid: source of entry uids (tests pass a fixed one).

    Returns:
        The JSON-ready response, keys in CLOVA's order.
    """
    return {
        "version": request.version,
        "requestId": request.request_id,
        "timestamp": timestamp_ms,
        "images": [
            render_general_page(
                page,
                name=request.image.name,
                version=request.version,
                include_tables=include_tables,
                uid=make_uid(),
            )
            for page in document.pages
        ],
    }


def render_general_page(
    page: Page, *, name: str, version: str, include_tables: bool, uid: str
) -> dict[str, Any]:
    """One ``images[]`` entry: ``uid, name, inferResult, message, validationResult,
    convertedImageInfo, tables`` (only when asked) ``, fields``."""
    fields = [] if page.error is not None else render_fields(page, version)
    if page.error is not None:
        infer_result, message = "ERROR", page.error
    elif not fields:
        infer_result, message = "FAILURE", NO_TEXT_MESSAGE
    else:
        infer_result, message = "SUCCESS", "SUCCESS"
    entry: dict[str, Any] = {
        "uid": uid,
        "name": name,
        "inferResult": infer_result,
        "message": message,
        "validationResult": dict(VALIDATION_NOT_REQUESTED),
        "convertedImageInfo": converted_image_info(page),
    }
    if include_tables:
        entry["tables"] = [] if page.error is not None else render_tables(page.tables, version)
    entry["fields"] = fields
    return entry


def render_fields(page: Page, version: str) -> list[dict[str, Any]]:
    """One field per word in reading order; ``lineBreak`` marks the last word of each line."""
    fields: list[dict[str, Any]] = []
    for line in page.lines:
        last = len(line.words) - 1
        for position, word in enumerate(line.words):
            fields.append(
                {
                    "valueType": "ALL",
                    **polygon_item(word.quad, version),
                    "inferText": word.text,
                    "inferConfidence": confidence(word.confidence),
                    "type": "NORMAL",
                    "lineBreak": position == last,
                }
            )
    return fields
