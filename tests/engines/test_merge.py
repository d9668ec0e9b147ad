"""Merging a Hangul reader's line with the base reader's: each keeps what it reads best."""

import numpy as np

from hanji.engines.merge import hangul_may_win, merge, needs_base, segments, wants_whole_line
from hanji.engines.stages import Glyph, Reading, SpanWord


def _reading(words: list[tuple[str, float]], recognizer: str = "tesseract") -> Reading:
    """Words laid left to right, one glyph per character, each character 1/40 of the width."""
    glyphs: list[Glyph] = []
    spans: list[SpanWord] = []
    x = 0.0
    for text, conf in words:
        start = x
        for ch in text:
            glyphs.append(Glyph(ch, conf, x, x + 0.025))
            x += 0.025
        spans.append(SpanWord(text, conf, start, x))
        x += 0.025
    return Reading(tuple(spans), tuple(glyphs), recognizer)


def _base(text: str, conf: float, start: float = 0.0, end: float = 1.0) -> Reading:
    """A base reading whose characters spread evenly over ``start..end``."""
    step = (end - start) / max(len(text), 1)
    glyphs = tuple(Glyph(c, conf, start + k * step, start + (k + 1) * step) for k, c in enumerate(text))
    words = tuple(SpanWord(w, conf, start, end) for w in text.split())
    return Reading(words, glyphs, "ppocr")


def test_confident_pure_hangul_needs_no_second_reader() -> None:
    assert not needs_base(_reading([("대표자", 0.95), ("성명", 0.93)]))
    assert needs_base(_reading([("사업자등록번호", 0.95), ("605-73-19728", 0.9)]))
    assert needs_base(_reading([("대표자", 0.4)]))


def test_digit_stretch_is_taken_from_the_base_reader() -> None:
    hangul = _reading([("승인번호", 0.92), ("3529S07O", 0.7)])
    (segment,) = segments(hangul, aspect=10.0)
    assert segment.own == "3529S07O" and not segment.latin_only
    merged = merge(hangul, [(segment, _base("35295070", 0.97))])
    assert merged.text == "승인번호 35295070"


def test_digits_glued_to_hangul_are_split_out_and_the_won_sign_kept() -> None:
    hangul = _reading([("합계", 0.9), ("금액\\45.000원", 0.8)])
    (segment,) = segments(hangul, aspect=10.0)
    assert segment.own == "\\45.000" and segment.beside_hangul
    merged = merge(hangul, [(segment, _base("W45,000", 0.95))])
    assert merged.text == "합계 금액₩45,000원"


def test_a_han_guess_on_hangul_never_replaces_anything() -> None:
    hangul = _reading([("카드번호", 0.9), ("8291-10", 0.8)])
    (segment,) = segments(hangul, aspect=10.0)
    assert merge(hangul, [(segment, _base("外进8291-10", 0.9))]).text == "카드번호 8291-10"


def test_doubtful_hangul_gives_way_to_confident_latin() -> None:
    hangul = _reading([("성명", 0.93), ("호0기", 0.31), ("길동이", 0.35)])
    found = [s for s in segments(hangul, aspect=12.0) if s.marks]
    assert [(s.word, s.latin_only) for s in found] == [(1, True), (2, True)]
    merged = merge(hangul, [(found[0], _base("HONG", 0.98)), (found[1], _base("GILDONG", 0.97))])
    assert merged.text == "성명 HONG GILDONG"
    # Unsure Latin does not: the Hangul reading stays.
    assert merge(hangul, [(found[0], _base("HONG", 0.6))]).text.startswith("성명 호0기")


def test_a_doubtful_word_keeps_hangul_the_base_reader_cannot_see() -> None:
    # ``738,.800원`` read with doubt: PP-OCR reads the digits and nothing where ``원`` is.
    hangul = _reading([("738,.800원", 0.29)])
    found = segments(hangul, aspect=8.0)
    whole = next(s for s in found if s.marks)
    digits = next(s for s in found if not s.marks and not s.latin_only)
    span = whole.hi - whole.lo
    silent = _base("738,800", 1.0, 0.0, (hangul.glyphs[-1].start - whole.lo) / span - 0.02)
    merged = merge(hangul, [(whole, silent), (digits, _base("738,800", 1.0))])
    assert merged.text == "738,800원"


def test_a_latin_line_read_as_hangul_noise_is_the_base_readers() -> None:
    noise = _reading([("10(태:", 0.4), ("0,", 0.5), ("51611메", 0.3)])
    assert wants_whole_line(noise)
    whole = _base("TOKEN NO: 0, STATION", 0.98, 0.0, 0.4)
    assert merge(noise, [], whole) is whole


def test_a_confident_korean_line_keeps_its_hangul_against_the_base_reader() -> None:
    korean = _reading([("대전광역시", 0.9), ("유성구", 0.88)])
    whole = _base("W349", 0.98, 0.1, 0.3)
    assert merge(korean, [], whole).text == "대전광역시 유성구"


def test_doubtful_hangul_stays_where_the_base_reader_sees_nothing() -> None:
    # ``kor`` unsure of a real Korean word: PP-OCR, which has no Hangul, reads only the digits.
    korean = _reading([("거래일시", 0.5), ("2023.", 0.7), ("3.", 0.7)])
    whole = _base("2023.3.", 0.97, 0.125, 0.3)
    assert merge(korean, [], whole) is korean


def test_han_guesses_own_a_line_only_when_japanese_or_chinese_was_asked_for() -> None:
    doubtful = _reading([("통화", 0.4)])
    guess = _base("号", 0.95, 0.0, 0.05)
    assert merge(doubtful, [], guess) is doubtful
    assert merge(doubtful, [], guess, han_expected=True) is guess


def test_a_kana_line_with_an_amount_is_the_base_readers_when_japanese_was_asked_for() -> None:
    # ``kor`` reads ``ブルキナファソ ￥738,684`` as ``2/1[추227 부738,684``; the amount's digits must
    # not dilute the kana that tells the line is Japanese.
    noise = _reading([("2/1[추227", 0.7), ("부738,684", 0.72)])
    whole = _base("ブルキナファソ ￥738,684", 0.97, 0.0, 0.43)
    assert merge(noise, [], whole, han_expected=True) is whole
    assert merge(noise, [], whole) is noise  # Korean alone: Han and kana are guesses at Hangul


def test_han_alone_needs_kor_in_doubt_to_own_a_line() -> None:
    korean = _reading([("카자흐어", 0.7), ("₩316,218", 0.7)])
    guess = _base("高叶ł₩316,218", 0.9, 0.0, 0.5)
    assert merge(korean, [], guess, han_expected=True) is korean


def _ink(width: int, *stretches: tuple[float, float]) -> np.ndarray:
    ink = np.zeros(width, bool)
    for lo, hi in stretches:
        ink[int(lo * width) : int(hi * width)] = True
    return ink


def test_a_confident_latin_line_whose_ink_is_all_read_needs_no_hangul_reading() -> None:
    base = _base("TOTAL 12.50", 0.97, 0.05, 0.6)  # each character 0.05 wide: the words' ink below
    assert not hangul_may_win(base, _ink(400, (0.05, 0.3), (0.35, 0.6)), 20)


def test_ink_the_base_reader_left_unread_may_be_hangul() -> None:
    # "TOTAL" read, then a Korean word the base reader has no letters for: silent ink at the end.
    base = _base("TOTAL", 0.97, 0.05, 0.3)
    assert hangul_may_win(base, _ink(400, (0.05, 0.3), (0.4, 0.55)), 20)
    # A gap narrower than a syllable (a stray mark) is not a word.
    assert not hangul_may_win(base, _ink(400, (0.05, 0.3), (0.36, 0.37)), 20)


def test_a_doubted_or_han_reading_may_be_hangul() -> None:
    assert hangul_may_win(_base("TOTAL", 0.7, 0.05, 0.3), _ink(400, (0.05, 0.3)), 20)
    assert hangul_may_win(_base("合計 12", 0.95, 0.05, 0.3), _ink(400, (0.05, 0.3)), 20)
    assert hangul_may_win(Reading(()), _ink(400, (0.05, 0.3)), 20)
