"""Points, axis-aligned boxes and four-point quads in page pixels (origin top-left, y down)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle; ``left <= right`` and ``top <= bottom`` always hold."""

    left: float
    top: float
    right: float
    bottom: float

    def __post_init__(self) -> None:
        if self.right < self.left or self.bottom < self.top:
            raise ValueError(f"inverted box {self!r}")

    @classmethod
    def from_xywh(cls, x: float, y: float, w: float, h: float) -> Box:
        return cls(x, y, x + w, y + h)

    @classmethod
    def enclosing(cls, points: Iterable[Point]) -> Box:
        pts = list(points)
        if not pts:
            raise ValueError("cannot enclose no points")
        return cls(min(p.x for p in pts), min(p.y for p in pts), max(p.x for p in pts), max(p.y for p in pts))

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center(self) -> Point:
        return Point((self.left + self.right) / 2, (self.top + self.bottom) / 2)

    @property
    def area(self) -> float:
        return self.width * self.height

    def union(self, other: Box) -> Box:
        return Box(
            min(self.left, other.left),
            min(self.top, other.top),
            max(self.right, other.right),
            max(self.bottom, other.bottom),
        )

    def intersection_area(self, other: Box) -> float:
        w = min(self.right, other.right) - max(self.left, other.left)
        h = min(self.bottom, other.bottom) - max(self.top, other.top)
        return max(w, 0.0) * max(h, 0.0)

    def contains(self, point: Point) -> bool:
        return self.left <= point.x <= self.right and self.top <= point.y <= self.bottom

    def to_quad(self) -> Quad:
        return Quad(
            (
                Point(self.left, self.top),
                Point(self.right, self.top),
                Point(self.right, self.bottom),
                Point(self.left, self.bottom),
            )
        )


@dataclass(frozen=True, slots=True)
class Quad:
    """Four corners clockwise from the top-left of the text as it reads (rotated text: rotated quad)."""

    points: tuple[Point, Point, Point, Point]

    def __post_init__(self) -> None:
        if len(self.points) != 4:
            raise ValueError("a quad has exactly four points")
        for p in self.points:
            if not (math.isfinite(p.x) and math.isfinite(p.y)):
                raise ValueError(f"non-finite point in quad {self.points!r}")

    @classmethod
    def from_sequence(cls, coords: Sequence[Sequence[float]]) -> Quad:
        if len(coords) != 4:
            raise ValueError("a quad has exactly four points")
        p = [Point(float(c[0]), float(c[1])) for c in coords]
        return cls((p[0], p[1], p[2], p[3]))

    @property
    def bbox(self) -> Box:
        return Box.enclosing(self.points)

    @property
    def center(self) -> Point:
        return Point(sum(p.x for p in self.points) / 4, sum(p.y for p in self.points) / 4)

    @property
    def height(self) -> float:
        """Mean length of the two sides that run across the text."""
        a, b, c, d = self.points
        return (_dist(a, d) + _dist(b, c)) / 2

    @property
    def width(self) -> float:
        """Mean length of the two sides that run along the text."""
        a, b, c, d = self.points
        return (_dist(a, b) + _dist(d, c)) / 2

    @property
    def angle(self) -> float:
        """Direction of the text baseline in degrees (0 = left to right, y down)."""
        a, b, _, _ = self.points
        return math.degrees(math.atan2(b.y - a.y, b.x - a.x))

    def scaled(self, sx: float, sy: float | None = None) -> Quad:
        sy = sx if sy is None else sy
        p = self.points
        return Quad(tuple(Point(q.x * sx, q.y * sy) for q in p))  # type: ignore[arg-type]

    def translated(self, dx: float, dy: float) -> Quad:
        return Quad(tuple(Point(q.x + dx, q.y + dy) for q in self.points))  # type: ignore[arg-type]

    def as_lists(self) -> list[list[float]]:
        return [[p.x, p.y] for p in self.points]


def _dist(a: Point, b: Point) -> float:
    return math.hypot(a.x - b.x, a.y - b.y)


def split_quad(quad: Quad, fractions: Sequence[tuple[float, float]]) -> list[Quad]:
    """Cut a line's quad along its reading direction into pieces [start, end) given as fractions 0..1."""
    a, b, c, d = quad.points

    def lerp(p: Point, q: Point, t: float) -> Point:
        return Point(p.x + (q.x - p.x) * t, p.y + (q.y - p.y) * t)

    return [Quad((lerp(a, b, s), lerp(a, b, e), lerp(d, c, e), lerp(d, c, s))) for s, e in fractions]
