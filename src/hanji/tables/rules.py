"""Ruling lines: find the printed horizontal and vertical lines of a page by morphology."""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Mask = npt.NDArray[np.uint8]
_BRIDGE = 9


@dataclass(frozen=True, slots=True)
class Rule:
    """One straight ruling line; ``pos`` is y for a horizontal rule and x for a vertical one."""

    horizontal: bool
    pos: float
    start: float
    end: float
    thickness: float

    @property
    def length(self) -> float:
        return self.end - self.start


def binarize(gray: npt.NDArray[np.uint8]) -> Mask:
    """Ink as 255 on 0; adaptive so that uneven lighting in photos does not swallow lines."""
    block = max(15, (min(gray.shape[:2]) // 60) | 1)
    ink = cv2.adaptiveThreshold(~gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, block, -10)
    return np.asarray(ink, dtype=np.uint8)


def erase_words(ink: Mask, boxes: list[tuple[float, float, float, float]]) -> Mask:
    """Blank the inside of word boxes: glyph strokes are the main source of false rules."""
    out = ink.copy()
    for left, top, right, bottom in boxes:
        m = 0.1 * (bottom - top)
        # OCR boxes stand taller than their glyphs (detectors pad them), so a row's rule can run
        # through a box's top or bottom fifth: only the middle is blanked.
        mv = 0.2 * (bottom - top)
        out[int(top + mv) : int(bottom - mv) + 1, int(left + m) : int(right - m) + 1] = 0
    return out


def line_masks(ink: Mask, text_height: float = 12.0) -> tuple[Mask, Mask]:
    """Keep only long horizontal / vertical runs of ink (text strokes are shorter than the kernel)."""
    w = ink.shape[1]
    hlen = max(25, w // 40, int(2 * text_height))
    vlen = max(15, int(1.3 * text_height))
    horiz = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (hlen, 1)))
    vert = cv2.morphologyEx(ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, vlen)))
    # Bridge small breaks (scan dropouts, dashed rules) so one rule stays one component.
    horiz = cv2.dilate(horiz, cv2.getStructuringElement(cv2.MORPH_RECT, (_BRIDGE, 1)))
    vert = cv2.dilate(vert, cv2.getStructuringElement(cv2.MORPH_RECT, (1, _BRIDGE)))
    return np.asarray(horiz, dtype=np.uint8), np.asarray(vert, dtype=np.uint8)


def _components(mask: Mask, horizontal: bool, min_length: int, max_thickness: float) -> list[Rule]:
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    rules = []
    for i in range(1, n):
        x, y, w, h, area = (int(v) for v in stats[i])
        length = w if horizontal else h
        if length < min_length:
            continue
        thickness = area / length  # not the bbox: a slightly skewed rule has a tall bbox
        if thickness > max_thickness:
            continue  # filled blocks (shaded headers, photos) are not rules
        # The bridging dilation grew each rule by _BRIDGE // 2 at both ends; take it back.
        g = _BRIDGE // 2
        if horizontal:
            rules.append(Rule(True, y + h / 2, float(x + g), float(x + w - g), thickness))
        else:
            rules.append(Rule(False, x + w / 2, float(y + g), float(y + h - g), thickness))
    return rules


def find_rules(ink: Mask, text_height: float = 12.0) -> tuple[list[Rule], list[Rule]]:
    """Horizontal and vertical rules of a binarized page, sorted by position.

    Args:
        ink: Binarized page, ink 255 (words already erased, ideally).
        text_height: Median word height in pixels; rules must be longer than glyph strokes.

    Returns:
        ``(horizontal, vertical)`` rules.
    """
    horiz, vert = line_masks(ink, text_height)
    h, w = ink.shape
    max_thick = max(6.0, min(h, w) / 120)
    hs = _components(horiz, True, max(30, w // 30, int(2.5 * text_height)), max_thick + 8)
    vs = _components(vert, False, max(15, int(1.5 * text_height)), max_thick + 8)
    return sorted(hs, key=lambda r: r.pos), sorted(vs, key=lambda r: r.pos)


def estimate_skew(ink: Mask) -> float:
    """Page skew in degrees (positive: clockwise in image coordinates) from its long horizontal rules.

    Returns 0.0 when the page has no long rules; the caller may then use the words' angles.
    """
    horiz, _ = line_masks(ink)
    w = ink.shape[1]
    n, labels, stats, _ = cv2.connectedComponentsWithStats(horiz, connectivity=8)
    angles: list[float] = []
    weights: list[float] = []
    for i in range(1, n):
        if stats[i, cv2.CC_STAT_WIDTH] < w // 5:
            continue
        ys, xs = np.nonzero(labels == i)
        slope = np.polyfit(xs.astype(np.float64), ys.astype(np.float64), 1)[0]
        angles.append(float(np.degrees(np.arctan(slope))))
        weights.append(float(stats[i, cv2.CC_STAT_WIDTH]))
    if not angles:
        return 0.0
    order = np.argsort(angles)
    cum = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(angles)[order][np.searchsorted(cum, cum[-1] / 2)])
