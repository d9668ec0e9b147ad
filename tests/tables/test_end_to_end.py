"""A rendered table read by Tesseract, then extracted: cell texts come from real OCR words."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from hanji.core.geometry import Quad
from hanji.core.result import Word
from hanji.tables import extract_tables

from .conftest import DATA

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"


def _tesseract_words(image: np.ndarray) -> list[Word]:
    tesserocr = pytest.importorskip("tesserocr")
    words = []
    with tesserocr.PyTessBaseAPI(path=TESSDATA, lang="eng") as api:
        api.SetImage(Image.fromarray(image))
        api.Recognize()
        level = tesserocr.RIL.WORD
        for it in tesserocr.iterate_level(api.GetIterator(), level):
            text, box = it.GetUTF8Text(level), it.BoundingBox(level)
            if text and text.strip() and box:
                x0, y0, x1, y1 = box
                quad = Quad.from_sequence([[x0, y0], [x1, y0], [x1, y1], [x0, y1]])
                words.append(Word(text.strip(), quad, min(1.0, max(0.0, it.Confidence(level) / 100))))
    return words


@pytest.mark.slow
def test_tesseract_words_land_in_the_right_cells() -> None:
    image = np.asarray(Image.open(DATA / "en-ruled.png").convert("RGB"))
    tables = extract_tables(image, _tesseract_words(image))
    assert len(tables) == 1
    table = tables[0]
    assert (table.n_rows, table.n_columns) == (5, 5)
    texts = {(c.row, c.column): c.text for c in table.cells}
    assert [texts[0, c] for c in range(5)] == ["Item", "Qty", "Unit price", "Amount", "Note"]
    assert texts[1, 0] and texts[1, 0][0].isupper()


ROWS = [
    ("품목", "수량", "단가", "금액"),
    ("신라면", "2", "4,500", "9,000"),
    ("과자", "1", "1,800", "1,800"),
    ("볼펜", "7", "500", "3,500"),
]


def _korean_ruled_table() -> np.ndarray:
    from PIL import ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 28)
    widths, height, x0, y0 = (220, 120, 160, 180), 56, 60, 60
    image = Image.new("RGB", (x0 * 2 + sum(widths), y0 * 2 + height * len(ROWS)), "white")
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(ROWS):
        x = x0
        for width, text in zip(widths, row, strict=True):
            draw.rectangle([x, y0 + r * height, x + width, y0 + (r + 1) * height], outline="black", width=2)
            tw = draw.textlength(text, font=font)
            left = x + 14 if r == 0 or width == widths[0] else x + width - 14 - tw  # numbers to the right
            draw.text((left, y0 + r * height + 13), text, font=font, fill="black")
            x += width
    return np.asarray(image)


@pytest.mark.slow
def test_a_korean_ruled_table_keeps_its_single_digit_cells() -> None:
    from hanji.engines import recognize

    image = _korean_ruled_table()
    page = recognize(image, ["ko"])
    tables = extract_tables(image, list(page.words))
    assert len(tables) == 1
    grid: dict[tuple[int, int], str] = {(c.row, c.column): c.text.replace(" ", "") for c in tables[0].cells}
    assert [[grid.get((r, c), "") for c in range(4)] for r in range(len(ROWS))] == [list(row) for row in ROWS]
