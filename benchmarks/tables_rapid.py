"""rapid-table 0.1.3 (PP-Structure SLANet, ONNX model shipped inside the wheel) for the benchmark only.

Newer rapid-table releases (1.x–3.x) download their models at run time, which Hanji does not
allow; 0.1.3 is the last wheel with ``models/en_ppstructure_mobile_v2_SLANet.onnx`` inside. It is
evaluated in a separate venv (it pins Python < 3.12 and pulls ``opencv-python``) and is not a
registry entry. The table matcher of rapid-table puts our words into its predicted cells; we read
its HTML back into core tables.
"""

from __future__ import annotations

import importlib.util
from html.parser import HTMLParser

import numpy as np

from hanji.core.geometry import Quad
from hanji.core.result import Cell, Line, Table, Word

_UNIT = Quad.from_sequence([[0, 0], [1, 0], [1, 1], [0, 1]])


class _Cells(HTMLParser):
    """``<td rowspan colspan>text</td>`` in row order → (row, column, row_span, column_span, text)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[int, int, int, int, str]] = []
        self.taken: set[tuple[int, int]] = set()
        self.row, self.col = -1, 0
        self.open: list[int] | None = None
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.row, self.col = self.row + 1, 0
        elif tag == "td":
            a = dict(attrs)
            self.open = [int(a.get("rowspan") or 1), int(a.get("colspan") or 1)]
            self.text = []

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "td" and self.open is not None:
            while (self.row, self.col) in self.taken:
                self.col += 1
            rs, cs = self.open
            self.cells.append((self.row, self.col, rs, cs, " ".join("".join(self.text).split())))
            for r in range(self.row, self.row + rs):
                for c in range(self.col, self.col + cs):
                    self.taken.add((r, c))
            self.col += cs
            self.open = None


class RapidTableExtractor:
    """One table per page (SLANet recognises structure on a table crop, it does not detect)."""

    name = "rapid-table"

    def __init__(self) -> None:
        self._engine: object | None = None

    def is_available(self) -> bool:
        return importlib.util.find_spec("rapid_table") is not None

    def extract(self, image: np.ndarray, words: list[Word]) -> list[Table]:
        if not words:
            return []
        if self._engine is None:
            from rapid_table import RapidTable  # type: ignore[import-not-found]

            self._engine = RapidTable()  # session built once per process
        bgr = np.ascontiguousarray(image[:, :, ::-1]) if image.ndim == 3 else image
        ocr = [[w.quad.as_lists(), w.text, w.confidence] for w in words]
        html = self._engine(bgr, ocr)[0]  # type: ignore[operator]
        parser = _Cells()
        parser.feed(html)
        if not parser.cells:
            return []
        cells = tuple(
            Cell(r, c, rs, cs, _UNIT, (Line((Word(text, _UNIT, 1.0),)),) if text else (), 1.0)
            for r, c, rs, cs, text in parser.cells
        )
        h, w = image.shape[:2]
        page = Quad.from_sequence([[0, 0], [w, 0], [w, h], [0, h]])  # the whole input is the table
        return [Table(page, cells, 0.9)]
