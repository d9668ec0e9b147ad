"""A tiny stand-in OCR for the document benchmark: rapidocr (or any callable) to a ``Page``.

It is swappable: everything downstream takes a ``Recognizer`` callable, so
``hanji.engines.recognize`` can replace :func:`rapidocr_page` once it exists.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.geometry import Quad, split_quad
from hanji.core.result import Line, Page, Word

Recognizer = Callable[[np.ndarray], Page]


@lru_cache(maxsize=1)
def _engine() -> Any:
    import logging

    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR()


def line_to_words(text: str, quad: Quad, confidence: float, engine: str = "rapidocr") -> Line:
    """Split one recognised line into words, sharing its width by character count."""
    tokens = text.split()
    total = max(len(text), 1)
    fractions, pos = [], 0
    for tok in tokens:
        start = text.index(tok, pos)
        pos = start + len(tok)
        fractions.append((start / total, pos / total))
    quads = split_quad(quad, fractions)
    conf = min(max(confidence, 0.0), 1.0)
    return Line(tuple(Word(t, q, conf) for t, q in zip(tokens, quads, strict=True)), engine)


def rapidocr_page(image: np.ndarray) -> Page:
    """OCR an RGB/BGR image with rapidocr's bundled PP-OCR models."""
    out = _engine()(image)
    lines: list[Line] = []
    if out.boxes is not None:
        for box, txt, score in zip(out.boxes, out.txts, out.scores, strict=True):
            if txt.strip():
                lines.append(line_to_words(txt.strip(), Quad.from_sequence(box.tolist()), float(score)))
    h, w = image.shape[:2]
    return Page(index=0, width=int(w), height=int(h), lines=tuple(lines))


def cached_page(image_path: Path, recognize: Recognizer, cache_dir: Path | None) -> Page:
    """OCR ``image_path`` once and keep the Page JSON under ``cache_dir`` (when given)."""
    import cv2

    cache = cache_dir / (image_path.stem + ".page.json") if cache_dir else None
    if cache is not None and cache.exists():
        return Page.from_dict(json.loads(cache.read_text()))
    image = cv2.imread(str(image_path))
    page = recognize(image)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(page.export(), ensure_ascii=False))
    return page
