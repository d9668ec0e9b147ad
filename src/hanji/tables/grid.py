"""A table's grid: row and column separators, each ruled (printed) or virtual (from text gaps).

A separator is drawn only where it is covered; two neighbouring grid positions whose shared
separator is mostly missing belong to one merged cell. Ruled separators are covered where their
rules run; virtual ones everywhere except where a word straddles them (a spanning title or header).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hanji.core.geometry import Box
from hanji.core.result import Word
from hanji.tables.rules import Rule

Interval = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Separator:
    pos: float
    covered: tuple[Interval, ...]
    ruled: bool

    def coverage(self, lo: float, hi: float) -> float:
        """Share of ``[lo, hi]`` along which this separator is present."""
        if hi <= lo:
            return 1.0
        total = sum(max(0.0, min(hi, b) - max(lo, a)) for a, b in self.covered)
        return total / (hi - lo)


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int
    column: int
    row_span: int
    column_span: int
    box: Box


def merge_intervals(items: Sequence[Interval], gap: float = 0.0) -> tuple[Interval, ...]:
    out: list[Interval] = []
    for a, b in sorted(items):
        if out and a <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return tuple(out)


def cluster_rules(rules: Sequence[Rule], tol: float) -> list[Separator]:
    """Rules at nearly the same position (double rules, broken scans) become one separator."""
    groups: list[list[Rule]] = []
    for r in sorted(rules, key=lambda r: r.pos):
        if groups and r.pos - groups[-1][-1].pos <= tol:
            groups[-1].append(r)
        else:
            groups.append([r])
    seps = []
    for g in groups:
        pos = sum(r.pos * r.length for r in g) / sum(r.length for r in g)
        seps.append(Separator(pos, merge_intervals([(r.start, r.end) for r in g], gap=tol), True))
    return seps


def virtual_separator(
    pos: float, lo: float, hi: float, words: Sequence[Word], vertical: bool, spans: Sequence[Interval] = ()
) -> Separator:
    """A separator found from text: present along ``[lo, hi]`` except where a word crosses it or
    a spanning header (``spans``, from :mod:`hanji.tables.headers`) sits over it."""
    blocked = list(spans)
    for w in words:
        b = w.quad.bbox
        a0, a1 = (b.left, b.right) if vertical else (b.top, b.bottom)
        if a0 < pos < a1 and min(pos - a0, a1 - pos) > 0.15 * (a1 - a0):
            # Trimmed by a fifth of the text height: a word's box often leaks into the next row.
            m = 0.2 * b.height
            blocked.append((b.top + m, b.bottom - m) if vertical else (b.left + m, b.right - m))
    covered: list[Interval] = []
    cur = lo
    for start, stop in merge_intervals(blocked):
        if start > cur:
            covered.append((cur, start))
        cur = max(cur, stop)
    if cur < hi:
        covered.append((cur, hi))
    return Separator(pos, tuple(covered), False)


def build_cells(region: Box, rows: Sequence[Separator], cols: Sequence[Separator]) -> list[GridCell]:
    """Cells of a grid whose interior separators are ``rows`` (y) and ``cols`` (x), spans merged.

    Neighbours are joined when their shared separator covers less than half their common edge
    (a virtual one: when any word crosses it there); joined groups become the smallest rectangle
    holding them, each grid position in one cell.
    """
    ys = [region.top, *(s.pos for s in rows), region.bottom]
    xs = [region.left, *(s.pos for s in cols), region.right]
    nr, nc = len(ys) - 1, len(xs) - 1
    parent = list(range(nr * nc))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def cut(sep: Separator, lo: float, hi: float) -> bool:
        return sep.coverage(lo, hi) >= (0.5 if sep.ruled else 0.97)

    for r in range(nr):
        for c in range(nc):
            if c + 1 < nc and not cut(cols[c], ys[r], ys[r + 1]):
                parent[find(r * nc + c)] = find(r * nc + c + 1)
            if r + 1 < nr and not cut(rows[r], xs[c], xs[c + 1]):
                parent[find(r * nc + c)] = find((r + 1) * nc + c)
    taken = [[False] * nc for _ in range(nr)]
    members: dict[int, list[tuple[int, int]]] = {}
    for r in range(nr):
        for c in range(nc):
            members.setdefault(find(r * nc + c), []).append((r, c))
    cells = []
    for r in range(nr):
        for c in range(nc):
            if taken[r][c]:
                continue
            group = members[find(r * nc + c)]
            r1 = max(g[0] for g in group) + 1
            c1 = max(g[1] for g in group) + 1
            # Grow to the group's rectangle but never over a position another cell already holds.
            c1 = next((cc for cc in range(c + 1, c1) if taken[r][cc]), c1)
            for rr in range(r, r1):
                for cc in range(c, c1):
                    taken[rr][cc] = True
            cells.append(GridCell(r, c, r1 - r, c1 - c, Box(xs[c], ys[r], xs[c1], ys[r1])))
    return cells
