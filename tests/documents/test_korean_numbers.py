"""Korean personal and business numbers: check digits, shapes, and the masking of the back half."""

import random

import pytest
from benchmarks.synthetic import common

from hanji.core.geometry import Quad
from hanji.core.result import Line, Word
from hanji.documents.checksums import biz_number_valid, rrn_valid
from hanji.documents.personal_numbers import license_number, personal_number, span_quads
from hanji.documents.values import digits_only


def _line(*texts: str, x: float = 0.0, char_w: float = 10.0) -> Line:
    words = []
    for t in texts:
        w = len(t) * char_w
        words.append(Word(t, Quad.from_sequence([[x, 0], [x + w, 0], [x + w, 20], [x, 20]]), 0.9))
        x += w + char_w
    return Line(tuple(words))


@pytest.mark.parametrize("seed", range(20))
def test_generated_numbers_carry_valid_check_digits(seed: int) -> None:
    rng = random.Random(seed)
    assert biz_number_valid(digits_only(common.biz_number(rng, corporate=seed % 2 == 0)))
    birth = common.date(rng, 1950, 2010)
    assert rrn_valid(digits_only(common.rrn(rng, birth)))
    alien = digits_only(common.rrn(rng, birth, alien=True))
    assert rrn_valid(alien) and alien[6] in "5678"


def test_known_numbers() -> None:
    assert biz_number_valid("1248100998")  # a published corporate number used in NTS examples
    assert not biz_number_valid("1248100999")
    assert rrn_valid("8001011234560") and not rrn_valid("8001011234567")


def test_personal_number_masks_exactly_the_back_seven_digits() -> None:
    line = _line("800101-1234560")  # one word, 14 characters of 10 px
    found = personal_number([line])
    assert found is not None
    vo, row, valid = found
    assert valid and row == 0 and vo.formatted == {"value": "800101-1234560"}
    (mask,) = vo.masking
    xs = [p.x for p in mask.points]
    assert (min(xs), max(xs)) == (70.0, 140.0)  # characters 7..14 of the word
    assert vo.confidence == 0.9


def test_masking_follows_a_number_split_over_words() -> None:
    line = _line("주민", "800101", "-", "1234560")
    vo, _, _ = personal_number([line]) or pytest.fail("not found")
    assert [round(p.x) for p in vo.masking[0].points] == [120, 190, 190, 120]
    assert len(vo.quads) == 3


def test_invalid_personal_number_is_reported_with_halved_confidence() -> None:
    vo, _, valid = personal_number([_line("800101-1234561")]) or pytest.fail("not found")
    assert not valid and vo.confidence == 0.45


def test_span_quads_cuts_by_character_fraction() -> None:
    (quad,) = span_quads(_line("abcdefghij"), 2, 5)
    assert [round(p.x) for p in quad.points] == [20, 50, 50, 20]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("11-19-123456-80", "11-19-123456-80"),
        ("면허 28 - 05 - 000123 - 11", "28-05-000123-11"),
        ("서울 12-123456-78", "서울-12-123456-78"),
    ],
)
def test_license_number_shapes(text: str, value: str) -> None:
    vo, _ = license_number([_line(*text.split())]) or pytest.fail("not found")
    assert vo.value == value


def test_license_number_rejects_a_personal_number() -> None:
    assert license_number([_line("800101-1234560")]) is None


def test_a_stray_space_the_ocr_put_inside_the_number_is_read_through() -> None:
    # The real OCR of a rendered 주민등록증 gave "830424-283292 1" (benchmarks/documents_synthetic.py).
    found = personal_number([_line("830424-283292", "1")])
    assert found is not None
    value, row, valid = found
    assert value.formatted == {"value": "830424-2832921"} and row == 0 and valid
    # A speck beside the number (the photo area read as "0") does not take it away.
    found = personal_number([_line("781206-2892659", "0")])
    assert found is not None and found[0].formatted == {"value": "781206-2892659"}
