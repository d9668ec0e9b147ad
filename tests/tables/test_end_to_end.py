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
