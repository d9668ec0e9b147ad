"""Polygons as CLOVA writes them: ``boundingPoly {vertices}`` (V1 and V2), plus V1s extra ``bounding``.

Shared by the General, Template and Document renderers so every response spells them the same way.
"""

from __future__ import annotations

from hanji.core.geometry import Quad
from hanji.core.result import Line
from hanji.core.wire import WireObject

# Sub-pixel digits past the second are noise from scaling, and bloat every response.
_DECIMALS = 2


def coordinate(value: float) -> float:
    """A coordinate as CLOVA sends it: always a float (``69.0``), rounded to 2 decimals."""
    return float(round(value, _DECIMALS)) + 0.0  # + 0.0 turns -0.0 into 0.0


def confidence(value: float) -> float:
    """A confidence in 0..1, rounded to 4 places like CLOVA's ``0.9999``."""
    return float(round(min(max(value, 0.0), 1.0), 4))


def vertices(quad: Quad) -> list[dict[str, float]]:
    """The four corners, clockwise from the text's top-left: ``[{"x": .., "y": ..}, ...]``."""
    return [{"x": coordinate(p.x), "y": coordinate(p.y)} for p in quad.points]


def bounding_poly(quad: Quad) -> WireObject:
    """The V2 polygon object: ``{"vertices": [...]}``."""
    return {"vertices": vertices(quad)}


def bounding(quad: Quad) -> dict[str, float]:
    """The V1 box object: the quad's axis-aligned bounds as ``{top, left, width, height}``."""
    box = quad.bbox
    return {
        "top": coordinate(box.top),
        "left": coordinate(box.left),
        "width": coordinate(box.width),
        "height": coordinate(box.height),
    }


def polygon_item(quad: Quad, version: str) -> WireObject:
    """The polygon keys to splice into an entry: ``boundingPoly`` always (real CLOVA V1 answers
    carry it and V1 clients read it), and for V1 also Hanji's ``bounding {top,left,width,height}``."""
    if version == "V1":
        return {"boundingPoly": bounding_poly(quad), "bounding": bounding(quad)}
    return {"boundingPoly": bounding_poly(quad)}


def line_quad(line: Line) -> Quad:
    """A line's quad from its first and last words, so a rotated line keeps its rotation."""
    first, last = line.words[0].quad.points, line.words[-1].quad.points
    return Quad((first[0], last[1], last[2], first[3]))
