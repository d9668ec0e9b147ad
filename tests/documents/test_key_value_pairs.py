"""Generic key–value pairing on small hand-built forms laid out like FUNSD pages.

Each layout holds for the learned pairer (``pair_key_values`` with the shipped model) and for
the rules it falls back on when no model loads.
"""

from collections.abc import Callable

import pytest

from hanji.core.result import KeyValue, Line, Page
from hanji.documents import pair_key_values
from hanji.documents.key_values import pair_by_rules
from tests.documents.lines import text_line

PAIRERS = pytest.mark.parametrize("pair", [pair_key_values, pair_by_rules], ids=["model", "rules"])
Pairer = Callable[[Page], list[KeyValue]]


def _line(text: str, x: float, y: float) -> Line:
    return text_line(text, x, y, char_width=9, gap=7, height=14, confidence=0.95)


def _form() -> Page:
    lines = (
        _line("TO:", 40, 40),  # a label with its value to the right
        _line("Dr. Jane Smith", 120, 40),
        _line("FROM:", 40, 80),  # two labels on one row: FROM's value is not the next label
        _line("DATE:", 400, 80),
        _line("Remarks", 40, 140),  # a label whose value sits under it
        _line("Ship 2 crates by truck", 40, 170),
        _line("Fax: 555-0100", 400, 220),  # key and value in one line
    )
    return Page(0, 700, 300, lines)


@PAIRERS
def test_pairs_right_below_and_inline(pair: Pairer) -> None:
    pairs = [(kv.key, kv.value) for kv in pair(_form())]
    assert ("TO", "Dr. Jane Smith") in pairs
    assert ("Remarks", "Ship 2 crates by truck") in pairs
    assert ("Fax", "555-0100") in pairs
    assert all(k != "FROM" or v != "DATE:" for k, v in pairs)


@PAIRERS
def test_pair_words_come_from_each_side(pair: Pairer) -> None:
    kv = next(kv for kv in pair(_form()) if kv.key == "TO")
    assert [w.text for w in kv.key_words] == ["TO:"]
    assert [w.text for w in kv.value_words] == ["Dr.", "Jane", "Smith"]


def _korean_form() -> Page:
    lines = (
        _line("성명: 홍길동", 40, 40),  # label and value in one line
        _line("주소", 40, 90),  # label left of its value
        _line("서울특별시 중구 세종대로 110", 140, 90),
        _line("연락처", 40, 150),  # label above its value
        _line("010-1234-5678", 40, 180),
    )
    return Page(0, 700, 300, lines)


@PAIRERS
def test_korean_labels_pair_inline_right_and_below(pair: Pairer) -> None:
    pairs = [(kv.key, kv.value) for kv in pair(_korean_form())]
    assert pairs == [
        ("성명", "홍길동"),
        ("주소", "서울특별시 중구 세종대로 110"),
        ("연락처", "010-1234-5678"),
    ]


@PAIRERS
def test_an_inline_colon_split_keeps_its_words(pair: Pairer) -> None:
    kv = next(kv for kv in pair(_korean_form()) if kv.key == "성명")
    assert [w.text for w in kv.key_words] == ["성명:"] and [w.text for w in kv.value_words] == ["홍길동"]


def test_a_page_without_lines_has_no_pairs() -> None:
    assert pair_key_values(Page(0, 100, 100)) == []
    assert pair_key_values(Page(0, 100, 100, (_line("Name:", 10, 10),))) == []
