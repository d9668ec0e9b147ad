"""The outline of a card photographed on a background (``idCard.rois``), by contour detection."""

from __future__ import annotations

import numpy as np

from hanji.core.geometry import Point, Quad
from hanji.core.result import Page

_MIN_SHARE = 0.15  # a card smaller than this share of the photo is a sticker or a photo box
_MAX_SHARE = 0.97  # a "contour" as large as the image is the image border itself


def _clockwise(points: np.ndarray) -> Quad:
    """Four points ordered top-left, top-right, bottom-right, bottom-left."""
    pts = points.reshape(4, 2).astype(float)
    s, d = pts.sum(axis=1), np.diff(pts, axis=1).ravel()
    tl, br, tr, bl = pts[np.argmin(s)], pts[np.argmax(s)], pts[np.argmin(d)], pts[np.argmax(d)]
    return Quad(tuple(Point(float(p[0]), float(p[1])) for p in (tl, tr, br, bl)))  # type: ignore[arg-type]


def card_outline(image: np.ndarray) -> Quad | None:
    """The largest four-sided bright region of ``image`` (BGR/RGB or grey), or None when there is none.

    A card is lighter than the desk or hand around it, so Otsu's threshold separates them; the
    biggest external contour, simplified to four corners, is the card.
    """
    import cv2

    grey = image if image.ndim == 2 else cv2.cvtColor(image, cv2.COLOR_RGB2GRAY)
    grey = cv2.GaussianBlur(grey, (5, 5), 0)
    _, mask = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    biggest = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(biggest)
    total = grey.shape[0] * grey.shape[1]
    if not _MIN_SHARE * total <= area <= _MAX_SHARE * total:
        return None
    approx = cv2.approxPolyDP(biggest, 0.02 * cv2.arcLength(biggest, True), True)
    if len(approx) != 4:
        # Rounded or partly shadowed corners: the tightest rotated rectangle still frames the card.
        approx = cv2.boxPoints(cv2.minAreaRect(biggest))
    return _clockwise(np.asarray(approx))


def text_outline(page: Page) -> Quad | None:
    """The box around all words (the fallback outline when no card edge is visible)."""
    words = page.words
    if not words:
        return None
    box = words[0].quad.bbox
    for w in words[1:]:
        box = box.union(w.quad.bbox)
    return box.to_quad()
