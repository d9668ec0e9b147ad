"""The engine-neutral OCR result tree: ``Document > Page > Line > Word`` and ``Table > Cell``.

Engines produce it, tables/templates/extractors consume it, and the CLOVA JSON is one rendering
of it done at the edge. ``export()`` / ``from_dict()`` round-trip it through plain JSON.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from hanji.core.geometry import Box, Quad


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    quad: Quad
    confidence: float

    def __post_init__(self) -> None:
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside 0..1")

    def export(self) -> dict[str, Any]:
        return {"text": self.text, "quad": self.quad.as_lists(), "confidence": self.confidence}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Word:
        return cls(str(data["text"]), Quad.from_sequence(data["quad"]), float(data["confidence"]))


@dataclass(frozen=True, slots=True)
class Line:
    """One text line in reading order; ``engine`` says which recogniser read it."""

    words: tuple[Word, ...]
    engine: str = ""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def bbox(self) -> Box:
        box = self.words[0].quad.bbox
        for w in self.words[1:]:
            box = box.union(w.quad.bbox)
        return box

    @property
    def confidence(self) -> float:
        return min((w.confidence for w in self.words), default=0.0)

    def export(self) -> dict[str, Any]:
        return {"words": [w.export() for w in self.words], "engine": self.engine}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Line:
        return cls(tuple(Word.from_dict(w) for w in data["words"]), str(data.get("engine", "")))


@dataclass(frozen=True, slots=True)
class Cell:
    row: int
    column: int
    row_span: int
    column_span: int
    quad: Quad
    lines: tuple[Line, ...] = ()
    confidence: float = 1.0

    def __post_init__(self) -> None:
        if self.row < 0 or self.column < 0 or self.row_span < 1 or self.column_span < 1:
            raise ValueError("cell indices must be >= 0 and spans >= 1")

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def export(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "row_span": self.row_span,
            "column_span": self.column_span,
            "quad": self.quad.as_lists(),
            "lines": [line.export() for line in self.lines],
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Cell:
        return cls(
            int(data["row"]),
            int(data["column"]),
            int(data["row_span"]),
            int(data["column_span"]),
            Quad.from_sequence(data["quad"]),
            tuple(Line.from_dict(line) for line in data.get("lines", [])),
            float(data.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class Table:
    quad: Quad
    cells: tuple[Cell, ...]
    confidence: float = 1.0

    @property
    def n_rows(self) -> int:
        return max((c.row + c.row_span for c in self.cells), default=0)

    @property
    def n_columns(self) -> int:
        return max((c.column + c.column_span for c in self.cells), default=0)

    def export(self) -> dict[str, Any]:
        return {
            "quad": self.quad.as_lists(),
            "cells": [c.export() for c in self.cells],
            "confidence": self.confidence,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Table:
        return cls(
            Quad.from_sequence(data["quad"]),
            tuple(Cell.from_dict(c) for c in data["cells"]),
            float(data.get("confidence", 1.0)),
        )


@dataclass(frozen=True, slots=True)
class KeyValue:
    """One printed label and its value, with the words each came from."""

    key: str
    value: str
    key_words: tuple[Word, ...]
    value_words: tuple[Word, ...]


@dataclass(frozen=True, slots=True)
class Page:
    """One page or image; coordinates are pixels of the page as given (after rasterising a PDF)."""

    index: int
    width: int
    height: int
    lines: tuple[Line, ...] = ()
    tables: tuple[Table, ...] = ()
    rotation: int = 0
    """Clockwise degrees (0/90/180/270) the page was turned by to read it upright."""
    error: str | None = None
    """Set when this page could not be processed; the other pages are still valid."""
    key_values: tuple[KeyValue, ...] = ()
    """Labels paired with their values, when the call asked for them (not in ``export()``)."""

    @property
    def words(self) -> list[Word]:
        return [w for line in self.lines for w in line.words]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def export(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "width": self.width,
            "height": self.height,
            "rotation": self.rotation,
            "error": self.error,
            "lines": [line.export() for line in self.lines],
            "tables": [t.export() for t in self.tables],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Page:
        return cls(
            index=int(data["index"]),
            width=int(data["width"]),
            height=int(data["height"]),
            lines=tuple(Line.from_dict(line) for line in data.get("lines", [])),
            tables=tuple(Table.from_dict(t) for t in data.get("tables", [])),
            rotation=int(data.get("rotation", 0)),
            error=data.get("error"),
        )


@dataclass(frozen=True, slots=True)
class Document:
    pages: tuple[Page, ...] = field(default_factory=tuple)

    @property
    def text(self) -> str:
        return "\n\n".join(p.text for p in self.pages)

    def export(self) -> dict[str, Any]:
        return {"pages": [p.export() for p in self.pages]}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Document:
        return cls(tuple(Page.from_dict(p) for p in data["pages"]))
