"""Where the tables are on a page: ruled grids, stacks of horizontal rules, and aligned text blocks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hanji.core.geometry import Box
from hanji.core.result import Word
from hanji.tables.rules import Rule
from hanji.tables.structure import text_columns
from hanji.tables.textlines import TextLine, group_lines, word_height


@dataclass(frozen=True, slots=True)
class Region:
    """A table's box and how it was found: ``"grid"``, ``"hrules"`` or ``"text"``."""

    box: Box
    kind: str


def _crosses(hr: Rule, vr: Rule, tol: float) -> bool:
    return hr.start - tol <= vr.pos <= hr.end + tol and vr.start - tol <= hr.pos <= vr.end + tol


def ruled_grids(hrules: Sequence[Rule], vrules: Sequence[Rule], tol: float) -> list[tuple[Box, set[int]]]:
    """Groups of crossing rules with at least two cells; returns each box and its horizontal rules."""
    n = len(hrules)
    parent = list(range(n + len(vrules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, hr in enumerate(hrules):
        for j, vr in enumerate(vrules):
            if _crosses(hr, vr, tol):
                parent[find(i)] = find(n + j)
    groups: dict[int, list[int]] = {}
    for i in range(len(parent)):
        groups.setdefault(find(i), []).append(i)
    out = []
    for members in groups.values():
        hs = [hrules[i] for i in members if i < n]
        vs = [vrules[i - n] for i in members if i >= n]
        if len(hs) >= 2 and len(vs) >= 2 and (len(hs) >= 3 or len(vs) >= 3):
            box = Box(
                min(min(r.start for r in hs), min(r.pos for r in vs)),
                min(min(r.start for r in vs), min(r.pos for r in hs)),
                max(max(r.end for r in hs), max(r.pos for r in vs)),
                max(max(r.end for r in vs), max(r.pos for r in hs)),
            )
            out.append((box, {i for i in members if i < n}))
    return out


def rule_stacks(hrules: Sequence[Rule], page_width: float) -> list[Box]:
    """Horizontal rules of (nearly) the same left and right ends, stacked: a table ruled only across."""
    tol = max(20.0, 0.03 * page_width)
    long = sorted((r for r in hrules if r.length >= 0.12 * page_width), key=lambda r: r.pos)
    stacks: list[list[Rule]] = []
    for r in long:
        home = next(
            (s for s in stacks if abs(s[-1].start - r.start) <= tol and abs(s[-1].end - r.end) <= tol), None
        )
        if home is None:
            stacks.append([r])
        else:
            home.append(r)
    return [
        Box(min(r.start for r in s), s[0].pos, max(r.end for r in s), s[-1].pos)
        for s in stacks
        if len(s) >= 2
    ]


def extend_rule_stack(box: Box, lines: Sequence[TextLine], h: float) -> Box:
    """Grow a stack of horizontal rules over the rows booktabs-style tables leave outside it.

    A header row sitting just above the top rule (a crop or a layout without a top rule) is
    taken in when it splits into columns; when the rules hold only the header (top rule and the
    rule under the header, no bottom rule), the aligned lines below are the body.
    """

    def within(t: TextLine) -> bool:
        return t.box.left >= box.left - h and t.box.right <= box.right + h

    top, bottom = box.top, box.bottom
    above = [t for t in lines if box.top - 1.5 * h <= t.box.bottom <= box.top + 0.3 * h and within(t)]
    if above and len(above[-1].segments(h)) >= 2:
        top = above[-1].box.top - 0.3 * h
    inside = [t for t in lines if box.top < t.box.center.y < box.bottom]
    if len(inside) <= 1:
        body: list[TextLine] = []
        end = box.bottom
        for t in (t for t in lines if t.box.center.y > box.bottom):
            if t.box.top - end > 2.0 * h or not within(t):
                break
            body.append(t)
            end = t.box.bottom
        while body and len(body[-1].segments(h)) < 2:
            body.pop()
        if sum(1 for t in body if len(t.segments(h)) >= 2) >= 2:
            bottom = body[-1].box.bottom + 0.3 * h
    return Box(box.left, top, box.right, bottom)


def _is_table_block(lines: Sequence[TextLine], h: float) -> Box | None:
    multi = [t for t in lines if len(t.segments(h)) >= 2]
    if len(multi) < 3:
        return None
    box = lines[0].box
    for t in lines[1:]:
        box = box.union(t.box)
    cols = text_columns(box, lines, h)
    if not cols:
        return None
    # Two wide runs per line is a two-column page of prose, not a table.
    widths = [s.width for t in multi for s in t.segments(h)]
    if len(cols) == 1 and sum(widths) / len(widths) > 0.3 * box.width:
        return None
    return box


def text_blocks(words: Sequence[Word]) -> list[Box]:
    """Runs of consecutive text lines split into aligned columns (borderless tables)."""
    if not words:
        return []
    h = word_height(words)
    lines = group_lines(words)
    blocks: list[list[TextLine]] = []
    singles = 0
    prev: TextLine | None = None
    for t in lines:
        multi = len(t.segments(h)) >= 2
        near = blocks and t.box.top - blocks[-1][-1].box.bottom <= 2.5 * h
        if multi and near and singles <= 1:
            blocks[-1].append(t)
            singles = 0
        elif multi:
            blocks.append([t])
            # A narrow line just above, within the block's width, is a spanning header row.
            # Further up only when it starts right of the first column (a group header, not a title).
            gap = t.box.top - prev.box.bottom if prev is not None else 0.0
            if (
                prev is not None
                and (gap <= 1.5 * h or (gap <= 2.5 * h and prev.box.left > t.box.left + h))
                and prev.box.width < 0.5 * t.box.width
                and prev.box.left >= t.box.left
                and prev.box.right <= t.box.right + h
            ):
                blocks[-1].insert(0, prev)
            singles = 0
        elif blocks and near and singles == 0:
            blocks[-1].append(t)  # a row header or wrapped line inside the table
            singles += 1
        else:
            singles = 2
        prev = t
    out = []
    for b in blocks:
        while b and len(b[-1].segments(h)) < 2:
            b.pop()
        box = _is_table_block(b, h) if b else None
        if box is not None:
            pad = 0.3 * h
            out.append(Box(box.left - pad, box.top - pad, box.right + pad, box.bottom + pad))
    return out


def find_regions(
    hrules: Sequence[Rule], vrules: Sequence[Rule], words: Sequence[Word], width: float
) -> list[Region]:
    """All table regions of a page, top to bottom; text blocks only where no rules claimed the words."""
    tol = max(5.0, 0.4 * word_height(words)) if words else 5.0
    regions = []
    used: set[int] = set()
    for box, hs in ruled_grids(hrules, vrules, tol):
        regions.append(Region(box, "grid"))
        used |= hs
    free = [r for i, r in enumerate(hrules) if i not in used]
    lines = group_lines(words)
    h = word_height(words) if words else 10.0
    for stack in rule_stacks(free, width):
        box = extend_rule_stack(stack, lines, h)
        if not any(box.intersection_area(r.box) > 0 for r in regions):
            regions.append(Region(box, "hrules"))

    def claimed(w: Word) -> bool:
        return any(r.box.contains(w.quad.center) for r in regions)

    for box in text_blocks([w for w in words if not claimed(w)]):
        if not any(box.intersection_area(r.box) > 0.2 * box.area for r in regions):
            regions.append(Region(box, "text"))
    return sorted(regions, key=lambda r: (r.box.top, r.box.left))
