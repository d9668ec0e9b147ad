"""Group a page's words into text lines and into the runs of a line that sit in one cell."""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

from hanji.core.geometry import Box
from hanji.core.result import Line, Word


@dataclass(frozen=True, slots=True)
class TextLine:
    """Words that share a baseline band, left to right, with their union box."""

    words: tuple[Word, ...]
    box: Box

    def segments(self, gap: float) -> list[Box]:
        """Boxes of the runs of words separated by more than ``gap`` pixels."""
        runs: list[Box] = []
        for w in self.words:
            b = w.quad.bbox
            if runs and b.left - runs[-1].right <= gap:
                runs[-1] = runs[-1].union(b)
            else:
                runs.append(b)
        return runs


def word_height(words: Sequence[Word]) -> float:
    """Median word height, the unit for every gap threshold (1.0 when there are no words)."""
    return statistics.median(w.quad.bbox.height for w in words) if words else 1.0


def group_lines(words: Sequence[Word]) -> list[TextLine]:
    """Group words whose vertical extents overlap by half the smaller height, top to bottom."""
    ordered = sorted(words, key=lambda w: (w.quad.center.y, w.quad.center.x))
    groups: list[tuple[list[Word], Box]] = []
    for w in ordered:
        b = w.quad.bbox
        best = None
        # A word joins the most recent line it overlaps; lines further up are finished.
        for i in range(len(groups) - 1, max(-1, len(groups) - 4), -1):
            gb = groups[i][1]
            overlap = min(gb.bottom, b.bottom) - max(gb.top, b.top)
            if overlap >= 0.5 * min(gb.height, b.height, _last_height(groups[i][0])):
                best = i
                break
        if best is None:
            groups.append(([w], b))
        else:
            groups[best][0].append(w)
            groups[best] = (groups[best][0], groups[best][1].union(b))
    lines = [TextLine(tuple(sorted(ws, key=lambda w: w.quad.bbox.left)), box) for ws, box in groups]
    return sorted(lines, key=lambda t: t.box.top)


def _last_height(words: list[Word]) -> float:
    return words[-1].quad.bbox.height


def to_result_lines(words: Sequence[Word]) -> tuple[Line, ...]:
    """Cell lines in the core result tree, top to bottom, words left to right."""
    return tuple(Line(t.words) for t in group_lines(words))
