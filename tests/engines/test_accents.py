"""Doubtful accents on Latin letters are read as their base letters; sure ones and other scripts stay."""

from hanji.engines.accents import base_letter, fold_doubtful_accents
from hanji.engines.stages import Glyph, Reading, SpanWord


def _reading(text: str, confidences: dict[int, float]) -> Reading:
    glyphs = []
    for k, ch in enumerate(text):
        glyphs.append(Glyph(ch, confidences.get(k, 0.99), k / len(text), (k + 1) / len(text)))
    words, start = [], 0
    for token in text.split(" "):
        words.append(SpanWord(token, 0.95, start / len(text), (start + len(token)) / len(text)))
        start += len(token) + 1
    return Reading(tuple(words), tuple(glyphs), "ppocr")


def test_a_doubtful_accent_in_a_latin_word_is_its_base_letter() -> None:
    folded = fold_doubtful_accents(_reading("40170 SETIA ÁLAM", {12: 0.82}))
    assert folded.text == "40170 SETIA ALAM"
    assert [g.char for g in folded.glyphs][12] == "A"


def test_a_surely_read_accent_stays() -> None:
    assert fold_doubtful_accents(_reading("café crème", {3: 0.99, 7: 0.98})).text == "café crème"


def test_lone_letters_and_other_scripts_are_left_alone() -> None:
    assert fold_doubtful_accents(_reading("É 가나", {0: 0.5})).text == "É 가나"
    assert base_letter("가") is None and base_letter("a") is None and base_letter("ä") == "a"
