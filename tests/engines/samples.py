"""Small real page crops under ``tests/data/ocr`` with their ground-truth lines, and a scorer."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from hanji.core.geometry import Box
from hanji.core.result import Page

OCR_DATA = Path(__file__).resolve().parents[1] / "data" / "ocr"


@dataclass(frozen=True)
class TruthLine:
    box: Box
    text: str


def load_image(name: str) -> np.ndarray:
    """The sample ``name`` (without extension) as an RGB uint8 array."""
    return np.array(Image.open(OCR_DATA / f"{name}.jpg").convert("RGB"))


def load_truth(name: str) -> list[TruthLine]:
    """Ground-truth lines of a sample (``x1,y1,...,x4,y4,text`` rows)."""
    out = []
    for row in (OCR_DATA / f"{name}.csv").read_text(encoding="utf-8").splitlines():
        parts = row.split(",", 8)
        xs = [float(v) for v in parts[0:8:2]]
        ys = [float(v) for v in parts[1:8:2]]
        out.append(TruthLine(Box(min(xs), min(ys), max(xs), max(ys)), parts[8]))
    return out


def norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).casefold().split())


def edit_distance(a: str, b: str) -> int:
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        prev, row[0] = row[0], i
        for j, cb in enumerate(b, 1):
            cur = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
            prev = cur
    return row[len(b)]


def box_matched_cer(page: Page, truth: list[TruthLine]) -> float:
    """CER as ``shared/tools/ocr_eval.py`` counts it: words join the truth line holding their centre."""
    hits: list[list[tuple[float, str]]] = [[] for _ in truth]
    for word in page.words:
        c = word.quad.center
        for k, line in enumerate(truth):
            pad = 0.25 * line.box.height
            b = line.box
            if b.left - pad <= c.x <= b.right + pad and b.top - pad <= c.y <= b.bottom + pad:
                hits[k].append((word.quad.bbox.left, word.text))
                break
    dist = ref = 0
    for line, words in zip(truth, hits, strict=True):
        want = norm(line.text)
        dist += edit_distance(want, norm("".join(t for _, t in sorted(words))))
        ref += len(want)
    return dist / max(ref, 1)
