"""CSV, HTML, XLSX and JSON exports of an extracted table with spans."""

from __future__ import annotations

import csv
import io

import pytest

from hanji.core.result import Table
from hanji.tables import extract_tables
from hanji.tables.export import to_csv, to_html, to_json, to_matrix, to_xlsx

from .conftest import load_golden


@pytest.fixture(scope="module")
def merged() -> Table:
    image, words, _ = load_golden("en-ruled-merged")
    return extract_tables(image, words)[0]


def test_matrix_puts_merged_text_top_left(merged: Table) -> None:
    m = to_matrix(merged)
    assert m[0][:3] == ["Category", "Item", "Amount"]
    assert m[0][3] == "" and m[1][0] == ""
    assert m[1][2:] == ["Net", "Tax"]


def test_csv_round_trips_through_the_csv_module(merged: Table) -> None:
    rows = list(csv.reader(io.StringIO(to_csv(merged))))
    assert rows == to_matrix(merged)


def test_html_has_spans(merged: Table) -> None:
    out = to_html([merged])
    assert out.count("<tr>") == merged.n_rows
    assert '<td colspan="2">Amount</td>' in out
    assert out.count('rowspan="2"') == 3


def test_json_round_trips(merged: Table) -> None:
    import json

    assert [Table.from_dict(d) for d in json.loads(to_json([merged]))] == [merged]


def test_xlsx_has_a_sheet_per_table_and_merged_ranges(merged: Table) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    wb = openpyxl.load_workbook(io.BytesIO(to_xlsx([merged, merged])))
    assert wb.sheetnames == ["Table 1", "Table 2"]
    ws = wb["Table 1"]
    assert ws.cell(1, 3).value == "Amount"
    assert "C1:D1" in {str(r) for r in ws.merged_cells.ranges}
