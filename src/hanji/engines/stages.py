"""The stage contracts an engine is composed of: line detector, line recogniser, orientation classifier.

Backends (``hanji.engines.backends``) implement them; nothing outside ``backends`` imports an OCR
library. Every image handed to a stage is RGB ``uint8`` (``(h, w, 3)``); crops are horizontal strips
of one text line, straightened.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from hanji.core.geometry import Quad
from hanji.engines.base import RgbImage


@dataclass(frozen=True)
class Glyph:
    """One recognised character and where it sits on its crop (fractions of the crop's width)."""

    char: str
    confidence: float
    start: float
    end: float


@dataclass(frozen=True)
class SpanWord:
    """One word of a line reading: text, confidence 0..1 and its span as fractions of the crop's width."""

    text: str
    confidence: float
    start: float
    end: float


@dataclass(frozen=True)
class Reading:
    """One recogniser's reading of one line crop.

    ``words`` are left to right. ``glyphs`` are the characters with their own positions when the
    backend has them (CTC recognisers do), else empty.
    """

    words: tuple[SpanWord, ...]
    glyphs: tuple[Glyph, ...] = ()
    recognizer: str = ""

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)

    @property
    def confidence(self) -> float:
        """Character-weighted mean word confidence (0 for an empty reading)."""
        chars = sum(len(w.text) for w in self.words)
        return sum(len(w.text) * w.confidence for w in self.words) / chars if chars else 0.0


class LineDetector(Protocol):
    """Finds text lines on a page."""

    name: str

    def detect(self, image: RgbImage, max_side: int | None = None) -> list[Quad]:
        """Quads of the lines on ``image`` (its pixels), corners clockwise from the top-left.

        ``max_side`` caps the longer side the detector looks at (None: its default).
        """
        ...


class LineRecognizer(Protocol):
    """Reads straightened line crops."""

    name: str

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        """One reading per crop, in order (an unreadable crop gives an empty reading)."""
        ...


class UpsideDownClassifier(Protocol):
    """Tells a line that is upside down from one that is upright."""

    name: str

    def upside_down(self, crops: Sequence[RgbImage]) -> list[float]:
        """Probability per crop that it is upside down."""
        ...
