"""Typed reads of decoded JSON the way a statically typed client binds it (Gson, Jackson, Codable):
a missing key, a null or a value of the wrong JSON type is an error that names its path."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


class WireShapeError(ValueError):
    """The answer does not have the shape the client was written against."""


def as_object(value: Any, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise WireShapeError(f"{path}: expected an object, got {_kind(value)}")
    return value


def as_list(value: Any, path: str) -> list[Any]:
    if not isinstance(value, list):
        raise WireShapeError(f"{path}: expected an array, got {_kind(value)}")
    return value


def required(parent: Mapping[str, Any], key: str, path: str) -> Any:
    if parent.get(key) is None:
        raise WireShapeError(f"{path}.{key}: missing or null")
    return parent[key]


def string(parent: Mapping[str, Any], key: str, path: str) -> str:
    value = required(parent, key, path)
    if not isinstance(value, str):
        raise WireShapeError(f"{path}.{key}: expected a string, got {_kind(value)}")
    return value


def number(parent: Mapping[str, Any], key: str, path: str) -> float:
    """A JSON number bound to a ``float``/``double`` field (an integer literal is fine, as in Gson)."""
    value = required(parent, key, path)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise WireShapeError(f"{path}.{key}: expected a number, got {_kind(value)}")
    return float(value)


def integer(parent: Mapping[str, Any], key: str, path: str) -> int:
    """A JSON integer bound to an ``int``/``long`` field: ``"266"`` or ``266.5`` does not bind."""
    value = required(parent, key, path)
    if isinstance(value, bool) or not isinstance(value, int):
        raise WireShapeError(f"{path}.{key}: expected an integer, got {_kind(value)}")
    return value


def boolean(parent: Mapping[str, Any], key: str, path: str) -> bool:
    value = required(parent, key, path)
    if not isinstance(value, bool):
        raise WireShapeError(f"{path}.{key}: expected true or false, got {_kind(value)}")
    return value


def child(parent: Mapping[str, Any], key: str, path: str) -> Mapping[str, Any]:
    return as_object(required(parent, key, path), f"{path}.{key}")


def children(parent: Mapping[str, Any], key: str, path: str) -> list[Any]:
    return as_list(required(parent, key, path), f"{path}.{key}")


@dataclass(frozen=True)
class Vertex:
    x: float
    y: float


@dataclass(frozen=True)
class BoundingPoly:
    """``boundingPoly``: exactly four vertices, clockwise from the text's top-left."""

    vertices: tuple[Vertex, Vertex, Vertex, Vertex]

    @classmethod
    def read(cls, value: Any, path: str) -> BoundingPoly:
        listed = children(as_object(value, path), "vertices", path)
        if len(listed) != 4:
            raise WireShapeError(f"{path}.vertices: expected 4 vertices, got {len(listed)}")
        points = [as_object(v, f"{path}.vertices[{i}]") for i, v in enumerate(listed)]
        a, b, c, d = (
            Vertex(number(p, "x", f"{path}.vertices[{i}]"), number(p, "y", f"{path}.vertices[{i}]"))
            for i, p in enumerate(points)
        )
        return cls((a, b, c, d))

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """``(left, top, right, bottom)`` of the four vertices."""
        xs, ys = [v.x for v in self.vertices], [v.y for v in self.vertices]
        return min(xs), min(ys), max(xs), max(ys)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array"}.get(
        type(value), "an object"
    )
