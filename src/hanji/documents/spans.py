"""Find text in a page by pattern and map the match back to the OCR words it came from."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from hanji.core.result import Line, Page, Word


@dataclass(frozen=True, slots=True)
class Span:
    """A match inside one line: its text, the words it touches and where it sits in the line text."""

    text: str
    words: tuple[Word, ...]
    line_index: int
    start: int
    end: int
    match: re.Match[str]


def word_offsets(line: Line) -> list[tuple[int, int]]:
    """Character ranges of each word inside ``line.text`` (words joined by one space)."""
    out, pos = [], 0
    for w in line.words:
        out.append((pos, pos + len(w.text)))
        pos += len(w.text) + 1
    return out


def words_between(line: Line, start: int, end: int) -> tuple[Word, ...]:
    """Words of ``line`` that overlap the character range [start, end) of ``line.text``."""
    return tuple(w for w, (a, b) in zip(line.words, word_offsets(line), strict=True) if a < end and b > start)


def search_lines(page: Page, pattern: re.Pattern[str], group: int | str = 0) -> Iterator[Span]:
    """Every match of ``pattern`` in every line, top to bottom; ``group`` picks the part that is the value."""
    for i, line in enumerate(page.lines):
        text = line.text
        for m in pattern.finditer(text):
            start, end = m.span(group)
            if start < 0 or end <= start:
                continue
            yield Span(text[start:end], words_between(line, start, end), i, start, end, m)


def line_span(page: Page, index: int) -> Span:
    """A whole line as a span."""
    line = page.lines[index]
    text = line.text
    m = re.match(r".*", text, re.S)
    assert m is not None
    return Span(text, line.words, index, 0, len(text), m)
