"""Read the MRZ band of an image: the page's reader finds the band, then reads the upscaled crop.

The band is found by a reading limited to the MRZ alphabet (the long ``<``-filled lines stand
out); the crop is then read twice, by the general line reader (PP-OCR reads the OCR-B glyphs far
better than Tesseract's ``eng`` model, whose LSTM keeps reading ``<`` as ``K``) and by the
alphabet-limited one, and the reading that passes most check digits wins. Both come from the
engines through :class:`~hanji.core.text_reader.TextReader`.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from hanji.core.text_reader import TextReader
from hanji.documents.mrz import Mrz, find_mrz_lines, normalize_line, parse_mrz

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
LineReader = Callable[[np.ndarray], list[str]]


def line_readers(reader: TextReader) -> tuple[LineReader, LineReader]:
    """The general reading, then the MRZ-alphabet one, each as one string per line, top to bottom."""
    return (
        lambda gray: [line.text for line in reader.read_lines(gray)],
        lambda gray: [line.text for line in reader.read_lines(gray, MRZ_ALPHABET)],
    )


def _to_gray(image: np.ndarray) -> np.ndarray:
    import cv2

    gray = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    scale = max(1.0, 1000 / gray.shape[1])
    return cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC) if scale > 1 else gray


def locate_band(gray: np.ndarray, reader: TextReader) -> tuple[int, int, int, int] | None:
    """Pixel box (x0, y0, x1, y1) around the MRZ lines found, padded by a line or so."""
    boxes = []
    for line in reader.read_lines(gray, MRZ_ALPHABET):
        text = normalize_line(line.text)
        if len(text) >= 26 and text.count("<") >= 2:
            b = line.box
            boxes.append((int(b.left), int(b.top), int(b.right), int(b.bottom)))
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


def read_mrz(image: np.ndarray, reader: TextReader) -> Mrz | None:
    """Find and parse the MRZ of ``image`` (RGB or grey); the reading that passes most checks wins."""
    import cv2

    gray = _to_gray(image)
    band = locate_band(gray, reader)
    crops = [gray]
    if band is not None:
        x0, y0, x1, y1 = band
        crop = gray[y0:y1, x0:x1]
        # PP-OCR's recogniser likes glyphs ~30–40 px high; MRZ bands are often smaller.
        scale = max(1.0, 1200 / max(crop.shape[1], 1))
        crops.insert(0, cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC))
    best: Mrz | None = None
    for read_lines in line_readers(reader):
        for crop in crops:
            mrz = parse_mrz(find_mrz_lines(read_lines(crop)))
            if mrz is not None and (best is None or _score(mrz) > _score(best)):
                best = mrz
            if best is not None and best.valid:
                return best
    return best


def _score(mrz: Mrz) -> float:
    return sum(mrz.checks.values()) / max(len(mrz.checks), 1)
