"""A template's table areas read on the aligned page: ruled tables found in each area, mapped to the input.

The table extractor sees only the area's pixels and the words OCR found inside it, so a table beside the
area (or the form's own ruled boxes) never leaks in; cells come back in the input image's pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hanji.core.geometry import Quad
from hanji.core.result import Cell, Line, Page, Table, Word
from hanji.core.template_reading import TableAreaReading
from hanji.intake.page import RgbImage
from hanji.tables import extract_tables
from hanji.templates.alignment import rect_to_input, to_input
from hanji.templates.matching import Homography
from hanji.templates.schema import Rect, TableArea

QuadMap = Callable[[Quad], Quad]


def map_table(table: Table, move: QuadMap) -> Table:
    """The same table with every quad (table, cells, words) moved by ``move``."""

    def line(ln: Line) -> Line:
        return Line(tuple(Word(w.text, move(w.quad), w.confidence) for w in ln.words), ln.engine)

    cells = tuple(
        Cell(
            c.row,
            c.column,
            c.row_span,
            c.column_span,
            move(c.quad),
            tuple(line(ln) for ln in c.lines),
            c.confidence,
        )
        for c in table.cells
    )
    return Table(move(table.quad), cells, table.confidence)


def _bounds(rect: Rect, image: RgbImage) -> tuple[int, int, int, int]:
    x, y, w, h = rect
    height, width = image.shape[:2]
    return max(int(x), 0), max(int(y), 0), min(int(x + w + 0.999), width), min(int(y + h + 0.999), height)


def read_table_area(area: TableArea, aligned: RgbImage, page: Page) -> Table | None:
    """The table in one area, in the template's frame; the one with most cells if several were found."""
    left, top, right, bottom = _bounds(area.box, aligned)
    if right - left < 2 or bottom - top < 2:
        return None
    words = [
        Word(w.text, w.quad.translated(-left, -top), w.confidence)
        for w in page.words
        if left <= w.quad.center.x <= right and top <= w.quad.center.y <= bottom
    ]
    found = extract_tables(aligned[top:bottom, left:right], words)
    if not found:
        return None
    best = max(found, key=lambda t: len(t.cells))
    return map_table(best, lambda q: q.translated(left, top))


def read_table_areas(
    areas: Sequence[TableArea], aligned: RgbImage, page: Page, homography: Homography
) -> tuple[TableAreaReading, ...]:
    """Each area's table (None where no ruled table was found), in the input image's pixels."""
    out = []
    for area in areas:
        table = read_table_area(area, aligned, page)
        mapped = None if table is None else map_table(table, lambda q: to_input(homography, q))
        out.append(TableAreaReading(area.name, rect_to_input(homography, area.box), mapped))
    return tuple(out)
