from hanji.core.geometry import Box
from hanji.core.result import Line, Word
from hanji.engines.reading_order import order_lines


def line(text: str, left: float, top: float, right: float, bottom: float) -> Line:
    return Line((Word(text, Box(left, top, right, bottom).to_quad(), 0.9),))


def test_two_columns_read_column_by_column() -> None:
    left = [line(f"L{i}", 10, 100 + 50 * i, 400, 130 + 50 * i) for i in range(4)]
    right = [line(f"R{i}", 500, 120 + 50 * i, 900, 150 + 50 * i) for i in range(4)]
    title = line("title", 10, 10, 900, 50)
    ordered = order_lines([*right, title, *left][::-1])
    assert [ln.text for ln in ordered] == ["title", "L0", "L1", "L2", "L3", "R0", "R1", "R2", "R3"]


def test_receipt_rows_stay_rows() -> None:
    # Item names and prices sit on the same rows: a table gutter, not a column gutter.
    rows = []
    for i in range(4):
        rows += [
            line(f"item{i}", 10, 100 + 40 * i, 200, 125 + 40 * i),
            line(f"{i}.00", 600, 100 + 40 * i, 680, 125 + 40 * i),
        ]
    ordered = order_lines(rows[::-1])
    assert [ln.text for ln in ordered] == ["item0", "0.00", "item1", "1.00", "item2", "2.00", "item3", "3.00"]


def test_touching_lines_on_one_row_read_left_to_right() -> None:
    ordered = order_lines([line("b", 120, 12, 200, 40), line("a", 10, 10, 110, 38)])
    assert [ln.text for ln in ordered] == ["a", "b"]


def test_a_tightly_set_header_reads_top_to_bottom() -> None:
    # Line boxes as Hanji's detector drew them on a real receipt's centred header (SROIE
    # sroie-train/img/216.jpg): each box overlaps the next, so the rows chain into one band.
    header = [
        line("ADVANCO COMPANY", 203, 51, 514, 102),
        line("Company Reg. No. : 725186-V", 151, 80, 563, 134),
        line("NO 1&3, Jalan Wangsa Delima 12.", 123, 111, 590, 173),
        line("Wangsa Link, Wangsa Maju,", 160, 147, 548, 206),
        line("53300 Kuala Lumpur", 218, 183, 497, 240),
        line("03-41318972", 268, 224, 445, 271),
    ]
    ordered = order_lines([header[i] for i in (2, 1, 3, 0, 4, 5)])
    assert [ln.text for ln in ordered] == [ln.text for ln in header]


def test_a_small_label_at_the_foot_of_a_large_amount_stays_on_its_row() -> None:
    ordered = order_lines([line("12,000", 200, 100, 420, 140), line("Total", 20, 125, 90, 140)])
    assert [ln.text for ln in ordered] == ["Total", "12,000"]


def test_empty_and_single() -> None:
    assert order_lines([]) == []
    one = line("x", 0, 0, 1, 1)
    assert order_lines([one]) == [one]
