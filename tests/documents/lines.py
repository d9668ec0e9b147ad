"""Lines of words laid out left to right, for extractor and pairer tests that need no OCR."""

from __future__ import annotations

from hanji.core.geometry import Box
from hanji.core.result import Line, Word


def text_line(
    text: str, x: float, y: float, *, char_width: float, gap: float, height: float, confidence: float
) -> Line:
    """``text``'s words from ``x`` on, each ``char_width`` per character, ``gap`` apart."""
    words = []
    for token in text.split():
        words.append(Word(token, Box(x, y, x + char_width * len(token), y + height).to_quad(), confidence))
        x += char_width * len(token) + gap
    return Line(tuple(words))
