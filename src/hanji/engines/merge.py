"""One Korean line, two readers: the Hangul reader's words, with what the base reader reads better.

The Hangul reader (Tesseract ``kor`` today) reads Hangul well and Latin, digits and Han badly; the
base reader (PP-OCR) is the other way round and has no Hangul at all. So a Korean line keeps the
Hangul reader's words, and every stretch of them that is not Hangul (digits, Latin, ``₩``, and
doubtful words that may be Latin turned into Hangul noise) is cut out of the crop and re-read by
the base reader, whose text replaces it when confident. A line with no confidently read Korean
word, where the base reader reads something on the Hangul (it is silent on real Hangul), and reads
it confidently, is the base reader's: Latin lines, digits, and English pages in Korean domains.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from hanji.engines.scripts import cjk_share, is_han, is_hangul, is_kana, is_syllable
from hanji.engines.stages import Glyph, Reading, SpanWord

HANGUL_SURE = 0.75
"""A Hangul reading at or above this confidence, with no digit or Latin letter, needs no second reader."""
BASE_DIGITS_SURE = 0.6
"""The base reader's characters replace a non-Hangul stretch when their mean confidence is this high."""
BASE_LATIN_SURE = 0.9
"""... and replace a doubtful Hangul stretch (Latin that ``kor`` turned into Hangul) only this sure."""
DOUBTFUL_HANGUL = 0.6
"""Hangul read below this confidence is open to the base reader's Latin."""
WHOLE_LINE_SURE = 0.85
"""A base reading this confident, covering the line, wins a line the Hangul reader doubted."""
KOREAN_WORD_SURE = 0.75
LATIN_PAGE_KOREAN_SURE = 0.93
"""On a mostly non-Korean page ``kor`` reads Latin words as confident Hangul (``CASH`` -> ``매해``)."""
LATIN_PAGE_SHARE = 0.5
"""A page where the base reader owns at least this share of the lines is a Latin page."""
UNREAD_INK = 0.3
"""Ink this many line heights wide that the base reader put no character on may be a Hangul word."""
GLYPH_REACH = 0.15
"""How far (in line heights) a base glyph's ink may reach past its decoded span."""
SILENT_SHARE = 0.5
"""At or above this share of Hangul glyphs with no base-reader character on them, the line is Korean."""
WHOLE_LINE_CHECK = 0.7
"""Below this confidence, or with Latin letters in it, a Hangul reading's line is also read whole by
the base reader: ``kor`` reads most Latin lines as Hangul noise below it; the confident rest is
caught when most of the page turns out not to be Korean (every line is then read whole)."""
SHORT_LINE = 3
"""Readings of at most this many characters always get the base reader's look (cheap: tiny crops)."""
SURE_DIGITS = 0.97
"""Digits Tesseract read at least this sure are not re-read (0.9 cost photo CER 0.014 -> 0.017)."""
SEGMENT_MARGIN = 0.3
"""Margin of a segment's crop, in line heights (never past the neighbouring characters)."""
_DASHES = "-_–—~"
_DOUBLED = re.compile(r"\d[.,:;][.,:;]\d")
"""Two marks between digits (``738,.800``) are Tesseract's stutter, not a mark the base reader lost."""
_EDGE_NOISE = "|!'`\"_"
_WON_LIKE = re.compile(r"[Ww¥ł#\\₩](?=\d)")


def needs_base(reading: Reading) -> bool:
    """Whether a Hangul reader's line should also be read by the base reader."""
    if not reading.words or reading.confidence < HANGUL_SURE:
        return True
    return any(_other(g.char) for g in reading.glyphs) or any(
        not is_hangul(c) and c.isalnum() for w in reading.words for c in w.text
    )


@dataclass(frozen=True)
class Segment:
    """A stretch of a line the base reader should read on its own: a span of the crop's width."""

    word: int
    first: int
    last: int
    """Glyphs ``first..last`` (inclusive) of word ``word`` of the Hangul reading."""
    latin_only: bool
    """Hangul read with doubt: the base reader's text counts only if it is confident Latin."""
    own: str
    """The Hangul reader's text for the stretch."""
    beside_hangul: bool
    """Whether Hangul touches it within its word (so a letter at its edge may be a sliver of it)."""
    lo: float
    hi: float
    """Where to cut the crop: a margin around the stretch, short of the neighbouring characters."""
    marks: tuple[tuple[float, float], ...] = ()
    """A whole doubtful word's Hangul glyph spans: the base reader must read something on them."""


def segments(hangul: Reading, aspect: float) -> list[Segment]:
    """The stretches of a Hangul reading that the base reader should read: digits, Latin, ``₩``,
    and doubtful Hangul (which may be Latin that ``kor`` turned into Hangul).

    A whole Korean line is no good to the base reader: next to Hangul it has no characters for, it
    drops the digits too (``달러(당일) ₩22,908`` -> ``(),``); cut out, it reads them almost perfectly.

    Args:
        hangul: The Hangul reader's reading.
        aspect: The crop's width / height (margins are a share of the line's height).
    """
    margin = SEGMENT_MARGIN / max(aspect, 1e-6)
    every = list(hangul.glyphs)
    out: list[Segment] = []
    pos_all = 0
    for k, glyphs in enumerate(_glyphs_by_word(hangul)):
        pos = 0
        if not glyphs:
            continue
        pos_all = every.index(glyphs[0], pos_all)
        mixed = any(is_syllable(g.char) for g in glyphs)
        word = hangul.words[k]
        if mixed and word.confidence < DOUBTFUL_HANGUL and len(glyphs) >= 2:
            # A doubtful word with Hangul in it may be Latin that ``kor`` turned into Hangul noise.
            lo = max(glyphs[0].start - margin, every[pos_all - 1].end if pos_all > 0 else 0.0, 0.0)
            nxt = pos_all + len(glyphs)
            hi = min(glyphs[-1].end + margin, every[nxt].start if nxt < len(every) else 1.0, 1.0)
            marks = tuple((g.start, g.end) for g in glyphs if is_syllable(g.char))
            out.append(Segment(k, 0, len(glyphs) - 1, True, _chars(glyphs), False, lo, hi, marks))
            # Its stretches too: if the base reader is silent on the Hangul, those are used instead.
        for run in _runs(glyphs):
            first, last = pos, pos + len(run) - 1
            before = every[pos_all + first - 1].end if pos_all + first > 0 else 0.0
            after = every[pos_all + last + 1].start if pos_all + last + 1 < len(every) else 1.0
            lo = max(run[0].start - margin, min(before, run[0].start), 0.0)
            hi = min(run[-1].end + margin, max(after, run[-1].end), 1.0)
            pos += len(run)
            if is_syllable(run[0].char):
                doubt = sum(g.confidence for g in run) / len(run)
                if doubt < DOUBTFUL_HANGUL and len(run) >= 2:
                    out.append(Segment(k, first, last, True, _chars(run), mixed, lo, hi))
            elif any(_other(g.char) for g in run) and not _sure_digits(run, word):
                out.append(Segment(k, first, last, False, _chars(run), mixed, lo, hi))
    return out


def _sure_digits(run: Sequence[Glyph], word: SpanWord) -> bool:
    """Digits, grouping marks and the won sign that Tesseract read with confidence: it reads those
    as well as the base reader does, so re-reading them only costs time."""
    text = _chars(run)
    plain = all(c.isdigit() or c in ",.:-/₩\\()" for c in text) and not _DOUBLED.search(text)
    return plain and word.confidence >= SURE_DIGITS and min(g.confidence for g in run) >= SURE_DIGITS


def merge(
    hangul: Reading,
    parts: Sequence[tuple[Segment, Reading]],
    whole: Reading | None = None,
    *,
    latin_page: bool = False,
    han_expected: bool = False,
) -> Reading:
    """The Hangul reading with the base reader's readings of its segments put in.

    Args:
        hangul: The Hangul reader's reading (words with spans, glyphs with positions).
        parts: Each segment of :func:`segments` with the base reader's reading of its crop.
        whole: The base reader's reading of the whole crop, when the Hangul reading was doubtful.
        latin_page: Most of the page is not Korean (an English document sent to a Korean domain):
            a line then stays Korean only on strong evidence.
        han_expected: Japanese or Chinese was requested too, so a line of kana or Han is likely.
    """
    if whole is not None and owns_line(hangul, whole, latin_page=latin_page, han_expected=han_expected):
        return whole
    by_word: dict[int, list[tuple[Segment, str]]] = {}
    taken: dict[int, list[float]] = {}
    whole_words: dict[int, tuple[Segment, str, float]] = {}
    for segment, reading in parts:
        text = _accepted(segment, reading)
        if text is None:
            continue
        if segment.marks:
            if _covers(segment, reading):
                whole_words[segment.word] = (segment, text, reading.confidence)
            continue
        by_word.setdefault(segment.word, []).append((segment, text))
        taken.setdefault(segment.word, []).append(reading.confidence)
    for k, (segment, text, conf) in whole_words.items():
        by_word[k], taken[k] = [(segment, text)], [conf]
    if not by_word:
        return hangul
    words: list[SpanWord] = []
    for k, (word, glyphs) in enumerate(zip(hangul.words, _glyphs_by_word(hangul), strict=True)):
        if k not in by_word or not glyphs:
            words.append(word)
            continue
        chars = [g.char for g in glyphs]
        for segment, text in sorted(by_word[k], key=lambda st: -st[0].first):
            chars[segment.first : segment.last + 1] = [text]
        whole_word = (
            len(by_word[k]) == 1 and by_word[k][0][0].first == 0 and by_word[k][0][0].last == len(glyphs) - 1
        )
        conf = min(taken[k]) if whole_word else (word.confidence + min(taken[k])) / 2
        words.append(SpanWord("".join(chars), conf, word.start, word.end))
    return Reading(tuple(words), hangul.glyphs, f"{hangul.recognizer}+{parts[0][1].recognizer}")


def _covers(segment: Segment, reading: Reading) -> bool:
    """Whether the base reader read something on most of a doubtful word's Hangul glyphs."""
    width = segment.hi - segment.lo
    centres = [segment.lo + width * (g.start + g.end) / 2 for g in reading.glyphs if not g.char.isspace()]
    return _covered_share(segment.marks, centres) > 1 - SILENT_SHARE


def _accepted(segment: Segment, reading: Reading) -> str | None:
    """The base reader's text for a segment, or None when the Hangul reader's should stay."""
    text = reading.text.replace(" ", "").strip(_EDGE_NOISE)
    if not text or any(is_hangul(c) or is_kana(c) or is_han(c) for c in text):
        return None  # the crop caught a Hangul neighbour, which the base reader guesses as Han
    if segment.latin_only:
        latin = sum(c.isalnum() for c in text) >= 2 and all(c.isascii() and c.isprintable() for c in text)
        return text if latin and reading.confidence >= BASE_LATIN_SURE else None
    if reading.confidence < BASE_DIGITS_SURE:
        return None
    if segment.beside_hangul and not any(c.isalpha() for c in segment.own if c.isascii()):
        # Digits next to Hangul: a letter at either end is a sliver of the neighbouring syllable.
        text = text.strip("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVXYZ")
    if (
        _alnum(text) == _alnum(segment.own)
        and len(segment.own) > len(text)
        and not _DOUBLED.search(segment.own)
    ):
        text = segment.own  # same letters and digits: the base reader dropped a punctuation mark
    if "-" in segment.own and "_" not in segment.own:
        text = text.replace("_", "-")
    if len(text) == len(segment.own):
        # Dashes and underscores look alike to the base reader; Tesseract tells them apart.
        text = "".join(
            o if t in _DASHES and o in _DASHES else t for t, o in zip(text, segment.own, strict=True)
        )
    if any(c in "\\₩" for c in segment.own):
        # PP-OCR reads the won sign as W (or drops it); Tesseract's ``\\`` placed it.
        text = _WON_LIKE.sub("₩", text)
        if segment.own[:1] in "\\₩" and text[:1] != "₩":
            text = "₩" + text
    return text or None


def _alnum(text: str) -> str:
    return "".join(c for c in text if c.isalnum())


def _chars(glyphs: Sequence[Glyph]) -> str:
    return "".join(g.char for g in glyphs)


def wants_whole_line(hangul: Reading, han_expected: bool = False) -> bool:
    """Whether the base reader should also read the whole line.

    Always when Japanese or Chinese was requested too: half such a page is the base reader's, and
    ``kor`` reads a kana line with an amount (``ブルキナファソ ￥738,684``) confidently enough to pass.
    """
    if han_expected or not hangul.words or hangul.confidence < WHOLE_LINE_CHECK:
        return True
    if len(hangul.glyphs) <= SHORT_LINE:
        return True  # a short cell (a lone ``2`` beside a table rule reads ``에 |``)
    return any(c.isascii() and c.isalpha() for w in hangul.words for c in w.text)


def owns_line(
    hangul: Reading, base: Reading, *, latin_page: bool = False, han_expected: bool = False
) -> bool:
    """Whether the base reader's whole-line reading wins the line: a line with no confidently read
    Korean word that the base reader read confidently (the flags as for :func:`merge`)."""
    if not hangul.words:
        return True
    if base.confidence < BASE_DIGITS_SURE:
        return False
    if not any(is_syllable(g.char) for g in hangul.glyphs):
        return True  # nothing Korean in it: digits, Latin and Han are the base reader's
    if _silent_share(hangul, base) >= SILENT_SHARE:
        return False  # the base reader sees nothing where Hangul was read: it is Hangul it lacks
    sure = LATIN_PAGE_KOREAN_SURE if latin_page else KOREAN_WORD_SURE
    if any(_korean_word(w, sure) for w in hangul.words) or base.confidence < WHOLE_LINE_SURE:
        return False
    # Among letters only: the digits of an amount (``ブルキナファソ ￥738,684``) are no script.
    letters = "".join(c for c in base.text if c.isalpha())
    share = cjk_share(letters)
    if share > 0:
        # A Japanese or Chinese line (``kor`` emits doubtful Hangul on those) when those languages
        # were asked for; otherwise Han amid the rest is the base reader guessing at Hangul.
        if not han_expected or share < 0.5:
            return False
        # Kana is Japanese for sure; Han alone may be PP-OCR guessing at a Korean line ``kor`` read
        # with some confidence (``카자흐어`` -> ``高叶``), so it needs ``kor`` in doubt.
        return any(is_kana(c) for c in letters) or hangul.confidence < DOUBTFUL_HANGUL
    return True


def hangul_may_win(base: Reading, ink: np.ndarray, height: int) -> bool:
    """On a Latin page, whether a line the base reader read whole could still be the Hangul
    reader's (:func:`owns_line` with ``latin_page``), judged without a Hangul reading: when the
    base reader doubted it, read Han in it (its guess at Hangul), or left ink unread (it is silent
    on Hangul). ``ink`` is the crop's :func:`hanji.engines.word_spans.ink_columns`."""
    if base.confidence < WHOLE_LINE_SURE or not base.glyphs:
        return True
    if cjk_share("".join(c for c in base.text if c.isalpha())) > 0:
        return True
    return _unread_ink(base, ink, height) >= UNREAD_INK * height


def _unread_ink(base: Reading, ink: np.ndarray, height: int) -> int:
    """The widest stretch of ink (pixels; gaps under a third of the height bridged) with no base
    glyph on or next to it."""
    width = len(ink)
    read = np.zeros(width, bool)
    pad = GLYPH_REACH * height
    for glyph in base.glyphs:
        if not glyph.char.isspace():
            read[max(0, int(glyph.start * width - pad)) : min(width, int(glyph.end * width + pad) + 1)] = True
    unread = np.flatnonzero(ink & ~read)
    if unread.size == 0:
        return 0
    breaks = np.flatnonzero(np.diff(unread) > height / 3)
    starts = np.concatenate(([unread[0]], unread[breaks + 1]))
    ends = np.concatenate((unread[breaks], [unread[-1]]))
    return int((ends - starts + 1).max())


def _silent_share(hangul: Reading, base: Reading) -> float:
    """Share of the Hangul glyphs at whose place the base reader read nothing at all.

    The base reader has no Hangul: on a Hangul syllable it mostly emits nothing, while on Latin that
    ``kor`` misread as Hangul it reads the letters. So silence there is the crop's own Hangul test.
    """
    marks = [(g.start, g.end) for g in hangul.glyphs if is_syllable(g.char)]
    if not marks:
        return 0.0
    return 1.0 - _covered_share(marks, [(g.start + g.end) / 2 for g in base.glyphs if not g.char.isspace()])


def _covered_share(spans: Sequence[tuple[float, float]], centres: Sequence[float]) -> float:
    """Share of ``spans`` (fractions of a crop's width) that hold at least one of ``centres``."""
    return sum(any(lo <= c <= hi for c in centres) for lo, hi in spans) / len(spans)


def _korean_word(word: SpanWord, sure: float) -> bool:
    """A word of two or more Hangul syllables read with confidence: the line is Korean."""
    return word.confidence >= sure and sum(is_syllable(c) for c in word.text) >= 2


def _other(ch: str) -> bool:
    """A character the base reader reads better: digits, Latin letters, ``*`` and the won sign
    (and a lone jamo, which ``kor`` emits for dashes and stars)."""
    return (ch.isascii() and ch.isalnum()) or ch in "₩\\*＊" or (is_hangul(ch) and not is_syllable(ch))


def _glyphs_by_word(reading: Reading) -> list[list[Glyph]]:
    """The reading's glyphs grouped by the word whose span holds their centre."""
    out: list[list[Glyph]] = [[] for _ in reading.words]
    k = 0
    for g in reading.glyphs:
        centre = (g.start + g.end) / 2
        while k + 1 < len(reading.words) and centre > reading.words[k].end:
            k += 1
        out[k].append(g)
    # Words whose glyph count does not add up (a backend without glyphs) keep their own text.
    return [
        gs if "".join(g.char for g in gs) == w.text else [] for gs, w in zip(out, reading.words, strict=True)
    ]


def _runs(glyphs: Sequence[Glyph]) -> list[list[Glyph]]:
    """Consecutive glyphs split where Hangul meets anything else."""
    runs: list[list[Glyph]] = []
    for g in glyphs:
        kind = is_syllable(g.char)
        if runs and is_syllable(runs[-1][-1].char) == kind:
            runs[-1].append(g)
        else:
            runs.append([g])
    return runs
