"""Visual rows: OCR lines that share a baseline band, so a label can find the value to its right."""

from __future__ import annotations

from hanji.core.result import Line, Page

_last_grouping: tuple[Page, float, list[list[Line]]] | None = None
"""The last page grouped: an extractor asks for the same page's rows many times over."""


def group_rows(page: Page, tolerance: float = 0.45) -> list[list[Line]]:
    """Lines grouped into rows (top to bottom), each row left to right.

    A line joins a row when its centre lies within ``tolerance`` × its height of the row's first
    line's centre; comparing with the anchor (not the last line added) keeps rows from chaining down
    a column. Engines that split ``Total : 9.00`` into two boxes leave label and value in one row.
    """
    global _last_grouping
    last = _last_grouping
    if last is not None and last[0] is page and last[1] == tolerance:
        return [list(row) for row in last[2]]
    boxes = {id(ln): ln.bbox for ln in page.lines if ln.words}
    rows: list[list[Line]] = []
    for line in sorted((ln for ln in page.lines if ln.words), key=lambda ln: boxes[id(ln)].center.y):
        box = boxes[id(line)]
        for row in rows:
            anchor = boxes[id(row[0])]
            limit = tolerance * min(anchor.height, box.height)
            if abs(anchor.center.y - box.center.y) <= limit:
                row.append(line)
                break
        else:
            rows.append([line])
    for row in rows:
        row.sort(key=lambda ln: boxes[id(ln)].left)
    rows.sort(key=lambda r: min(boxes[id(ln)].center.y for ln in r))
    _last_grouping = (page, tolerance, [list(row) for row in rows])
    return rows


def row_text(row: list[Line]) -> str:
    """A row's text, lines joined left to right by a space."""
    return " ".join(ln.text for ln in row)
