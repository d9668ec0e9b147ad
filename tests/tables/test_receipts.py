"""A real receipt (SROIE 033): its item table from the ground-truth text boxes, no OCR.

Our hand-made label is ``tests/data/tables/sroie/033.json``; the receipt's box file and scan are
SROIE research data copied into ``tests/data/shared-samples`` (see its README).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from PIL import Image

from hanji.core.geometry import Quad
from hanji.core.result import Table, Word
from hanji.tables import extract_tables

from .conftest import DATA

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "shared-samples"


def _load(receipt: str) -> tuple[np.ndarray, list[Word], dict[str, Any]]:
    truth = json.loads((DATA / "sroie" / f"{receipt}.json").read_text())
    boxes = SAMPLES / Path(truth["boxes"]).name
    words = []
    for row in boxes.read_text(encoding="utf-8").splitlines():
        parts = row.split(",", 8)
        if len(parts) == 9 and parts[8].strip():
            xy = [float(v) for v in parts[:8]]
            words.append(
                Word(parts[8].strip(), Quad.from_sequence([xy[0:2], xy[2:4], xy[4:6], xy[6:8]]), 1.0)
            )
    image = np.asarray(Image.open(SAMPLES / Path(truth["image"]).name).convert("RGB"))
    return image, words, truth


def _item_table(tables: list[Table], box: list[float]) -> Table:
    x0, y0, x1, y1 = box

    def overlaps(t: Table) -> bool:
        b = t.quad.bbox
        return min(b.right, x1) > max(b.left, x0) and min(b.bottom, y1) > max(b.top, y0)

    hits = [t for t in tables if overlaps(t)]
    assert len(hits) == 1, f"expected one table over the item table, got {len(hits)}"
    return hits[0]


def test_receipt_items_keep_quantity_and_total_in_their_columns() -> None:
    image, words, truth = _load("033")
    want = truth["tables"][0]
    table = _item_table(extract_tables(image, words), want["box"])
    rows: dict[int, dict[int, str]] = {}
    for c in table.cells:
        rows.setdefault(c.row, {})[c.column] = c.text
    assert rows[0] == {c["column"]: c["text"] for c in want["cells"] if c["row"] == 0}
    items: dict[int, dict[int, str]] = {}
    for c in want["cells"]:
        if c["row"] > 0:
            items.setdefault(c["row"], {})[c["column"]] = c["text"]
    found = {
        r
        for item in items.values()
        for r, got in rows.items()
        if (got.get(1), got.get(2)) == (item[1], item[2])
    }
    assert len(found) == len(items) == 2
