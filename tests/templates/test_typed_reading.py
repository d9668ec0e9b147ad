"""#15 item 12: a typed field's value holds its type's characters: a digit box misread as Hangul is
read again with the recogniser held to digits; what still does not fit says so in its confidence."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from hanji.core.geometry import Box
from hanji.core.result import Line, Page, Word
from hanji.templates.flow import restricted_read
from hanji.templates.reading import UNFIT_CONFIDENCE, read_field
from hanji.templates.schema import FieldDefinition
from hanji.templates.values import fits_type

FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
BIRTH = FieldDefinition("birth_digits", ((0.0, 0.0, 300.0, 60.0),), value_type="number")


def _page_reading(text: str) -> Page:
    word = Word(text, Box(10, 10, 280, 50).to_quad(), 0.9)
    return Page(index=0, width=300, height=60, lines=(Line((word,)),))


def _image(text: str = "19900315") -> np.ndarray:
    image = Image.new("RGB", (300, 60), "white")
    ImageDraw.Draw(image).text((12, 4), text, font=ImageFont.truetype(FONT, 40), fill="black")
    return np.asarray(image)


def test_a_number_misread_with_hangul_is_read_again_within_digits() -> None:
    asked: list[str] = []

    def digits_only(crop: np.ndarray, alphabet: str) -> tuple[str, float]:
        asked.append(alphabet)
        return "19900315", 0.8

    reading = read_field(
        BIRTH, _image(), _page_reading("199003제5"), lambda img: _page_reading(""), digits_only
    )
    assert reading.text == "19900315" and reading.confidence == 0.8
    assert asked and set(asked[0]) >= set("0123456789")


def test_what_still_does_not_fit_keeps_a_low_confidence() -> None:
    reading = read_field(
        BIRTH, _image(), _page_reading("199003제5"), lambda img: _page_reading(""), lambda c, a: ("", 0.0)
    )
    assert reading.text == "199003제5"  # never made up
    assert reading.confidence <= UNFIT_CONFIDENCE


def test_a_value_that_fits_is_never_read_again() -> None:
    def never(crop: np.ndarray, alphabet: str) -> tuple[str, float]:
        raise AssertionError("read again although the value fits its type")

    reading = read_field(BIRTH, _image(), _page_reading("1,250,000"), lambda img: _page_reading(""), never)
    assert reading.text == "1250000" and reading.confidence == 0.9


@pytest.mark.parametrize("text", ["5", "19900315", "1990.03.15"])
def test_the_engines_read_a_box_within_an_alphabet(text: str) -> None:
    """The real recogniser (Tesseract's whitelist, one line): lone digits too, Hangul never."""
    read, confidence = restricted_read(_image(text), "0123456789,.-+")
    assert read == text and confidence > 0.5
    hangul, _ = restricted_read(_image("199003제5"), "0123456789,.-+")
    assert fits_type("number", hangul) and "제" not in hangul
