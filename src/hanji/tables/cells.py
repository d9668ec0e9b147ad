"""Turn a grid into core ``Table``/``Cell`` objects, filling cells with the page's own words."""

from __future__ import annotations

from collections.abc import Sequence

from hanji.core.geometry import Box
from hanji.core.result import Cell, Table, Word
from hanji.tables.grid import GridCell
from hanji.tables.textlines import to_result_lines


def assign_words(boxes: Sequence[Box], words: Sequence[Word]) -> list[list[Word]]:
    """Words per box, each word to the box holding its centre (first match; boxes do not overlap)."""
    out: list[list[Word]] = [[] for _ in boxes]
    for w in words:
        c = w.quad.center
        for i, b in enumerate(boxes):
            if b.contains(c):
                out[i].append(w)
                break
    return out


def make_table(region: Box, grid: Sequence[GridCell], words: Sequence[Word], confidence: float) -> Table:
    """A core table whose cells hold the words that fall in them, grouped into lines.

    An empty cell gets no lines and confidence 1.0 (as CLOVA reports it); a filled cell's
    confidence is its least confident word's.
    """
    per_cell = assign_words([g.box for g in grid], words)
    cells = []
    for g, ws in zip(grid, per_cell, strict=True):
        conf = min((w.confidence for w in ws), default=1.0)
        cells.append(
            Cell(g.row, g.column, g.row_span, g.column_span, g.box.to_quad(), to_result_lines(ws), conf)
        )
    return Table(region.to_quad(), tuple(cells), confidence)


def is_substantial(table: Table) -> bool:
    """At least two rows and two columns, and some text: smaller finds are boxes, not tables."""
    return table.n_rows >= 2 and table.n_columns >= 2 and any(c.lines for c in table.cells)
