"""Visual rows: OCR lines that share a baseline band, so a label can find the value to its right."""

from __future__ import annotations

from hanji.core.result import Line, Page


def group_rows(page: Page, tolerance: float = 0.45) -> list[list[Line]]:
    """Lines grouped into rows (top to bottom), each row left to right.

    A line joins a row when its centre lies within ``tolerance`` × its height of the row's first
    line's centre; comparing with the anchor (not the last line added) keeps rows from chaining down
    a column. Engines that split ``Total : 9.00`` into two boxes leave label and value in one row.
    """
    rows: list[list[Line]] = []
    for line in sorted((ln for ln in page.lines if ln.words), key=lambda ln: ln.bbox.center.y):
        box = line.bbox
        for row in rows:
            anchor = row[0].bbox
            limit = tolerance * min(anchor.height, box.height)
            if abs(anchor.center.y - box.center.y) <= limit:
                row.append(line)
                break
        else:
            rows.append([line])
    for row in rows:
        row.sort(key=lambda ln: ln.bbox.left)
    rows.sort(key=lambda r: min(ln.bbox.center.y for ln in r))
    return rows


def row_text(row: list[Line]) -> str:
    """A row's text, lines joined left to right by a space."""
    return " ".join(ln.text for ln in row)
