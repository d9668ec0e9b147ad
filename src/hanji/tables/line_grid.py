"""Hanji's own extractor: ruling lines by morphology, then a grid per region, spans from gaps."""

from __future__ import annotations

from collections.abc import Sequence

import cv2
import numpy as np

from hanji.core.geometry import Point, Quad
from hanji.core.result import Cell, Table, Word
from hanji.tables.cells import is_substantial, make_table
from hanji.tables.contract import Image
from hanji.tables.regions import find_regions
from hanji.tables.rules import binarize, erase_words, estimate_skew, find_rules
from hanji.tables.structure import recognise
from hanji.tables.textlines import word_height

_CONFIDENCE = {"grid": 0.95, "hrules": 0.85, "text": 0.7}
"""How sure a region kind is to be a table: printed grids rarely mislead, aligned text can."""


_BAR_GLYPHS = "|│┃丨[]!"


def is_rule_glyph(word: Word) -> bool:
    """A tall, thin "word" made of bar-like characters: a ruling line the OCR engine read as text."""
    box = word.quad.bbox
    return word.text.strip(_BAR_GLYPHS) == "" and box.width <= 0.6 * box.height


def _gray(image: Image) -> Image:
    return np.asarray(cv2.cvtColor(image, cv2.COLOR_RGB2GRAY), dtype=np.uint8) if image.ndim == 3 else image


def _word_skew(words: Sequence[Word]) -> float:
    angles = sorted(w.quad.angle for w in words if w.quad.width > 2 * w.quad.height)
    return angles[len(angles) // 2] if angles else 0.0


class _Rotation:
    """Rotate by ``angle`` degrees about the image centre and back again."""

    def __init__(self, angle: float, width: int, height: int) -> None:
        self.forward = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        self.backward = cv2.invertAffineTransform(self.forward)

    @staticmethod
    def _apply(m: np.ndarray, quad: Quad) -> Quad:
        pts = [
            Point(m[0, 0] * p.x + m[0, 1] * p.y + m[0, 2], m[1, 0] * p.x + m[1, 1] * p.y + m[1, 2])
            for p in quad.points
        ]
        return Quad((pts[0], pts[1], pts[2], pts[3]))

    def word(self, w: Word) -> Word:
        return Word(w.text, self._apply(self.forward, w.quad), w.confidence)

    def back(self, table: Table, originals: dict[int, Word]) -> Table:
        cells = []
        for c in table.cells:
            lines = tuple(type(ln)(tuple(originals[id(w)] for w in ln.words), ln.engine) for ln in c.lines)
            cells.append(
                Cell(
                    c.row,
                    c.column,
                    c.row_span,
                    c.column_span,
                    self._apply(self.backward, c.quad),
                    lines,
                    c.confidence,
                )
            )
        return Table(self._apply(self.backward, table.quad), tuple(cells), table.confidence)


class LineGridExtractor:
    """Ruled, horizontally-ruled and borderless tables with OpenCV and word geometry alone."""

    name = "hanji"

    def is_available(self) -> bool:
        return True

    def extract(self, image: Image, words: Sequence[Word]) -> list[Table]:
        gray = _gray(image)
        ink = binarize(gray)
        angle = estimate_skew(ink) or _word_skew(words)
        if abs(angle) < 0.25:
            return self._extract(ink, list(words))
        # Straighten the page so rules and text rows are axis-aligned, then map cells back.
        h, w = gray.shape
        rot = _Rotation(angle, w, h)
        straight = np.asarray(
            cv2.warpAffine(gray, rot.forward, (w, h), flags=cv2.INTER_LINEAR, borderValue=255), dtype=np.uint8
        )
        turned = [rot.word(x) for x in words]
        originals = {id(t): o for t, o in zip(turned, words, strict=True)}
        return [rot.back(t, originals) for t in self._extract(binarize(straight), turned)]

    def _extract(self, ink: Image, words: list[Word]) -> list[Table]:
        # OCR engines read printed rules as "|" words; erasing those would erase the rules.
        words = [w for w in words if not is_rule_glyph(w)]
        boxes = [(b.left, b.top, b.right, b.bottom) for b in (w.quad.bbox for w in words)]
        hrules, vrules = find_rules(erase_words(ink, boxes), word_height(words) if words else 12.0)
        tables = []
        for region in find_regions(hrules, vrules, words, float(ink.shape[1])):
            inside = [w for w in words if region.box.contains(w.quad.center)]
            grid = recognise(region.box, hrules, vrules, inside)
            table = make_table(region.box, grid, inside, _CONFIDENCE[region.kind])
            if is_substantial(table):
                tables.append(table)
        return tables
