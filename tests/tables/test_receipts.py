"""A real receipt (SROIE 033): its item table from the ground-truth text boxes, no OCR.

Only our hand-made label is committed (``tests/data/tables/sroie/033.json``); the receipt's box
file and scan are SROIE research data read from ``../shared/data``. The box file is required:
without it the test fails rather than skips. The scan is used when present; elsewhere (and only
outside CI) a blank canvas of the recorded size stands in and a weaker check runs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from PIL import Image

from hanji.core.geometry import Quad
from hanji.core.result import Table, Word
from hanji.tables import extract_tables

from .conftest import DATA

SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def _load(receipt: str) -> tuple[np.ndarray, list[Word], dict[str, Any], bool]:
    truth = json.loads((DATA / "sroie" / f"{receipt}.json").read_text())
    boxes = SHARED / truth["boxes"]
    if not boxes.exists():
        pytest.fail(f"{boxes} is missing: check out the shared evaluation data next to the repository")
    words = []
    for row in boxes.read_text(encoding="utf-8").splitlines():
        parts = row.split(",", 8)
        if len(parts) == 9 and parts[8].strip():
            xy = [float(v) for v in parts[:8]]
            words.append(
                Word(parts[8].strip(), Quad.from_sequence([xy[0:2], xy[2:4], xy[4:6], xy[6:8]]), 1.0)
            )
    scan = SHARED / truth["image"]
    if scan.exists():
        image = np.asarray(Image.open(scan).convert("RGB"))
        return image, words, truth, True
    elif os.environ.get("CI"):
        pytest.fail(f"{scan} is missing in CI")
    else:
        width, height = truth["size"]
        image = np.full((height, width, 3), 255, np.uint8)
    return image, words, truth, False


def _item_table(tables: list[Table], box: list[float]) -> Table:
    x0, y0, x1, y1 = box

    def overlaps(t: Table) -> bool:
        b = t.quad.bbox
        return min(b.right, x1) > max(b.left, x0) and min(b.bottom, y1) > max(b.top, y0)

    hits = [t for t in tables if overlaps(t)]
    assert len(hits) == 1, f"expected one table over the item table, got {len(hits)}"
    return hits[0]


def test_receipt_items_keep_quantity_and_total_in_their_columns() -> None:
    image, words, truth, scanned = _load("033")
    want = truth["tables"][0]
    table = _item_table(extract_tables(image, words), want["box"])
    rows: dict[int, dict[int, str]] = {}
    for c in table.cells:
        rows.setdefault(c.row, {})[c.column] = c.text
    if not scanned:
        # Without the scan's dotted rules the region is smaller and ITEM/QTY share a column
        # (the item descriptions cross that gap): the totals still end their rows.
        totals = [c["text"] for c in want["cells"] if c["row"] > 0 and c["column"] == 2]
        last = table.n_columns - 1
        assert sorted(r[last] for r in rows.values() if r.get(last, "").startswith("$")) == sorted(totals)
        return
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
