"""Export tables as CSV, XLSX, HTML and JSON.

Merged cells keep their text in their top-left position; CSV leaves the covered positions empty,
HTML uses ``rowspan``/``colspan`` and XLSX merges the range. XLSX needs ``openpyxl``. CSV and XLSX
cells that a spreadsheet would run as a formula are made plain text (:mod:`hanji.core.spreadsheet`).
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Sequence

from hanji.core.result import Cell, Table
from hanji.core.spreadsheet import inert


def to_matrix(table: Table) -> list[list[str]]:
    """The table as rows of strings; a merged cell's text sits at its top-left, the rest empty."""
    grid = [["" for _ in range(table.n_columns)] for _ in range(table.n_rows)]
    for c in table.cells:
        grid[c.row][c.column] = c.text
    return grid


def to_csv(table: Table) -> str:
    """One table as CSV text (RFC 4180 quoting, ``\\r\\n`` line ends)."""
    buf = io.StringIO()
    csv.writer(buf).writerows([[inert(text) for text in row] for row in to_matrix(table)])
    return buf.getvalue()


def to_csvs(tables: Sequence[Table]) -> list[str]:
    """CSV text per table."""
    return [to_csv(t) for t in tables]


def _td(cell: Cell) -> str:
    attrs = ""
    if cell.row_span > 1:
        attrs += f' rowspan="{cell.row_span}"'
    if cell.column_span > 1:
        attrs += f' colspan="{cell.column_span}"'
    text = "<br>".join(html.escape(line.text) for line in cell.lines)
    return f"<td{attrs}>{text}</td>"


def to_html(tables: Sequence[Table]) -> str:
    """Every table as an HTML ``<table>`` (with rowspan/colspan), one after another."""
    out = []
    for t in tables:
        rows: list[list[Cell]] = [[] for _ in range(t.n_rows)]
        for c in sorted(t.cells, key=lambda c: (c.row, c.column)):
            rows[c.row].append(c)
        body = "".join("<tr>" + "".join(_td(c) for c in r) + "</tr>" for r in rows)
        out.append(f"<table>{body}</table>")
    return "\n".join(out)


def to_json(tables: Sequence[Table]) -> str:
    """The tables in the core tree's export shape (``Table.from_dict`` reads each back)."""
    return json.dumps([t.export() for t in tables], ensure_ascii=False)


def to_xlsx(tables: Sequence[Table]) -> bytes:
    """An XLSX workbook with one sheet per table (``Table 1``, …), merged ranges kept.

    Raises:
        ModuleNotFoundError: openpyxl is not installed.
    """
    from openpyxl import Workbook  # type: ignore[import-untyped]

    wb = Workbook()
    wb.remove(wb.active)
    for i, t in enumerate(tables, start=1):
        ws = wb.create_sheet(f"Table {i}")
        for c in t.cells:
            ws.cell(row=c.row + 1, column=c.column + 1, value=inert(c.text) or None)
            if c.row_span > 1 or c.column_span > 1:
                ws.merge_cells(
                    start_row=c.row + 1,
                    start_column=c.column + 1,
                    end_row=c.row + c.row_span,
                    end_column=c.column + c.column_span,
                )
    if not tables:
        wb.create_sheet("No tables")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
