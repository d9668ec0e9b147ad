"""Centred group headers: a header centred over two or more text columns is one spanning cell.

Text columns come from gaps in the words, and a short header such as "금액" centred above
공급가액/세액 sits inside the gap between them, so no separator crosses it and nothing merges.
A header is made to span only when all of these hold, so that ordinary sparse rows stay apart:
its line lies above the first line with (nearly) the most filled columns; it is narrower than the columns'
text; its centre lies between the text of the
first and the last column it spans (not over either), it does not fit over one column's text;
its ends lie over the text of those two columns; it is centred on their joint extent; and a
line below has words in every one of those columns.
"""

from __future__ import annotations

from collections.abc import Sequence

from hanji.core.geometry import Box
from hanji.tables.grid import Interval
from hanji.tables.textlines import TextLine


def _column(x: float, xs: Sequence[float]) -> int:
    return sum(1 for s in xs if s < x)


def _extents(lines: Sequence[TextLine], xs: Sequence[float]) -> dict[int, Box]:
    out: dict[int, Box] = {}
    for t in lines:
        for w in t.words:
            b = w.quad.bbox
            k = _column(b.center.x, xs)
            out[k] = out[k].union(b) if k in out else b
    return out


def _spanned(b: Box, below: Sequence[TextLine], xs: Sequence[float], h: float) -> tuple[int, int] | None:
    """The smallest run of columns ``(first, last)`` that ``b`` is centred over, if any."""
    ext = _extents(below, xs)
    filled = [{_column(w.quad.center.x, xs) for w in t.words} for t in below]
    n = len(xs) + 1
    for size in range(2, n + 1):
        for a in range(0, n - size + 1):
            c = a + size - 1
            if a not in ext or c not in ext:
                continue
            if not ext[a].right < b.center.x < ext[c].left:
                continue
            if any(
                k in ext and ext[k].left - h <= b.left and b.right <= ext[k].right + h
                for k in range(a, c + 1)
            ):
                continue  # it heads one column whose text is wider than it
            if not (
                ext[a].left - h <= b.left <= ext[a].right + h
                and ext[c].left - h <= b.right <= ext[c].right + h
            ):
                continue  # its ends must lie over the first and the last column's text
            joint = ext[a].union(ext[c])
            if b.width > 0.8 * joint.width:
                continue
            if abs(b.center.x - joint.center.x) > 0.1 * joint.width + 0.5 * h:
                continue
            if any(set(range(a, c + 1)) <= f for f in filled):
                return a, c
    return None


def header_blocks(lines: Sequence[TextLine], xs: Sequence[float], h: float) -> dict[int, list[Interval]]:
    """Y-intervals along which each column separator (by index in ``xs``) must not cut.

    Args:
        lines: The table's text lines, top to bottom.
        xs: Column separator positions (virtual ones: no printed vertical rules).
        h: Median word height.
    """
    blocks: dict[int, list[Interval]] = {}
    if not xs or len(lines) < 2:
        return blocks
    filled = [len({_column(w.quad.center.x, xs) for w in t.words}) for t in lines]
    # Headers sit above the body: only lines before the first (nearly) fullest line are considered.
    first_full = next(i for i, n in enumerate(filled) if n >= max(2, max(filled) - 1) or n == max(filled))
    for i, t in enumerate(lines[:first_full]):
        for b in t.segments(0.5 * h):
            span = _spanned(b, lines[i + 1 :], xs, h)
            if span is not None:
                for j in range(span[0], span[1]):
                    blocks.setdefault(j, []).append((b.top, b.bottom))
    return blocks
