"""Repairs of Korean line readings: symbols Tesseract's ``kor`` misreads, and full-width forms."""

from __future__ import annotations

import re

from hanji.engines.stages import Reading, SpanWord

_WON = re.compile(r"(?:\\#?|[￦#](?=\\))(?=[\d.,]*\d)")
"""Korean fonts draw the backslash code point as ₩ (KS X 1003), so Tesseract reads ``\\536``."""
_W_AMOUNT = re.compile(r"(?<![A-Za-z])[Ww](?=\d{1,3}(?:,\d{3})+(?![\d,]))")
"""PP-OCR reads ₩ as W: a W glued to a grouped amount (``W45,000``) on a Korean line is the won sign."""
_UNDERSCORE = re.compile(r"(?<=[\d*])_(?=[\d*])")
"""Korean documents print hyphens in masked and grouped numbers (``****-1958``); ``_`` there is a misread."""
_FULL_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULL_WIDTH[0x3000] = 0x20
_FULL_WIDTH[0xFFE6] = ord("₩")  # ￦, the full-width won sign


def repair_text(text: str) -> str:
    """Won signs and half-width forms for a Korean line's word (``\\12,500`` -> ``₩12,500``)."""
    text = text.translate(_FULL_WIDTH)
    text = _UNDERSCORE.sub("-", text)
    return _W_AMOUNT.sub("₩", _WON.sub("₩", text))


def repair_reading(reading: Reading) -> Reading:
    """:func:`repair_text` over every word of a reading (glyph positions are kept as they are)."""
    words = tuple(SpanWord(repair_text(w.text), w.confidence, w.start, w.end) for w in reading.words)
    return Reading(tuple(w for w in words if w.text), reading.glyphs, reading.recognizer)
