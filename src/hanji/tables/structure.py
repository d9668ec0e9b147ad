"""Recognise the rows and columns of one table region from its rules and its words.

Printed rules win where they exist. Columns with no interior vertical rule come from gaps in
the words' x-projection (borderless and horizontally-ruled tables); rows between horizontal
rules come from text lines unless the rules already mark every row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from hanji.core.geometry import Box
from hanji.core.result import Word
from hanji.tables.grid import GridCell, Interval, Separator, build_cells, cluster_rules, virtual_separator
from hanji.tables.headers import header_blocks
from hanji.tables.rules import Rule
from hanji.tables.textlines import TextLine, group_lines, word_height


def _inside(region: Box, rules: Sequence[Rule], tol: float) -> list[Rule]:
    out = []
    for r in rules:
        lo, hi = (region.top, region.bottom) if r.horizontal else (region.left, region.right)
        a, b = (region.left, region.right) if r.horizontal else (region.top, region.bottom)
        if lo + 1.5 * tol < r.pos < hi - 1.5 * tol and min(b, r.end) - max(a, r.start) > tol:
            out.append(r)
    return out


def _anchored(sep: Separator, ends: Sequence[Interval], extent: float) -> bool:
    """A real separator spans most of the table or runs between two crossing separators (or text
    gaps); short strays (underlined words, a dash) do neither."""
    if sum(b - a for a, b in sep.covered) >= 0.85 * extent:
        return True

    def near(v: float) -> bool:
        return any(lo <= v <= hi for lo, hi in ends)

    return any(near(a) and near(b) for a, b in sep.covered)


def _clearest(counts: Sequence[int], start: int, stop: int) -> float:
    """Middle of the longest stretch of ``counts[start:stop]`` at its minimum."""
    low = min(counts[start:stop])
    best, best_len, run = float(start), 0, 0
    for x in range(start, stop + 1):
        if x < stop and counts[x] == low:
            run += 1
        else:
            if run > best_len:
                best, best_len = x - run / 2, run
            run = 0
    return best


def text_columns(region: Box, lines: Sequence[TextLine], h: float) -> list[tuple[Interval, float]]:
    """Column gaps: runs of the x-projection that (almost) no word covers, each with the x where
    a separator crosses the fewest words."""
    width = int(region.width) + 1
    counts = [0] * width
    used = [t for t in lines if t.box.width < 0.6 * region.width or len(t.segments(1.5 * h)) > 1]
    for t in used:
        for w in t.words:
            b = w.quad.bbox
            for x in range(max(0, int(b.left - region.left)), min(width, int(b.right - region.left) + 1)):
                counts[x] += 1
    allowed = int(0.2 * len(used))
    min_gap = 0.7 * h
    gaps: list[tuple[Interval, float]] = []
    start = None
    first = next((i for i, v in enumerate(counts) if v > allowed), width)
    last = max((i for i, v in enumerate(counts) if v > allowed), default=0)
    for x in range(first, last + 1):
        free = counts[x] <= allowed
        if free and start is None:
            start = x
        elif not free and start is not None:
            if x - start >= min_gap:
                gaps.append(
                    ((region.left + start, region.left + x), region.left + _clearest(counts, start, x))
                )
            start = None
    return gaps


def _line_columns(t: TextLine, xs: Sequence[float]) -> set[int]:
    return {sum(1 for x in xs if x < w.quad.center.x) for w in t.words}


def text_rows(band: Sequence[TextLine], xs: Sequence[float], h: float) -> list[float]:
    """y positions between the rows of a band of text lines.

    A line joins the row above (a wrapped cell) when it is close, fills at most half of that
    row's columns and leaves the first column empty.
    """
    seps: list[float] = []
    row_cols: set[int] = set()
    for prev, t in zip([None, *band], band, strict=False):
        cols = _line_columns(t, xs)
        if prev is not None:
            close = t.box.top - prev.box.bottom < 0.6 * h
            # Continuations fill few columns; a row with only its first column empty is a new row
            # under a row-spanning group label.
            few = len(cols) <= max(1, len(row_cols) // 2)
            wrapped = close and len(xs) > 0 and 0 not in cols and cols < row_cols and few
            if not wrapped:
                seps.append((prev.box.bottom + t.box.top) / 2)
                row_cols = set()
        row_cols |= cols
    return seps


def recognise(
    region: Box, hrules: Sequence[Rule], vrules: Sequence[Rule], words: Sequence[Word]
) -> list[GridCell]:
    """Grid cells of the table in ``region``.

    Args:
        region: The table's box.
        hrules: Horizontal rules of the page (those inside ``region`` are used).
        vrules: Vertical rules of the page.
        words: The words inside ``region``.
    """
    h = word_height(words) if words else 10.0
    tol = max(4.0, 0.4 * h)
    vseps = cluster_rules(_inside(region, vrules, tol), tol)
    hseps = cluster_rules(_inside(region, hrules, tol), tol)
    lines = group_lines(words)
    t2 = 2 * tol
    ys_all = [(y - t2, y + t2) for y in (region.top, *(s.pos for s in hseps), region.bottom)]
    vseps = [s for s in vseps if _anchored(s, ys_all, region.height)]
    if vseps:
        xs_all = [(x - t2, x + t2) for x in (region.left, *(s.pos for s in vseps), region.right)]
    else:
        gaps = text_columns(region, lines, h)
        spans = header_blocks(lines, [x for _, x in gaps], h)
        vseps = [
            virtual_separator(x, region.top, region.bottom, words, True, spans.get(j, ()))
            for j, (_, x) in enumerate(gaps)
        ]
        # A partial rule may end anywhere inside the white gap between two text columns.
        xs_all = [
            (region.left - t2, region.left + t2),
            *((a - t2, b + t2) for (a, b), _ in gaps),
            (region.right - t2, region.right + t2),
        ]
    hseps = [s for s in hseps if _anchored(s, xs_all, region.width)]
    xs = [s.pos for s in vseps]

    ys = [region.top, *(s.pos for s in hseps), region.bottom]
    bands = [[t for t in lines if a <= t.box.center.y < b] for a, b in itertools.pairwise(ys)]
    # Rules that already separate (nearly) every row: a multi-line band is one row of wrapped cells.
    # Text centred on a rule belongs to a row-spanning cell and says nothing about the bands.
    on_rule = {id(t) for t in lines if any(abs(t.box.center.y - y) < 0.35 * h for y in ys[1:-1])}
    counted = [[t for t in b if id(t) not in on_rule] for b in bands]
    alone = sum(len(b) for b in counted if len(b) == 1)
    every_row_ruled = len(hseps) >= 2 and (
        any(s.ruled for s in vseps) or alone >= 0.6 * sum(len(b) for b in counted)
    )
    extra: list[Separator] = []
    if not every_row_ruled:
        for band in counted:
            for y in text_rows(band, xs, h):
                extra.append(virtual_separator(y, region.left, region.right, words, False))
    rows = sorted([*hseps, *extra], key=lambda s: s.pos)
    return build_cells(region, rows, vseps)
