"""Tesseract 5 through ``tesserocr``: line crops (a recogniser stage) and whole pages.

One ``PyTessBaseAPI`` per language set per process (loading ``kor`` or ``jpn`` takes ~0.3 s), plus
one more per extra core for reading line crops side by side: Tesseract releases the GIL while it
recognises, so a Korean page's lines are read on 2 cores in about half the time.
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
from hanji.core.geometry import Box
from hanji.core.result import Line, Word
from hanji.engines.base import RgbImage
from hanji.engines.options import OPTIONS
from hanji.engines.stages import Glyph, Reading, SpanWord

LINE_HEIGHT = 40
"""Line crops are scaled to about this height: Tesseract reads best near 30 px x-height."""

LINE_THREADS = max(1, min(2, os.cpu_count() or 1))
"""Line crops read side by side (one Tesseract instance and one core each)."""


def tesseract_installed() -> bool:
    return importlib.util.find_spec("tesserocr") is not None and os.path.isdir(OPTIONS.tessdata)


def has_traineddata(pack: str) -> bool:
    """Whether Tesseract's data for ``pack`` (``kor``, ``Hangul``, ...) is installed."""
    return os.path.isfile(os.path.join(OPTIONS.tessdata, f"{pack}.traineddata"))


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
        return tesserocr.PyTessBaseAPI(path=OPTIONS.tessdata, lang=lang)
    except RuntimeError as exc:
        raise OcrServiceError(f"Tesseract could not load {lang!r} from {OPTIONS.tessdata}.") from exc


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


def pad_colour(crop: RgbImage) -> tuple[int, int, int]:
    """The crop's background colour: the median of its border pixels (text rarely touches all four)."""
    border = np.concatenate([crop[0], crop[-1], crop[:, 0], crop[:, -1]])
    med = np.median(border, axis=0)
    return (int(med[0]), int(med[1]), int(med[2]))


def read_line(api: Any, crop: RgbImage) -> Reading:
    """Read one straightened line crop with ``api``: words, and each character's box.

    Words are Tesseract's words joined where it put no blank before them: ``kor`` cuts a Korean
    word into syllables (~10 "words" per line against 4.7 real ones), but its blanks are right.
    """
    import tesserocr

    h, w = crop.shape[:2]
    scale = LINE_HEIGHT / h
    img = cv2.resize(crop, (max(1, round(w * scale)), LINE_HEIGHT), interpolation=cv2.INTER_CUBIC)
    # A constant background pad: replicating the edge smears noisy photo crops into streaks
    # that Tesseract reads as letters (photo-like line CER 0.39 vs 0.09).
    pad = LINE_HEIGHT // 2
    img = cv2.copyMakeBorder(img, pad, pad, pad, pad, cv2.BORDER_CONSTANT, value=pad_colour(crop))
    api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE)
    _set_image(api, np.asarray(img, dtype=np.uint8))
    api.Recognize()
    width = img.shape[1] - 2 * pad

    def span(box: tuple[int, int, int, int]) -> tuple[float, float]:
        start = min(max((box[0] - pad) / width, 0.0), 1.0)
        return start, min(max((box[2] - pad) / width, start), 1.0)

    words: list[list[Glyph]] = []
    confidences: list[float] = []
    symbol, word = tesserocr.RIL.SYMBOL, tesserocr.RIL.WORD
    for r in tesserocr.iterate_level(api.GetIterator(), symbol):
        text = _text(r, symbol)
        box = r.BoundingBox(symbol)
        if not text or box is None:
            continue
        conf = min(1.0, max(0.0, r.Confidence(symbol) / 100.0))
        glyph = Glyph(text, conf, *span(box))
        if r.IsAtBeginningOf(word) and (not words or r.BlanksBeforeWord() > 0):
            words.append([glyph])
            confidences.append(min(1.0, max(0.0, r.Confidence(word) / 100.0)))
        elif words:
            words[-1].append(glyph)
            if r.IsAtBeginningOf(word):  # a syllable Tesseract split off: the joined word's weakest part
                confidences[-1] = min(confidences[-1], r.Confidence(word) / 100.0)
        else:
            words.append([glyph])
            confidences.append(conf)
    spans = tuple(
        SpanWord("".join(g.char for g in gs), c, gs[0].start, gs[-1].end)
        for gs, c in zip(words, confidences, strict=True)
    )
    return Reading(spans, tuple(g for gs in words for g in gs), "tesseract")


class TesseractLineRecognizer:
    """Tesseract on single line crops, for one ``lang`` string (``kor``, ``kor+Hangul``, ...)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.name = f"tesseract-{lang}"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        def one(crop: RgbImage) -> Reading:
            with _borrowed_api(self.lang) as api:
                return read_line(api, crop)

        if LINE_THREADS == 1 or len(crops) < 2:
            return [one(c) for c in crops]
        return list(_line_executor().map(one, crops))


def read_page(image: RgbImage, lang: str) -> list[Line]:
    """Tesseract's own layout analysis and recognition over a whole page (lines in its order)."""
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
        word = Word(text, Box(*map(float, box)).to_quad(), min(1.0, max(0.0, r.Confidence(level) / 100.0)))
        if starts_line or not lines:
            lines.append([word])
        else:
            lines[-1].append(word)
    return [Line(tuple(ws), "tesseract") for ws in lines]


@functools.cache
def _alphabet_api(lang: str, alphabet: str) -> Any:
    if not alphabet:
        return tesseract_api(lang)  # no whitelist: the process-wide instance will do
    api = _new_api(lang)
    api.SetVariable("tessedit_char_whitelist", alphabet)
    return api


def read_page_lines(
    image: RgbImage, lang: str, alphabet: str | None = None, *, single_line: bool = False
) -> list[tuple[str, float, Box]]:
    """Tesseract's text lines of an image, optionally limited to the characters of ``alphabet``;
    with ``single_line`` the image is one line (a form's box: even a lone digit is read)."""
    import tesserocr

    api = _alphabet_api(lang, alphabet or "")
    api.SetPageSegMode(tesserocr.PSM.SINGLE_LINE if single_line else tesserocr.PSM.AUTO)
    _set_image(api, image)
    api.Recognize()
    out: list[tuple[str, float, Box]] = []
    level = tesserocr.RIL.TEXTLINE
    for r in tesserocr.iterate_level(api.GetIterator(), level):
        text = _text(r, level)
        box = r.BoundingBox(level)
        if text and box is not None:
            out.append((text, min(1.0, max(0.0, r.Confidence(level) / 100.0)), Box(*map(float, box))))
    return out
