"""Render an OCR ``Document`` as CLOVA's General response (``.../general``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Final

from hanji.clova.common import VALIDATION_NOT_REQUESTED, converted_image_info, new_uid
from hanji.clova.geometry import confidence, line_quad, polygon_item
from hanji.clova.key_values import render_key_values
from hanji.clova.request import InvokeRequest
from hanji.clova.tables import render_tables
from hanji.core.geometry import Quad
from hanji.core.result import Document, Line, Page
from hanji.core.wire import WireObject

NO_TEXT_MESSAGE: Final = "NOT_FOUND: no text found"
"""``message`` of a page read without error but with no text in it (``inferResult: FAILURE``)."""


def render_general_response(
    request: InvokeRequest,
    document: Document,
    *,
    timestamp_ms: int,
    include_tables: bool,
    include_key_values: bool = False,
    make_uid: Callable[[], str] = new_uid,
) -> WireObject:
    """Render the General response, one ``images[]`` entry per page in page order.

    Args:
        request: the parsed request (its version picks V1/V2 polygons; name and id are echoed).
        document: the OCR result; a page with ``error`` becomes an ``ERROR`` entry.
        timestamp_ms: the server's time in milliseconds.
        include_tables: whether table detection was asked; then every entry has ``tables``.
        include_key_values: whether key–value pairs were asked (Hanji's extension,
            ``docs/key-values.md``); then every entry ends with ``keyValues``.
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
                include_key_values=include_key_values,
                uid=make_uid(),
            )
            for page in document.pages
        ],
    }


def render_general_page(
    page: Page, *, name: str, version: str, include_tables: bool, uid: str, include_key_values: bool = False
) -> WireObject:
    """One ``images[]`` entry: ``uid, name, inferResult, message, validationResult,
    convertedImageInfo, tables`` (only when asked) ``, fields`` (``, keyValues`` when asked)."""
    fields = [] if page.error is not None else render_fields(page, version)
    if page.error is not None:
        infer_result, message = "ERROR", page.error
    elif not fields:
        infer_result, message = "FAILURE", NO_TEXT_MESSAGE
    else:
        infer_result, message = "SUCCESS", "SUCCESS"
    entry: WireObject = {
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
    if include_key_values:
        entry["keyValues"] = render_key_values(page.key_values, version)
    return entry


ROW_OVERLAP = 0.5
"""Two lines share a visual row when their heights overlap by this share of the smaller one."""


def same_row(left: Line, right: Line) -> bool:
    """Whether ``right`` (next in reading order) continues ``left``'s visual row, to its right."""
    a, b = line_quad(left), line_quad(right)
    if b.bbox.left < a.bbox.right - 0.5 * min(a.height, b.height):
        return False  # it starts back at the left: a new row (or a column below)
    # Heights along each line's own slant at the gap between them, so a tilted photo's rows stay apart.
    x = (a.bbox.right + b.bbox.left) / 2
    top_a, bottom_a = _vertical_span(a, x)
    top_b, bottom_b = _vertical_span(b, x)
    overlap = min(bottom_a, bottom_b) - max(top_a, top_b)
    return overlap >= ROW_OVERLAP * min(bottom_a - top_a, bottom_b - top_b)


def _vertical_span(quad: Quad, x: float) -> tuple[float, float]:
    """Top and bottom of the quad's edges, continued along its slope to ``x``."""
    a, b, _, d = quad.points
    slope = (b.y - a.y) / (b.x - a.x) if abs(b.x - a.x) > 1e-6 else 0.0
    slope = max(-0.5, min(0.5, slope))  # a short word's slope is noisy: at most ~27 degrees
    top = a.y + slope * (x - a.x)
    bottom = d.y + slope * (x - d.x)
    return top, max(bottom, top + 1e-6)


def render_fields(page: Page, version: str) -> list[WireObject]:
    """One field per word in reading order; ``lineBreak`` marks the last word of each visual row.

    Lines printed side by side on one row (a receipt's ``name  qty  price``, a table row, a label
    and its value) stay one row, as CLOVA answers: clients rebuild text from ``lineBreak``.
    """
    fields: list[WireObject] = []
    lines = page.lines
    for k, line in enumerate(lines):
        last = len(line.words) - 1
        row_ends = k == len(lines) - 1 or not same_row(line, lines[k + 1])
        for position, word in enumerate(line.words):
            fields.append(
                {
                    "valueType": "ALL",
                    **polygon_item(word.quad, version),
                    "inferText": word.text,
                    "inferConfidence": confidence(word.confidence),
                    "type": "NORMAL",
                    "lineBreak": position == last and row_ends,
                }
            )
    return fields
