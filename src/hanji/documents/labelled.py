"""Printed-label lookup on forms whose labels OCR reads with stray spaces (``대 표 자``, ``법 인 명``).

Korean certificates letter-space their labels and Tesseract splits Hangul runs unpredictably, so a
label is matched with optional whitespace between every character, over whole visual rows (label
and value are often separate detector boxes on one row).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from hanji.core.result import Line, Page, Word
from hanji.documents.spans import words_between

_SEPARATOR = r"[\s:：.·]*"


def spaced(label: str) -> str:
    """Regex source matching ``label`` with any whitespace between its characters."""
    return r"\s*".join(re.escape(ch) for ch in label if not ch.isspace())


def label_pattern(*labels: str) -> re.Pattern[str]:
    """One pattern matching any of ``labels`` letter-spaced."""
    return re.compile("|".join(f"(?:{spaced(lb)})" for lb in labels))


def _slope(page: Page) -> float:
    """Median baseline slope (dy/dx) of the page's longer lines: the photo's residual skew."""
    quads = [ln.words[0].quad for ln in page.lines if ln.words and ln.bbox.width > 3 * ln.bbox.height]
    angles = sorted(q.angle for q in quads if abs(q.angle) < 15)
    return math.tan(math.radians(angles[len(angles) // 2])) if angles else 0.0


def merged_rows(page: Page, tolerance: float = 0.5) -> list[Line]:
    """Each visual row as one line whose words run left to right (label and value boxes joined).

    Rows are grouped on centres projected along the page's skew: a degree of tilt moves a wide
    row's far end by more than half a line height, which splits it under a plain centre-y test.
    """
    slope = _slope(page)
    rows: list[tuple[float, float, list[Line]]] = []
    for line in sorted((ln for ln in page.lines if ln.words), key=lambda ln: ln.bbox.center.y):
        c = line.bbox.center
        y = c.y - slope * c.x
        height = min(w.quad.height for w in line.words)
        for row_y, row_h, members in rows:
            if abs(row_y - y) <= tolerance * min(row_h, height):
                members.append(line)
                break
        else:
            rows.append((y, height, [line]))
    rows.sort(key=lambda r: r[0])
    return [
        Line(tuple(w for ln in sorted(m, key=lambda ln: ln.bbox.left) for w in ln.words)) for _, _, m in rows
    ]


@dataclass(frozen=True, slots=True)
class Labelled:
    """A value found after a printed label: the label as canonically named, the value and its words."""

    key_text: str
    text: str
    words: tuple[Word, ...]
    row: int


def _cut(line: Line, start: int, end: int) -> tuple[str, tuple[Word, ...]]:
    text = line.text
    m = re.match(_SEPARATOR, text[start:end])
    start += m.end() if m else 0
    value = text[start:end].strip(" :：")
    start = text.index(value, start) if value else start
    return value, words_between(line, start, start + len(value))


def find_labelled(
    rows: Sequence[Line],
    key_text: str,
    label: re.Pattern[str],
    *,
    stop: re.Pattern[str] | None = None,
    value: re.Pattern[str] | None = None,
    below: bool = False,
) -> Labelled | None:
    """The value printed after ``label`` on its row (first row that has one).

    Args:
        rows: Merged rows, top to bottom (see :func:`merged_rows`).
        key_text: The label's canonical name for ``keyText``.
        label: Pattern of the printed label.
        stop: A following label that ends the value on the same row (two fields on one row).
        value: When given, the value must contain a match; only the match is kept.
        below: Also look at the next row when the label stands alone on its row.
    """
    for i, line in enumerate(rows):
        text = line.text
        m = label.search(text)
        if not m:
            continue
        end = len(text)
        if stop is not None:
            s = stop.search(text, m.end())
            end = s.start() if s else end
        candidates = [(line, m.end(), end, i)]
        if below and i + 1 < len(rows) and not text[m.end() :].strip(" :："):
            candidates.append((rows[i + 1], 0, len(rows[i + 1].text), i + 1))
        for cand, start, stop_at, row in candidates:
            if value is not None:
                v = value.search(cand.text, start, stop_at)
                if v is None:
                    continue
                start, stop_at = v.start(), v.end()
            found, words = _cut(cand, start, stop_at)
            if found:
                return Labelled(key_text, found, words, row)
    return None
