"""Polygon rendering shared by every CLOVA response type."""

from __future__ import annotations

from hanji.clova.geometry import (
    bounding,
    bounding_poly,
    confidence,
    coordinate,
    line_quad,
    polygon_item,
    vertices,
)
from hanji.core.geometry import Box, Point, Quad
from hanji.core.result import Line, Word


def test_vertices_are_clockwise_floats() -> None:
    quad = Box(1, 2, 11, 7).to_quad()
    assert vertices(quad) == [
        {"x": 1.0, "y": 2.0},
        {"x": 11.0, "y": 2.0},
        {"x": 11.0, "y": 7.0},
        {"x": 1.0, "y": 7.0},
    ]
    assert bounding_poly(quad) == {"vertices": vertices(quad)}
    assert all(isinstance(v["x"], float) for v in vertices(quad))


def test_bounding_is_the_axis_aligned_box() -> None:
    quad = Quad((Point(10, 0), Point(20, 10), Point(10, 20), Point(0, 10)))
    assert bounding(quad) == {"top": 0.0, "left": 0.0, "width": 20.0, "height": 20.0}


def test_polygon_item_by_version() -> None:
    quad = Box(0, 0, 1, 1).to_quad()
    assert list(polygon_item(quad, "V2")) == ["boundingPoly"]
    assert list(polygon_item(quad, "V1")) == ["boundingPoly", "bounding"]


def test_rounding() -> None:
    assert coordinate(1.23456) == 1.23
    assert str(coordinate(-0.001)) == "0.0"
    assert confidence(0.99995) == 1.0
    assert confidence(1.5) == 1.0 and confidence(-1) == 0.0


def test_line_quad_spans_first_to_last_word() -> None:
    line = Line((Word("a", Box(0, 0, 5, 10).to_quad(), 1.0), Word("b", Box(8, 1, 20, 11).to_quad(), 1.0)))
    assert line_quad(line).as_lists() == [[0, 0], [20, 1], [20, 11], [0, 10]]
