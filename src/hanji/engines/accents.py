"""Doubtful accents on Latin letters: PP-OCR's dictionary holds accented Latin, and on small or
blurred print a speck or the line above becomes a diacritic (``SETIA ÁLAM``, ``Restäurants``).

An accented letter the recogniser read with less than :data:`ACCENT_SURE` confidence, in a word
of plain Latin letters, is read as its base letter. Printed accents read sure (``café`` on a clean
page reads above it), so they stay.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from hanji.engines.base import RgbImage
from hanji.engines.stages import Glyph, LineRecognizer, Reading, SpanWord

ACCENT_SURE = 0.95
"""On SROIE receipts, where nothing is accented, stray accents read at 0.82-0.91."""


def base_letter(ch: str) -> str | None:
    """The ASCII letter under an accented Latin letter (``Á`` -> ``A``), None for anything else."""
    if ch.isascii() or not ch.isalpha():
        return None
    bare = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return bare if len(bare) == 1 and bare.isascii() and bare.isalpha() else None


def fold_doubtful_accents(reading: Reading) -> Reading:
    """``reading`` with its doubtful accents folded (see the module docstring); glyphs and word
    spans are kept, only characters change."""
    if reading.text.isascii() or not reading.glyphs:
        return reading
    glyphs = [g for g in reading.glyphs if not g.char.isspace()]
    if sum(len(w.text) for w in reading.words) != len(glyphs):
        return reading  # words not made of these glyphs: leave it
    words: list[SpanWord] = []
    folded: dict[int, str] = {}
    at = 0
    for word in reading.words:
        own = glyphs[at : at + len(word.text)]
        plain = sum(g.char.isascii() and g.char.isalpha() for g in own)
        chars = list(word.text)
        for k, g in enumerate(own):
            base = base_letter(g.char)
            if base is not None and plain >= 2 and g.confidence < ACCENT_SURE:
                chars[k] = base
                folded[id(g)] = base
        words.append(SpanWord("".join(chars), word.confidence, word.start, word.end))
        at += len(word.text)
    if not folded:
        return reading
    new_glyphs = tuple(
        Glyph(folded[id(g)], g.confidence, g.start, g.end) if id(g) in folded else g for g in reading.glyphs
    )
    return Reading(tuple(words), new_glyphs, reading.recognizer)


class AccentChecked:
    """A :class:`~hanji.engines.stages.LineRecognizer` whose readings go through
    :func:`fold_doubtful_accents`."""

    def __init__(self, inner: LineRecognizer) -> None:
        self.inner = inner
        self.name = inner.name

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        return [fold_doubtful_accents(r) for r in self.inner.recognize(crops)]
