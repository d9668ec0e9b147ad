"""img2table (OpenCV-based, MIT) behind our contract, fed with the page's own words.

img2table needs ``opencv-contrib-python`` (it uses ``cv2.ximgproc``), which clashes with the
``opencv-python-headless`` that Hanji installs, so it is an optional extra evaluated apart.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Sequence
from typing import Any

import cv2

from hanji.core.geometry import Box
from hanji.core.result import Table, Word
from hanji.tables.cells import make_table
from hanji.tables.contract import Image
from hanji.tables.grid import GridCell


def _records(words: Sequence[Word]) -> list[dict[str, Any]]:
    out = []
    for i, w in enumerate(words):
        b = w.quad.bbox
        rec = {"id": f"w{i}", "parent": f"w{i}", "value": w.text, "confidence": int(99 * w.confidence)}
        rec.update(x1=int(b.left), y1=int(b.top), x2=int(b.right), y2=int(b.bottom))
        out.append(rec)
    return out


def _grid(rows: Any) -> tuple[Box, list[GridCell]]:
    """img2table repeats a merged cell in every position it covers; fold repeats into spans."""
    seen: dict[tuple[int, int, int, int], list[tuple[int, int]]] = {}
    for r, row in enumerate(rows.values()):
        for c, cell in enumerate(row):
            bb = cell.bbox
            seen.setdefault((bb.x1, bb.y1, bb.x2, bb.y2), []).append((r, c))
    cells = []
    for (x1, y1, x2, y2), pos in seen.items():
        r0, c0 = min(p[0] for p in pos), min(p[1] for p in pos)
        r1, c1 = max(p[0] for p in pos), max(p[1] for p in pos)
        cells.append(GridCell(r0, c0, r1 - r0 + 1, c1 - c0 + 1, Box(x1, y1, max(x1, x2), max(y1, y2))))
    region = Box(
        min(c.box.left for c in cells),
        min(c.box.top for c in cells),
        max(c.box.right for c in cells),
        max(c.box.bottom for c in cells),
    )
    return region, cells


class Img2TableExtractor:
    """img2table's table finder (with implicit rows and borderless tables) and our words."""

    name = "img2table"

    def __init__(self, borderless: bool = True) -> None:
        self.borderless = borderless

    def is_available(self) -> bool:
        return importlib.util.find_spec("img2table") is not None

    def extract(self, image: Image, words: Sequence[Word]) -> list[Table]:
        from img2table.document import Image as I2TImage  # type: ignore[import-not-found,unused-ignore]
        from img2table.ocr._types import OCRData, OCRInstance  # type: ignore[import-not-found,unused-ignore]

        records = _records(words)

        class _GivenWords(OCRInstance):  # type: ignore[misc]
            def of(self, document: Any) -> Any:
                return OCRData(records={0: records}) if records else None

        bgr = cv2.cvtColor(image, cv2.COLOR_RGB2BGR) if image.ndim == 3 else image
        ok, png = cv2.imencode(".png", bgr)
        if not ok:
            return []
        doc = I2TImage(src=png.tobytes(), detect_rotation=False)
        found = doc.extract_tables(
            ocr=_GivenWords(), implicit_rows=True, borderless_tables=self.borderless, min_confidence=1
        )
        tables = []
        for t in found:
            if not t.content:
                continue
            region, grid = _grid(t.content)
            tables.append(make_table(region, grid, words, 0.9))
        return tables
