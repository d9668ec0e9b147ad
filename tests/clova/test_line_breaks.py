"""``lineBreak`` ends visual rows: lines printed side by side are one row, as CLOVA answers."""

from __future__ import annotations

import math

from hanji.clova.render import render_fields
from hanji.core.geometry import Point, Quad
from hanji.core.result import Line, Page, Word


def _word(text: str, x: float, y: float, width: float, height: float = 20.0, angle: float = 0.0) -> Word:
    """A word box at (x, y), turned by ``angle`` degrees about the page origin (a tilted photo)."""
    cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))

    def turn(px: float, py: float) -> Point:
        return Point(px * cos - py * sin, px * sin + py * cos)

    corners = [(x, y), (x + width, y), (x + width, y + height), (x, y + height)]
    a, b, c, d = (turn(px, py) for px, py in corners)
    return Word(text, Quad((a, b, c, d)), 0.99)


def _line(*words: Word) -> Line:
    return Line(tuple(words), "test")


def _rebuild(page: Page) -> list[str]:
    """What clients do: ``inferText + ("\\n" if lineBreak else " ")``, split into rows."""
    fields = render_fields(page, "V2")
    text = "".join(f["inferText"] + ("\n" if f["lineBreak"] else " ") for f in fields)
    return text.rstrip("\n").split("\n")


def test_receipt_columns_stay_on_their_row() -> None:
    rows = [("신라면", "4,500", "2", "9,000"), ("새우깡", "1,800", "1", "1,800")]
    lines = [
        _line(_word(text, 40 + 220 * col, 100 + 40 * r, 90))
        for r, row in enumerate(rows)
        for col, text in enumerate(row)
    ]
    assert _rebuild(Page(0, 1000, 400, tuple(lines))) == ["신라면 4,500 2 9,000", "새우깡 1,800 1 1,800"]


def test_a_label_and_its_value_far_apart_are_one_line() -> None:
    page = Page(
        0,
        1000,
        200,
        (
            _line(_word("인증번호", 40, 50, 80), _word(":", 125, 50, 8)),
            _line(_word("CB063R1234-5001", 500, 52, 180)),
        ),
    )
    assert _rebuild(page) == ["인증번호 : CB063R1234-5001"]


def test_rows_of_a_tilted_photo_do_not_merge() -> None:
    lines = [
        _line(
            _word("품목", 40, 100 + 30 * r, 60, 18, angle=4.0),
            _word("합계", 110, 100 + 30 * r, 60, 18, angle=4.0),
        )
        for r in range(3)
    ]
    assert len(_rebuild(Page(0, 1000, 400, tuple(lines)))) == 3
    # Columns of one tilted row still join.
    row = (_line(_word("공급가액", 40, 200, 90, 18, 4.0)), _line(_word("45,000", 500, 200, 80, 18, 4.0)))
    assert _rebuild(Page(0, 1000, 400, row)) == ["공급가액 45,000"]


def test_a_new_row_starts_at_the_left() -> None:
    page = Page(0, 1000, 200, (_line(_word("첫째", 40, 50, 60)), _line(_word("둘째", 40, 52, 60))))
    assert _rebuild(page) == ["첫째", "둘째"]
