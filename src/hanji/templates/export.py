"""A Template OCR result's fields as a table: rows, CSV and XLSX (the test run's ``?format=`` export).

One row per field per page, in the response's order, then the page's ``combineResult`` items
(``type`` ``COMBINE``). A multi-box field's ``text`` is its joined ``inferText``; ``checked`` is
``true``/``false`` for a checkbox and empty otherwise. XLSX needs ``openpyxl``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from typing import Any

from hanji.core.spreadsheet import inert

COLUMNS = ("page", "field", "value_type", "type", "text", "confidence", "checked")

Row = dict[str, Any]


def _entries(entry_or_body: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    images = entry_or_body.get("images")
    return list(images) if isinstance(images, list) else [entry_or_body]


def result_rows(entry_or_body: Mapping[str, Any]) -> list[Row]:
    """The rows of a whole response (``{"images": [...]}``) or of one ``images[]`` entry.

    ``page`` is 1-based: the entry's place in ``images``.
    """
    rows: list[Row] = []
    for page, entry in enumerate(_entries(entry_or_body), start=1):
        for field in entry.get("fields") or []:
            checked = field.get("checked")
            rows.append(
                {
                    "page": page,
                    "field": field.get("name", ""),
                    "value_type": field.get("valueType", ""),
                    "type": field.get("type", ""),
                    "text": field.get("inferText", ""),
                    "confidence": field.get("inferConfidence"),
                    "checked": None if checked is None else bool(checked),
                }
            )
        for combined in entry.get("combineResult") or []:
            rows.append(
                {
                    "page": page,
                    "field": combined.get("name", ""),
                    "value_type": "",
                    "type": "COMBINE",
                    "text": combined.get("inferText", ""),
                    "confidence": None,
                    "checked": None,
                }
            )
    return rows


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return inert(value) if isinstance(value, str) else value


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    """CSV text with a header row (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(COLUMNS)
    writer.writerows([_cell(row.get(c)) for c in COLUMNS] for row in rows)
    return buf.getvalue()


def to_xlsx(rows: Sequence[Mapping[str, Any]]) -> bytes:
    """An XLSX workbook, one sheet ``Fields``: the header row, then the rows (numbers kept numeric).

    Raises:
        ModuleNotFoundError: openpyxl is not installed.
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    ws = wb.active
    ws.title = "Fields"
    ws.append(list(COLUMNS))
    for row in rows:
        ws.append([_cell(row.get(c)) for c in COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
