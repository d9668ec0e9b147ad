"""A Template OCR result's fields as rows, CSV and XLSX."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped]

from hanji.templates.export import COLUMNS, result_rows, to_csv, to_xlsx

ENTRY: dict[str, Any] = {
    "uid": "u",
    "name": "form",
    "inferResult": "SUCCESS",
    "fields": [
        {
            "name": "name",
            "valueType": "ALL",
            "type": "NORMAL",
            "inferText": "김민수",
            "inferConfidence": 0.98,
        },
        {
            "name": "phone",
            "valueType": "NUMERIC",
            "type": "MULTI_BOX",
            "inferText": "01048217735",
            "inferConfidence": 0.9,
            "subFields": [{"inferText": "010"}, {"inferText": "4821"}, {"inferText": "7735"}],
        },
        {
            "name": "agree",
            "valueType": "ALL",
            "type": "CHECKBOX",
            "checked": False,
            "inferText": "",
            "inferConfidence": 0.75,
        },
    ],
    "combineResult": [{"name": "contact", "inferText": "김민수 01048217735"}],
}
BODY: dict[str, Any] = {"version": "V2", "requestId": "r", "timestamp": 0, "images": [ENTRY, ENTRY]}


def test_rows_per_field_per_page_then_combinations() -> None:
    rows = result_rows(ENTRY)
    assert [(r["page"], r["field"], r["type"]) for r in rows] == [
        (1, "name", "NORMAL"),
        (1, "phone", "MULTI_BOX"),
        (1, "agree", "CHECKBOX"),
        (1, "contact", "COMBINE"),
    ]
    assert rows[1]["text"] == "01048217735" and rows[1]["value_type"] == "NUMERIC"
    assert rows[2]["checked"] is False and rows[0]["checked"] is None
    assert rows[3]["confidence"] is None and rows[3]["text"] == "김민수 01048217735"
    body_rows = result_rows(BODY)
    assert len(body_rows) == 8 and [r["page"] for r in body_rows] == [1] * 4 + [2] * 4
    assert result_rows({"images": [{"inferResult": "FAILURE", "fields": []}]}) == []


def test_csv_has_the_header_and_text_booleans() -> None:
    text = to_csv(result_rows(ENTRY))
    assert text.startswith("page,field,value_type,type,text,confidence,checked\r\n")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[1] == ["1", "name", "ALL", "NORMAL", "김민수", "0.98", ""]
    assert parsed[3] == ["1", "agree", "ALL", "CHECKBOX", "", "0.75", "false"]
    assert parsed[4] == ["1", "contact", "", "COMBINE", "김민수 01048217735", "", ""]
    assert to_csv([]) == ",".join(COLUMNS) + "\r\n"


def test_xlsx_holds_the_same_table() -> None:
    data = to_xlsx(result_rows(BODY))
    assert data.startswith(b"PK")
    sheet = load_workbook(io.BytesIO(data))["Fields"]
    values = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert values[0] == list(COLUMNS)
    assert len(values) == 9
    assert values[2] == [1, "phone", "NUMERIC", "MULTI_BOX", "01048217735", 0.9, None]
    assert values[7][:2] == [2, "agree"] and values[7][6] == "false"
