"""Receipt line items on real OCR of rendered receipts (five till layouts) and on hand-built rows."""

import json
from pathlib import Path

import pytest
from benchmarks.documents_synthetic import flatten, normalise

from hanji.clova.document import render_fields
from hanji.core.geometry import Quad
from hanji.core.result import Line, Page, Word
from hanji.documents.receipt_items import find_items

DATA = Path(__file__).resolve().parents[1] / "data" / "documents" / "receipt_items"
LAYOUTS = ("ko-row", "ko-two", "en-row", "en-code", "en-after")


@pytest.mark.parametrize("layout", LAYOUTS)
def test_every_item_row_of_a_rendered_receipt_is_read_exactly(layout: str) -> None:
    page = Page.from_dict(json.loads((DATA / f"{layout}.page.json").read_text()))
    truth = json.loads((DATA / f"{layout}.truth.json").read_text())
    want = {k: normalise(v) for k, v in truth.items() if ".items." in k}
    assert flatten(render_fields({"subResults": [{"items": find_items(page)}]})) == want


def _line(x: float, y: float, *texts: str) -> Line:
    words, left = [], x
    for text in texts:
        width = 14.0 * len(text)
        words.append(
            Word(
                text,
                Quad.from_sequence([(left, y), (left + width, y), (left + width, y + 20), (left, y + 20)]),
                0.99,
            )
        )
        left += width + 14
    return Line(tuple(words), "test")


def _page(*lines: Line) -> Page:
    return Page(index=0, width=800, height=800, lines=lines)


def _plain(page: Page) -> list[dict[str, str]]:
    rows: dict[int, dict[str, str]] = {}
    for key, value in flatten(render_fields({"subResults": [{"items": find_items(page)}]})).items():
        _, _, _, n, field = key.split(".", 4)  # subResults.0.items.N.field
        rows.setdefault(int(n), {})[field] = value
    return [rows[n] for n in sorted(rows)]


def test_a_skewed_amount_a_tax_tag_and_a_quantity_first_row() -> None:
    page = _page(
        _line(20, 20, "ITEM", "QTY", "PRICE", "AMOUNT"),
        _line(20, 60, "NASI", "LEMAK"),
        _line(300, 60, "2", "4.50"),
        _line(560, 80, "9.00", "SR"),  # the amount column sits lower on a skewed scan
        _line(20, 120, "1", "TEH", "TARIK", "2.20"),
        _line(20, 180, "TOTAL", "11.20"),
        _line(20, 220, "CASH", "20.00"),
    )
    assert _plain(page) == [
        {"name": "NASILEMAK", "count": "2", "price.price": "9.00", "price.unitPrice": "4.50"},
        {"name": "TEHTARIK", "count": "1", "price.price": "2.20"},
    ]


def test_count_and_unit_price_are_told_apart_by_the_header_when_the_product_is_symmetric() -> None:
    page = _page(
        _line(20, 20, "상품명", "단가", "수량", "금액"),
        _line(20, 60, "크루아상", "340", "6", "2,040"),
        _line(20, 100, "합계", "2,040"),
    )
    assert _plain(page) == [
        {"name": "크루아상", "count": "6", "price.price": "2040", "price.unitPrice": "340"}
    ]


def test_without_a_header_the_store_lines_are_not_taken_for_an_item_name() -> None:
    page = _page(
        _line(20, 20, "KEDAI", "MAJU", "JAYA"),
        _line(20, 60, "NO.", "12", "JALAN", "SAGU"),
        _line(20, 100, "MILO", "3IN1"),
        _line(300, 140, "1", "x", "12.50", "12.50"),
        _line(20, 180, "TOTAL", "12.50"),
    )
    assert _plain(page) == [
        {"name": "MILO3IN1", "count": "1", "price.price": "12.50", "price.unitPrice": "12.50"}
    ]
