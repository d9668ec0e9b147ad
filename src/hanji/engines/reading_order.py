"""Reading order for detected lines: columns read one after another, rows top to bottom.

A recursive XY-cut. At each level we try a vertical cut first (a white gutter from the top to the
bottom of the region), but only when the two sides are independent columns: if most lines on one
side sit on the same row as a line on the other side, the gutter is a table's or receipt's
(``ITEM ..... 12.00``) and the region is cut into rows instead.
"""

from __future__ import annotations

import itertools
import statistics
from collections.abc import Sequence

from hanji.core.geometry import Box
from hanji.core.result import Line

ROW_ALIGNED_SHARE = 0.5
"""Above this share of row-aligned lines across a gutter, the gutter separates table cells."""

NARROW_SHARE = 0.6
"""Lines narrower than this share of their region may sit in a column."""

GUTTER_LINE_HEIGHTS = 1.0
"""A column gutter is at least this many median line heights wide."""

ROW_TRIM = 0.2
"""Share of a box's height trimmed off its top and bottom before rows are told apart."""

STACKED_TRIM = 0.35
"""The trim that tells apart lines set so tightly that their boxes chain into one band."""

NEST_TRIM = 0.15
"""A line whose middle lies within another's box trimmed by this share sits on that line's row."""


def order_lines(lines: Sequence[Line]) -> list[Line]:
    """Return ``lines`` in reading order (left-to-right scripts, columns before rows)."""
    if len(lines) < 2:
        return list(lines)
    boxes = [ln.bbox for ln in lines]
    line_height = statistics.median(b.height for b in boxes) or 1.0
    order = _cut(boxes, list(range(len(boxes))), line_height)
    return [lines[i] for i in order]


def _cut(boxes: list[Box], idx: list[int], line_height: float) -> list[int]:
    if len(idx) < 2:
        return idx
    region = boxes[idx[0]]
    for i in idx[1:]:
        region = region.union(boxes[i])
    # Gutters are looked for among the narrow lines: a title across both columns must not hide them.
    narrow = [i for i in idx if boxes[i].width < NARROW_SHARE * region.width]
    columns = _split(boxes, narrow, vertical=True, min_gap=GUTTER_LINE_HEIGHTS * line_height)
    if len(columns) > 1 and not _row_aligned(boxes, columns):
        return _read_columns(boxes, idx, columns, line_height)
    rows = _split(boxes, idx, vertical=False, min_gap=0.0)
    if len(rows) > 1:
        return [i for row in rows for i in _cut(boxes, row, line_height)]
    # Tightly set lines (a receipt's centred header) chain into one band through boxes that each
    # overlap the next a little: their cores, trimmed more, still stack.
    rows = _unnest(boxes, _split(boxes, idx, vertical=False, min_gap=0.0, trim=STACKED_TRIM))
    if len(rows) > 1:
        return [i for row in rows for i in _cut(boxes, row, line_height)]
    # One band that no gap divides: lines overlapping in height, read left to right.
    return sorted(idx, key=lambda i: (boxes[i].left, boxes[i].top))


def _read_columns(
    boxes: list[Box], idx: list[int], columns: list[list[int]], line_height: float
) -> list[int]:
    """Read a region with column gutters: lines across a gutter split it into sections."""
    gutters = [
        (max(boxes[i].right for i in a), min(boxes[i].left for i in b))
        for a, b in itertools.pairwise(columns)
    ]

    def spans(i: int) -> bool:
        return any(boxes[i].left < end and boxes[i].right > start for start, end in gutters)

    if not any(spans(i) for i in idx):
        by_column: list[list[int]] = [[] for _ in columns]
        for i in idx:
            k = sum(boxes[i].center.x > (start + end) / 2 for start, end in gutters)
            by_column[k].append(i)
        return [j for col in by_column for j in _cut(boxes, col, line_height)]
    out: list[int] = []
    section: list[int] = []
    for i in sorted(idx, key=lambda k: boxes[k].top):
        if spans(i):
            out += [*_cut(boxes, section, line_height), i]
            section = []
        else:
            section.append(i)
    return out + _cut(boxes, section, line_height)


def _split(
    boxes: list[Box], idx: list[int], *, vertical: bool, min_gap: float, trim: float = ROW_TRIM
) -> list[list[int]]:
    """Group ``idx`` by the gaps in their projection on x (vertical cuts) or y (horizontal cuts)."""

    def span(i: int) -> tuple[float, float]:
        b = boxes[i]
        if vertical:
            return b.left, b.right
        # Detector boxes of adjacent lines may touch; trim them so real rows still separate.
        return b.top + trim * b.height, b.bottom - trim * b.height

    groups: list[list[int]] = []
    end = float("-inf")
    for i in sorted(idx, key=lambda k: span(k)[0]):
        start, stop = span(i)
        if groups and start - end <= min_gap:
            groups[-1].append(i)
        else:
            groups.append([i])
        end = max(end, stop) if len(groups[-1]) > 1 else stop
    return groups


def _unnest(boxes: list[Box], rows: list[list[int]]) -> list[list[int]]:
    """Join rows where a line's middle lies within a box of the row above: one row of mixed sizes
    (a small label at the foot of a large amount), not two stacked lines."""

    def within(inner: list[int], outer: list[int]) -> bool:
        def core(o: int) -> tuple[float, float]:
            b = boxes[o]
            return b.top + NEST_TRIM * b.height, b.bottom - NEST_TRIM * b.height

        return any(core(o)[0] <= boxes[i].center.y <= core(o)[1] for i in inner for o in outer)

    out: list[list[int]] = []
    for row in rows:
        if out and (within(row, out[-1]) or within(out[-1], row)):
            out[-1] = out[-1] + row
        else:
            out.append(row)
    return out


def _row_aligned(boxes: list[Box], groups: list[list[int]]) -> bool:
    """True when the groups beside each other share rows, like cells of a table."""
    aligned = total = 0
    for left, right in itertools.pairwise(groups):
        small, big = (left, right) if len(left) <= len(right) else (right, left)
        for i in small:
            total += 1
            aligned += any(_same_row(boxes[i], boxes[j]) for j in big)
    return total > 0 and aligned / total > ROW_ALIGNED_SHARE


def _same_row(a: Box, b: Box) -> bool:
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return overlap > 0.5 * min(a.height, b.height)
