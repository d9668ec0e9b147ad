"""An engine composed of stages: photo flattening, a line detector, an orienter, routes, reading order.

The routes say which recogniser reads which lines: a *base* recogniser reads every line, and when
one of ``hangul_languages`` is requested a *Hangul* recogniser reads every line first, the base
recogniser then reading the stretches (and doubtful lines) it reads better; :mod:`merge` puts the
two together. A long page is judged on a sample of its lines first: when the base recogniser owns
the sample (an English page sent to a Korean domain), it reads the page and the Hangul recogniser
only the lines it could still win. Adding a recogniser is one backend class and one registry line;
a new route is data.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from hanji.core.geometry import Quad, split_quad
from hanji.core.result import Line, Page, Word
from hanji.engines.base import RgbImage, check_image
from hanji.engines.korean import repair_reading
from hanji.engines.merge import (
    LATIN_PAGE_SHARE,
    Segment,
    hangul_may_win,
    merge,
    needs_base,
    owns_line,
    segments,
    wants_whole_line,
)
from hanji.engines.options import OPTIONS
from hanji.engines.orientation import Orienter
from hanji.engines.photo import Flattened, flatten
from hanji.engines.reading_order import order_lines
from hanji.engines.stages import LineDetector, LineRecognizer, Reading
from hanji.engines.transform import line_crop, turn_clockwise, unturn_quad
from hanji.engines.word_spans import ink_columns, snap_to_ink

MIN_CONFIDENCE = 0.5
"""Below this a base reading is usually noise (rapidocr's own default ``text_score``)."""

SAMPLE_FROM = 24
"""On the Hangul route, a page of more lines than this is judged on a sample first: a page the base
reader owns (an English receipt in a Korean domain) is then read base-first, and the Hangul reader
reads only the lines it could still win, not every line before the base reader reads them all."""
SAMPLE_LINES = 12
"""Lines in that sample, spread over the page."""
LATIN_SAMPLE_SHARE = 2 / 3
"""A sample goes base-first only when the base reader owns this share of it (8 of 12 lines; SROIE
receipts sent as Korean 7-12, half-Korean half-English pages 6, Korean pages 0); a page in between
is read whole by the Hangul reader first, as a page of :data:`SAMPLE_FROM` lines or fewer is."""

HAN_DETECT_MAX_SIDE = 1760
"""Chinese pages: dense Han lines need the detector at full A4-150-dpi size (rendered/zh CER 0.020
at 1280 px, 0.018 at 1760 px; ja and en gain nothing, so they keep the default)."""


@dataclass(frozen=True)
class Routes:
    """Which recogniser (by registry name) reads which lines."""

    base: str
    """Reads every line (or, with a Hangul route, what the Hangul recogniser reads worse)."""
    hangul: str | None = None
    """Reads every line first when one of ``hangul_languages`` is requested."""
    hangul_beside_han: str | None = None
    """Reads every line first instead of ``hangul`` when Japanese or Chinese is requested too
    (None: ``hangul``). Hanji's Korean recogniser never saw kana or Han and reads them as confident
    Hangul, so beside them the Hangul route stays Tesseract, whose doubt lets PP-OCR have the line."""
    hangul_languages: frozenset[str] = field(default_factory=lambda: frozenset({"ko"}))


SMALL_TEXT_PX = 12.0
"""Median line height (detector quads, in the detector's input pixels) below which a page is
detected again at a size that brings its lines to :data:`TEXT_TARGET_PX`. A guard for dense small
print: at the default side every benchmark page (A4 at 150 dpi, receipts, phone photos) shows lines
of 16-37 px, so it never fired there, and DB still finds 5 px lines on clean pages."""
TEXT_TARGET_PX = 18.0
MAX_DETECT_SIDE = 2560


def detect_side(languages: Sequence[str]) -> int:
    """The detector's input size (longer side) for a page in ``languages``."""
    return HAN_DETECT_MAX_SIDE if any(code.startswith("zh") for code in languages) else OPTIONS.detector_side


def resized_side(found: Sequence[Quad], side: int, long_side: int) -> int | None:
    """A larger detector side when the lines ``found`` at ``side`` are too small to be sure of
    (see :data:`SMALL_TEXT_PX`); None when they are big enough or the page is already at full size."""
    if not found or long_side <= side:
        return None
    seen = float(np.median([q.height for q in found])) * side / long_side
    if seen >= SMALL_TEXT_PX:
        return None
    return min(long_side, MAX_DETECT_SIDE, int(side * TEXT_TARGET_PX / max(seen, 1.0)))


def spread(count: int, size: int) -> list[int]:
    """``size`` line indices spread evenly over ``count`` lines, first and last included."""
    if count <= size:
        return list(range(count))
    return sorted({round(i * (count - 1) / (size - 1)) for i in range(size)})


def segment_crop(crop: RgbImage, segment: Segment) -> RgbImage:
    w = crop.shape[1]
    x0 = max(0, int(segment.lo * w))
    x1 = min(w, max(x0 + 1, int(np.ceil(segment.hi * w))))
    return np.ascontiguousarray(crop[:, x0:x1])


def line_from_reading(quad: Quad, reading: Reading, engine: str) -> Line | None:
    """Place a reading's words on the page by their spans along the line's quad."""
    words = [w for w in reading.words if w.text.strip()]
    if not words:
        return None
    quads = split_quad(quad, [(w.start, max(w.end, w.start + 1e-3)) for w in words])
    return Line(
        tuple(Word(w.text, q, min(1.0, max(0.0, w.confidence))) for w, q in zip(words, quads, strict=True)),
        engine,
    )


class ComposedEngine:
    """Detector + orienter + routes + reading order (see the module docstring)."""

    def __init__(
        self,
        name: str,
        detector: LineDetector,
        orienter: Orienter,
        recognizers: dict[str, LineRecognizer],
        routes: Routes,
        *,
        photo_correction: bool = True,
        available: bool = True,
    ) -> None:
        self.name = name
        self.detector = detector
        self.orienter = orienter
        self.routes = routes
        self.base = recognizers[routes.base]
        self.hangul = recognizers[routes.hangul] if routes.hangul else None
        beside = routes.hangul_beside_han or routes.hangul
        self.hangul_beside_han = recognizers[beside] if beside else None
        self.photo_correction = photo_correction
        self._available = available

    def is_available(self) -> bool:
        return self._available

    def read(self, image: RgbImage, languages: Sequence[str]) -> Page:
        check_image(image)
        height, width = image.shape[:2]
        flat: Flattened | None = flatten(image) if self.photo_correction else None
        work = flat.image if flat is not None else image
        side = detect_side(languages)
        found = self.detector.detect(work, side)
        larger = resized_side(found, side, max(work.shape[:2]))
        if larger is not None:
            side = larger
            found = self.detector.detect(work, side)
        rotation = self.orienter.rotation(work, languages, found)
        upright = turn_clockwise(work, rotation)
        if rotation:
            found = self.detector.detect(upright, side)
        lines = self.read_lines(upright, found, languages)
        wh, ww = work.shape[:2]

        def back(quad: Quad) -> Quad:
            quad = unturn_quad(quad, rotation, ww, wh)
            return flat.quad_to_photo(quad) if flat is not None else quad

        if rotation or flat is not None:
            lines = [
                Line(tuple(Word(w.text, back(w.quad), w.confidence) for w in ln.words), ln.engine)
                for ln in lines
            ]
        return Page(index=0, width=width, height=height, lines=tuple(lines), rotation=rotation)

    def read_lines(self, image: RgbImage, found: Sequence[Quad], languages: Sequence[str]) -> list[Line]:
        """Read the lines ``found`` on an upright ``image``, in reading order."""
        crops = [line_crop(image, q) for q in found]
        hangul = (
            self.hangul if self.hangul is not None and self.routes.hangul_languages & set(languages) else None
        )
        if hangul is None:
            readings = [snap_to_ink(r, c) for r, c in zip(self.base.recognize(crops), crops, strict=True)]
            out = [
                line_from_reading(q, r, self.base.name) if r.confidence >= MIN_CONFIDENCE else None
                for q, r in zip(found, readings, strict=True)
            ]
        else:
            han_expected = any(code in ("ja", "zh-TW", "zh-CN") for code in languages)
            if han_expected and self.hangul_beside_han is not None:
                hangul = self.hangul_beside_han
            readings = self._read_hangul(crops, hangul, han_expected=han_expected)
            out = [
                line_from_reading(q, r, r.recognizer or self.name)
                for q, r in zip(found, readings, strict=True)
            ]
        return order_lines([ln for ln in out if ln is not None])

    @staticmethod
    def _owned(
        first: dict[int, Reading], whole: dict[int, Reading], *, latin_page: bool, han_expected: bool
    ) -> dict[int, Reading]:
        """The lines whose whole-line base reading wins over the Hangul reading."""
        out: dict[int, Reading] = {}
        for k, reading in whole.items():
            if owns_line(first[k], reading, latin_page=latin_page, han_expected=han_expected):
                out[k] = reading if reading.confidence >= MIN_CONFIDENCE or not first[k].words else first[k]
        return out

    def _doubted(
        self, first: dict[int, Reading], crops: Sequence[RgbImage], *, han_expected: bool
    ) -> dict[int, Reading]:
        """The base reader's whole-line readings of the lines the Hangul reader doubted."""
        doubtful = [k for k, r in first.items() if needs_base(r) and wants_whole_line(r, han_expected)]
        return dict(zip(doubtful, self.base.recognize([crops[k] for k in doubtful]), strict=True))

    def _read_hangul(
        self, crops: Sequence[RgbImage], hangul: LineRecognizer, *, han_expected: bool
    ) -> list[Reading]:
        count = len(crops)
        sample = spread(count, SAMPLE_LINES) if count > SAMPLE_FROM else list(range(count))
        first = dict(zip(sample, hangul.recognize([crops[k] for k in sample]), strict=True))
        whole = self._doubted(first, crops, han_expected=han_expected)
        out = self._owned(first, whole, latin_page=False, han_expected=han_expected)
        if len(sample) < count:
            if len(out) >= LATIN_SAMPLE_SHARE * len(sample):
                return self._read_latin_page(crops, hangul, first, whole, han_expected=han_expected)
            rest = [k for k in range(count) if k not in first]
            first.update(zip(rest, hangul.recognize([crops[k] for k in rest]), strict=True))
            whole.update(self._doubted({k: first[k] for k in rest}, crops, han_expected=han_expected))
            out = self._owned(first, whole, latin_page=False, han_expected=han_expected)
        if first and len(out) >= LATIN_PAGE_SHARE * len(first):
            # Mostly not Korean: every line gets the base reader's look, and keeps Hangul only on
            # strong evidence (an English receipt sent to a Korean domain reads as in English).
            rest = [k for k in range(count) if k not in whole]
            whole.update(zip(rest, self.base.recognize([crops[k] for k in rest]), strict=True))
            out = self._owned(first, whole, latin_page=True, han_expected=han_expected)
        return self._finish(crops, first, out)

    def _read_latin_page(
        self,
        crops: Sequence[RgbImage],
        hangul: LineRecognizer,
        first: dict[int, Reading],
        whole: dict[int, Reading],
        *,
        han_expected: bool,
    ) -> list[Reading]:
        """A page whose sample is the base reader's: it reads every line, and the Hangul reader only
        the lines it could still win (:func:`hangul_may_win`), not the whole page first."""
        rest = [k for k in range(len(crops)) if k not in whole]
        whole.update(zip(rest, self.base.recognize([crops[k] for k in rest]), strict=True))
        unsure = [
            k
            for k in rest
            if k not in first and hangul_may_win(whole[k], ink_columns(crops[k]), crops[k].shape[0])
        ]
        first.update(zip(unsure, hangul.recognize([crops[k] for k in unsure]), strict=True))
        read_twice = {k: r for k, r in whole.items() if k in first}
        out = self._owned(first, read_twice, latin_page=True, han_expected=han_expected)
        out.update((k, r) for k, r in whole.items() if k not in first)
        return self._finish(crops, first, out)

    def _finish(
        self, crops: Sequence[RgbImage], first: dict[int, Reading], out: dict[int, Reading]
    ) -> list[Reading]:
        """Each line's reading: the base reader's where it owns the line (``out``), else the Hangul
        reading with its non-Hangul stretches re-read by the base reader, cut out."""
        jobs: list[tuple[int, Segment, RgbImage]] = []
        for k in sorted(first):
            reading = first[k]
            if k in out or not needs_base(reading):
                continue
            aspect = crops[k].shape[1] / max(crops[k].shape[0], 1)
            jobs.extend((k, s, segment_crop(crops[k], s)) for s in segments(reading, aspect))
        parts: dict[int, list[tuple[Segment, Reading]]] = {}
        for (k, segment, _), reading in zip(jobs, self.base.recognize([c for _, _, c in jobs]), strict=True):
            parts.setdefault(k, []).append((segment, reading))
        out = {k: snap_to_ink(r, crops[k]) for k, r in out.items()}
        merged = [out.get(k) or merge(first[k], parts.get(k, [])) for k in range(len(crops))]
        return [repair_reading(r) if r.words else r for r in merged]
