"""Tesseract 5 through ``tesserocr``: whole pages, or single line crops for the hybrid engine.

One ``PyTessBaseAPI`` per language set per process (loading ``kor`` or ``jpn`` takes ~0.3 s), plus
one more per extra core for reading line crops side by side: Tesseract releases the GIL while it
recognises, so :func:`read_lines` on 2 cores reads a Korean page's lines in about half the time.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import queue
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from typing import Any

import cv2
import numpy as np

from hanji.core.errors import OcrServiceError
from hanji.core.geometry import Box, Quad, split_quad
from hanji.core.result import Line, Page, Word
from hanji.engines.base import RgbImage, check_image
from hanji.engines.orientation import read_upright
from hanji.engines.reading_order import order_lines
from hanji.engines.scripts import tesseract_lang_string

TESSDATA = os.environ.get("HANJI_TESSDATA", "/usr/share/tesseract-ocr/5/tessdata")
"""Debian's language packs; tesserocr's bundled Tesseract has no data of its own."""

LINE_HEIGHT = 40
"""Line crops are scaled to about this height: Tesseract reads best near 30 px x-height."""


LINE_THREADS = max(1, min(2, os.cpu_count() or 1))
"""Line crops read side by side (one Tesseract instance and one core each)."""


@functools.cache
def tesseract_api(lang: str) -> Any:
    """The process-wide ``PyTessBaseAPI`` for a Tesseract ``lang`` string such as ``kor+eng``."""
    return _new_api(lang)


def _new_api(lang: str) -> Any:
    try:
        import tesserocr
    except ImportError as exc:  # pragma: no cover - packaging problem
        raise OcrServiceError("tesserocr is not installed.") from exc
    try:
        return tesserocr.PyTessBaseAPI(path=TESSDATA, lang=lang)
    except RuntimeError as exc:
        raise OcrServiceError(f"Tesseract could not load {lang!r} from {TESSDATA}.") from exc


def _text(result: Any, level: int) -> str:
    try:
        return str(result.GetUTF8Text(level) or "").strip()
    except RuntimeError:  # tesserocr raises on an empty word instead of returning ""
        return ""


def _set_image(api: Any, image: RgbImage) -> None:
    h, w = image.shape[:2]
    api.SetImageBytes(np.ascontiguousarray(image).tobytes(), w, h, 3, 3 * w)


@functools.cache
def _line_apis(lang: str) -> queue.SimpleQueue[Any]:
    """Instances free to read a line: the process-wide one plus one per extra line thread."""
    apis: queue.SimpleQueue[Any] = queue.SimpleQueue()
    apis.put(tesseract_api(lang))
    for _ in range(LINE_THREADS - 1):
        apis.put(_new_api(lang))
    return apis


@contextmanager
def _borrowed_api(lang: str) -> Iterator[Any]:
    apis = _line_apis(lang)
    api = apis.get()
    try:
        yield api
    finally:
        apis.put(api)


_executors: dict[int, ThreadPoolExecutor] = {}


def _line_executor() -> ThreadPoolExecutor:
    # Keyed by process id: a forked worker must not inherit the parent's (threadless) pool.
    pid = os.getpid()
    if pid not in _executors:
        _executors[pid] = ThreadPoolExecutor(LINE_THREADS, thread_name_prefix="hanji-tesseract")
    return _executors[pid]


def read_lines(crops: Sequence[RgbImage], lang: str) -> list[list[tuple[str, float, float, float]]]:
    """Read straightened line crops, side by side on :data:`LINE_THREADS` threads; see :func:`read_line`."""
    if LINE_THREADS == 1 or len(crops) < 2:
        return [read_line(crop, lang) for crop in crops]
    return list(_line_executor().map(lambda crop: read_line(crop, lang), crops))


def read_line(crop: RgbImage, lang: str) -> list[tuple[str, float, float, float]]:
    """Read one straightened line crop.

    Returns:
        ``(text, confidence 0..1, start, end)`` per word, ``start``/``end`` as fractions of the
        crop's width, left to right.
    """
    with _borrowed_api(lang) as api:
        return _read_line_with(api, crop)


def _read_line_with(api: Any, crop: RgbImage) -> list[tuple[str, float, float, float]]:
    import tesserocr

    h, w = crop.shape[:2]
    scale = LINE_HEIGHT / h
    img = cv2.resize(crop, (max(1, round(w * scale)), LINE_HEIGHT), interpolation=cv2.INTER_CUBIC)
    pad = LINE_HEIGHT // 2
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
    _set_image(api, np.asarray(img, dtype=np.uint8))
    api.Recognize()
    words: list[tuple[str, float, float, float]] = []
    level = tesserocr.RIL.WORD
    width = img.shape[1] - 2 * pad
    for r in tesserocr.iterate_level(api.GetIterator(), level):
        text = _text(r, level)
        box = r.BoundingBox(level)
        if not text or box is None:
            continue
        start = min(max((box[0] - pad) / width, 0.0), 1.0)
        end = min(max((box[2] - pad) / width, start), 1.0)
        words.append((text, r.Confidence(level) / 100.0, start, end))
    return words


def line_from_words(quad: Quad, words: list[tuple[str, float, float, float]], engine: str) -> Line | None:
    """Place words read from a crop of ``quad`` back onto the page by their horizontal spans."""
    if not words:
        return None
    quads = split_quad(quad, [(s, e) for _, _, s, e in words])
    return Line(
        tuple(Word(t, q, min(1.0, max(0.0, c))) for (t, c, _, _), q in zip(words, quads, strict=True)), engine
    )


class TesseractEngine:
    """Tesseract's own layout analysis and recognition over the whole page."""

    name = "tesseract"

    def is_available(self) -> bool:
        return importlib.util.find_spec("tesserocr") is not None and os.path.isdir(TESSDATA)

    def read(self, image: RgbImage, languages: Sequence[str]) -> Page:
        check_image(image)
        lang = tesseract_lang_string(languages)
        return read_upright(image, languages, lambda upright, _found: self._read_page(upright, lang))

    def _read_page(self, image: RgbImage, lang: str) -> list[Line]:
        import tesserocr

        api = tesseract_api(lang)
        api.SetPageSegMode(tesserocr.PSM.AUTO)
        _set_image(api, image)
        api.Recognize()
        lines: list[list[Word]] = []
        level = tesserocr.RIL.WORD
        for r in tesserocr.iterate_level(api.GetIterator(), level):
            text = _text(r, level)
            box = r.BoundingBox(level)
            starts_line = r.IsAtBeginningOf(tesserocr.RIL.TEXTLINE)
            if not text or box is None:
                continue
            word = Word(
                text, Box(*map(float, box)).to_quad(), min(1.0, max(0.0, r.Confidence(level) / 100.0))
            )
            if starts_line or not lines:
                lines.append([word])
            else:
                lines[-1].append(word)
        return order_lines([Line(tuple(ws), self.name) for ws in lines])


def osd_rotation(image: RgbImage) -> int | None:
    """Tesseract OSD's clockwise turn (0/90/180/270) for ``image``, or None when it cannot tell."""
    import tesserocr

    api = tesseract_api("osd")
    api.SetPageSegMode(tesserocr.PSM.OSD_ONLY)
    _set_image(api, image)
    found = api.DetectOrientationScript()
    if not found:
        return None
    # OSD reports the page's counter-clockwise rotation; undoing it is the clockwise turn.
    return (360 - int(found["orient_deg"])) % 360
