"""Tables in CLOVA's General shape: Table > Cell > CellTextLine > CellWord."""

from __future__ import annotations

from hanji.clova.geometry import confidence, line_quad, polygon_item
from hanji.core.result import Cell, Line, Table, Word
from hanji.core.wire import WireObject


def render_tables(tables: tuple[Table, ...], version: str) -> list[WireObject]:
    """Render a page's tables; ``[]`` when there are none (clients index ``tables[0]`` blindly)."""
    return [render_table(table, version) for table in tables]


def render_table(table: Table, version: str) -> WireObject:
    # Row-major order, so a client walking cells reads the table as printed.
    cells = sorted(table.cells, key=lambda c: (c.row, c.column))
    return {
        "cells": [_cell(cell, version) for cell in cells],
        **polygon_item(table.quad, version),
        "inferConfidence": confidence(table.confidence),
    }


def _cell(cell: Cell, version: str) -> WireObject:
    lines = [line for line in cell.lines if line.words]
    return {
        "cellTextLines": [_text_line(line, version) for line in lines],
        **polygon_item(cell.quad, version),
        # CLOVA reports an empty cell as fully confident: there is nothing in it to doubt.
        "inferConfidence": confidence(cell.confidence) if lines else 1.0,
        "rowSpan": cell.row_span,
        "rowIndex": cell.row,
        "columnSpan": cell.column_span,
        "columnIndex": cell.column,
    }


def _text_line(line: Line, version: str) -> WireObject:
    return {
        **polygon_item(line_quad(line), version),
        "inferConfidence": confidence(line.confidence),
        "cellWords": [_word(word, version) for word in line.words],
    }


def _word(word: Word, version: str) -> WireObject:
    return {
        **polygon_item(word.quad, version),
        "inferText": word.text,
        "inferConfidence": confidence(word.confidence),
    }
