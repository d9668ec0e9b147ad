"""Page orientation (0/90/180/270): PP-OCR's detector for sideways, a classifier for upside down.

Measured on every ``data/rendered`` language and SROIE receipts turned 0/90/180/270 (see
``benchmarks/RESULTS.md``): the shape of detected lines (wide vs tall) tells upright from sideways
without fail and nearly for free. Upside down is told by PP-OCR's 0/180 line classifier, which is
right on Latin, Han and kana but systematically wrong on Hangul; for Korean pages Tesseract
``kor`` reads the three longest lines both ways and the more confident way wins (Tesseract OSD
was measured too: it turned upright Korean and receipt pages upside down).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from hanji.core.geometry import Box, Point, Quad
from hanji.core.result import Line, Page, Word
from hanji.engines.base import RgbImage
from hanji.engines.transform import crop_quad, downscale, turn_clockwise, unturn_quad

PROBE_MAX_SIDE = 640
"""Orientation needs only the big lines: a cheap low-resolution detector pass is enough."""

PROBE_LINES = 12


def detect_rotation(
    image: RgbImage, languages: Sequence[str] = (), found: Sequence[Quad] | None = None
) -> int:
    """Return the clockwise turn (0/90/180/270) that makes ``image`` read upright.

    Args:
        image: RGB page.
        languages: Requested languages; with ``"ko"`` Tesseract decides upright vs upside down.
        found: Text lines already detected on ``image`` (its pixels); None runs a small detector pass.
    """
    if found is None:
        from hanji.engines.ppocr import ppocr_models, to_bgr

        small, scale = downscale(image, PROBE_MAX_SIDE)
        boxes = [q.bbox for q, _ in ppocr_models().detect(to_bgr(small))]
        height = small.shape[0]
    else:
        boxes, scale, height = [q.bbox for q in found], 1.0, image.shape[0]
    if not boxes:
        return 0
    wide = sum(b.width >= 1.5 * b.height for b in boxes)
    tall = sum(b.height >= 1.5 * b.width for b in boxes)
    # Sideways text shows as tall boxes; turning 90° clockwise makes them lines again.
    base = 90 if tall > wide else 0
    if base:
        h = height
        boxes = [Box.enclosing([Point(h - b.bottom, b.left), Point(h - b.top, b.right)]) for b in boxes]
    boxes = sorted((b for b in boxes if b.width >= 1.5 * b.height), key=lambda b: b.width, reverse=True)
    upright = turn_clockwise(image, base)
    # Crops come from the full-size page: on a shrunk large scan, receipt text is too small to judge.
    crops = [crop_quad(upright, _zoom(b, 1 / scale).to_quad()) for b in boxes[:PROBE_LINES]]
    if not crops:
        return base
    undecided = crops
    if "ko" in languages:
        hangul = _vote_hangul_lines(crops[:HANGUL_PROBE_LINES])
        if hangul.votes:
            return (base + 180) % 360 if hangul.votes < 0 else base
        undecided = hangul.undecided
    return (base + 180) % 360 if _classifier_says_upside_down(undecided) else base


def _classifier_says_upside_down(crops: Sequence[RgbImage]) -> bool:
    """PP-OCR's 0/180 classifier, asked both ways (on receipts its score hovers near 0.5 either way)."""
    from hanji.engines.ppocr import ppocr_models, to_bgr

    if not crops:
        return False
    models = ppocr_models()
    bgr = [to_bgr(c) for c in crops]
    flipped = float(np.mean(models.upside_down(bgr)))
    turned = float(np.mean(models.upside_down([np.ascontiguousarray(c[::-1, ::-1]) for c in bgr])))
    return flipped > turned


def read_upright(
    image: RgbImage,
    languages: Sequence[str],
    read: Callable[[RgbImage, list[Quad] | None], list[Line]],
    detect: Callable[[RgbImage], list[Quad]] | None = None,
) -> Page:
    """Turn ``image`` upright, read it with ``read``, and report boxes in the original's pixels.

    Args:
        image: The page as given (RGB).
        languages: Requested languages (they pick the upside-down test).
        read: Reads an upright RGB image into ordered lines (quads in that image's pixels); its
            second argument is the lines already detected on that image, or None.
        detect: The engine's line detector. When given, its pass over the page as given is also the
            orientation probe, and on an upright page (most pages) ``read`` gets it instead of
            detecting again: one detector pass per page instead of a probe pass plus a full one.

    Returns:
        A page the size of ``image`` with ``rotation`` set to the turn applied.
    """
    height, width = image.shape[:2]
    found = detect(image) if detect is not None else None
    rotation = detect_rotation(image, languages, found)
    lines = read(turn_clockwise(image, rotation), found if rotation == 0 else None)
    if rotation:
        lines = [
            Line(
                tuple(
                    Word(w.text, unturn_quad(w.quad, rotation, width, height), w.confidence) for w in ln.words
                ),
                ln.engine,
            )
            for ln in lines
        ]
    return Page(index=0, width=width, height=height, lines=tuple(lines), rotation=rotation)


HANGUL_PROBE_LINES = 5
HANGUL_SURE = 0.6
"""Tesseract ``kor`` reads a Korean line at >= 0.86 confidence the right way up, but Japanese or
Chinese lines at <= 0.54 either way, so below this it has no say (mixed ko+ja pages)."""


@dataclass(frozen=True)
class _HangulVotes:
    votes: int
    """Lines Tesseract read as Korean upright minus those it read as Korean upside down."""
    undecided: list[RgbImage]
    """Lines that are not confidently Korean either way: the classifier judges these."""


def _vote_hangul_lines(crops: Sequence[RgbImage]) -> _HangulVotes:
    """PP-OCR's classifier is wrong on Hangul, so Korean lines vote by Tesseract confidence."""
    from hanji.engines.tesseract import read_lines

    votes = 0
    undecided: list[RgbImage] = []
    flipped = [np.ascontiguousarray(crop[::-1, ::-1]) for crop in crops]
    reads = [_mean_confidence(words) for words in read_lines([*crops, *flipped], "kor")]
    for crop, ahead, behind in zip(crops, reads[: len(crops)], reads[len(crops) :], strict=True):
        if max(ahead, behind) >= HANGUL_SURE:
            votes += 1 if ahead >= behind else -1
        else:
            undecided.append(crop)
    return _HangulVotes(votes, undecided)


def _mean_confidence(words: list[tuple[str, float, float, float]]) -> float:
    return sum(w[1] for w in words) / len(words) if words else 0.0


def _zoom(box: Box, factor: float) -> Box:
    return Box(box.left * factor, box.top * factor, box.right * factor, box.bottom * factor)
