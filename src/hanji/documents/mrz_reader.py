"""Read the MRZ band of an image: Tesseract finds the band, a line reader reads the upscaled crop.

Tesseract's layout is quick and finds the long ``<``-filled lines; PP-OCR (rapidocr) reads the
OCR-B glyphs far better than Tesseract's ``eng`` model, whose LSTM keeps reading ``<`` as ``K``.
Both engines are optional imports, loaded once per process.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np

from hanji.documents.mrz import Mrz, find_mrz_lines, normalize_line, parse_mrz

TESSDATA = "/usr/share/tesseract-ocr/5/tessdata"
MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
LineReader = Callable[[np.ndarray], list[str]]


@lru_cache(maxsize=1)
def _tesseract() -> Any:
    import tesserocr

    api = tesserocr.PyTessBaseAPI(path=TESSDATA, lang="eng", psm=tesserocr.PSM.AUTO)
    api.SetVariable("tessedit_char_whitelist", MRZ_ALPHABET)
    return api


@lru_cache(maxsize=1)
def _rapidocr() -> Any:
    import logging

    from rapidocr import RapidOCR

    logging.getLogger("RapidOCR").setLevel(logging.WARNING)
    return RapidOCR()


def tesseract_lines(gray: np.ndarray) -> list[str]:
    """MRZ-alphabet Tesseract reading of a grey image, one string per line."""
    from PIL import Image

    api = _tesseract()
    api.SetImage(Image.fromarray(gray))
    return [t for t in api.GetUTF8Text().splitlines() if t.strip()]


def rapidocr_lines(gray: np.ndarray) -> list[str]:
    """PP-OCR reading of a grey crop, one string per detected line, top to bottom."""
    import cv2

    out = _rapidocr()(cv2.cvtColor(gray, cv2.COLOR_GRAY2BGR))
    if out.boxes is None:
        return []
    rows = sorted(zip(out.boxes, out.txts, strict=True), key=lambda r: float(r[0][:, 1].mean()))
    return [str(t) for _, t in rows]


def _to_gray(image: np.ndarray) -> np.ndarray:
    import cv2

    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
    scale = max(1.0, 1000 / gray.shape[1])
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else gray


def locate_band(gray: np.ndarray) -> tuple[int, int, int, int] | None:
    """Pixel box (x0, y0, x1, y1) around the MRZ lines Tesseract's layout finds, padded by a line or so."""
    import tesserocr
    from PIL import Image

    api = _tesseract()
    api.SetImage(Image.fromarray(gray))
    api.Recognize()
    boxes = []
    for r in tesserocr.iterate_level(api.GetIterator(), tesserocr.RIL.TEXTLINE):
        text = normalize_line(r.GetUTF8Text(tesserocr.RIL.TEXTLINE) or "")
        if len(text) >= 26 and text.count("<") >= 2:
            boxes.append(r.BoundingBox(tesserocr.RIL.TEXTLINE))
    if not boxes:
        return None
    x0, y0 = min(b[0] for b in boxes), min(b[1] for b in boxes)
    x1, y1 = max(b[2] for b in boxes), max(b[3] for b in boxes)
    line_h = max(b[3] - b[1] for b in boxes)
    # A line without fillers (TD1 line 2, say) may be missed: take one more line height around.
    pad_y = int(line_h * (1.6 if len(boxes) < 2 else 0.7))
    pad_x = int(line_h * 0.7)
    h, w = gray.shape[:2]
    return max(0, x0 - pad_x), max(0, y0 - pad_y), min(w, x1 + pad_x), min(h, y1 + pad_y)


def read_mrz(image: np.ndarray, readers: tuple[LineReader, ...] | None = None) -> Mrz | None:
    """Find and parse the MRZ of ``image`` (BGR or grey); the reading that passes most checks wins."""
    import cv2

    gray = _to_gray(image)
    band = locate_band(gray)
    crops = [gray]
    if band is not None:
        x0, y0, x1, y1 = band
        crop = gray[y0:y1, x0:x1]
        # PP-OCR's recogniser likes glyphs ~30–40 px high; MRZ bands are often smaller.
        scale = max(1.0, 1200 / max(crop.shape[1], 1))
        crops.insert(0, cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC))
    best: Mrz | None = None
    for reader in readers or (rapidocr_lines, tesseract_lines):
        for crop in crops:
            mrz = parse_mrz(find_mrz_lines(reader(crop)))
            if mrz is not None and (best is None or _score(mrz) > _score(best)):
                best = mrz
            if best is not None and best.valid:
                return best
    return best


def _score(mrz: Mrz) -> float:
    return sum(mrz.checks.values()) / max(len(mrz.checks), 1)
