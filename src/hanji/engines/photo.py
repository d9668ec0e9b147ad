"""Phone photos of pages: find the page's outline, undo the perspective, even out the light.

Only a page that is visibly a photo is touched: its outline must be a convex quadrilateral that
stands out from a background around it. Flat scans (the page is the whole image) pass unchanged,
at the cost of one edge pass on a small copy.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from hanji.core.geometry import Point, Quad
from hanji.engines.base import RgbImage

PROBE_SIDE = 720
"""The outline is looked for on a copy this size (edges of a page need no detail)."""
MIN_PAGE_SHARE = 0.2
MAX_PAGE_SHARE = 0.92
"""A page outline covers at least this share of the photo, and leaves some background around it."""
BORDER_SHARE = 0.01
"""Every corner of the outline lies at least this share of the photo's side inside the photo."""
MAX_OUTSIDE_INK = 0.02
"""Share of ink-like pixels allowed outside the outline (desk texture yes, text no)."""
MIN_CONTRAST = 25.0
"""The page must be this much brighter (grey levels) than the background just outside it."""


@dataclass(frozen=True)
class Flattened:
    """A photo turned into a flat page, and the map back to the photo's pixels."""

    image: RgbImage
    to_photo: np.ndarray
    """3x3 homography from the flat page's pixels to the photo's."""

    def quad_to_photo(self, quad: Quad) -> Quad:
        pts = np.array([[p.x, p.y] for p in quad.points], np.float64).reshape(-1, 1, 2)
        out = cv2.perspectiveTransform(pts, self.to_photo).reshape(-1, 2)
        a, b, c, d = (Point(float(x), float(y)) for x, y in out)
        return Quad((a, b, c, d))


def find_page(image: RgbImage) -> np.ndarray | None:
    """The page's four corners (clockwise from the top-left, photo pixels), or None for no outline."""
    h, w = image.shape[:2]
    scale = min(1.0, PROBE_SIDE / max(h, w))
    small = cv2.resize(
        image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    gray = cv2.cvtColor(small, cv2.COLOR_RGB2GRAY)
    gray = cv2.GaussianBlur(gray, (5, 5), 0)
    _, mask = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((15, 15), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    if not contours:
        return None
    contour = max(contours, key=cv2.contourArea)
    area = cv2.contourArea(contour)
    share = area / float(gray.shape[0] * gray.shape[1])
    if not MIN_PAGE_SHARE <= share <= MAX_PAGE_SHARE:
        return None
    hull = cv2.convexHull(contour)
    corners = None
    for eps in (0.01, 0.02, 0.03, 0.05):
        approx = cv2.approxPolyDP(hull, eps * cv2.arcLength(hull, True), True)
        if len(approx) == 4:
            corners = approx.reshape(4, 2).astype(np.float64)
            break
    if corners is None or cv2.contourArea(corners.astype(np.float32)) < 0.85 * area:
        return None
    sh, sw = gray.shape[:2]
    edge = BORDER_SHARE * max(sh, sw)
    if corners[:, 0].min() < edge or corners[:, 1].min() < edge:
        return None  # the page runs off the photo: no full outline to trust
    if corners[:, 0].max() > sw - edge or corners[:, 1].max() > sh - edge:
        return None
    outline = np.zeros_like(mask)
    cv2.fillConvexPoly(outline, corners.astype(np.int32), 255)
    ink = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 25, 15)
    # The page's own edge reads as ink just outside it: look beyond a band around the outline.
    band = cv2.dilate(outline, np.ones((21, 21), np.uint8))
    outside_ink = float((ink[band == 0] > 0).mean()) if (band == 0).any() else 0.0
    if outside_ink > MAX_OUTSIDE_INK:
        return None  # text outside the outline: it is not the page's edge
    inside = float(gray[mask > 0].mean())
    outside = float(gray[mask == 0].mean()) if (mask == 0).any() else inside
    if inside - outside < MIN_CONTRAST:
        return None
    return _clockwise(corners / scale)


def flatten(image: RgbImage) -> Flattened | None:
    """The page of a phone photo, its perspective undone and its light evened out; None for a scan."""
    corners = find_page(image)
    if corners is None:
        return None
    tl, tr, br, bl = corners
    width = round(max(np.linalg.norm(tr - tl), np.linalg.norm(br - bl)))
    height = round(max(np.linalg.norm(bl - tl), np.linalg.norm(br - tr)))
    if width < 64 or height < 64:
        return None
    target = np.array([[0, 0], [width, 0], [width, height], [0, height]], np.float64)
    to_flat = cv2.getPerspectiveTransform(corners.astype(np.float32), target.astype(np.float32))
    flat = cv2.warpPerspective(
        image, to_flat, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
    )
    return Flattened(even_light(np.asarray(flat, np.uint8)), np.linalg.inv(to_flat))


def even_light(image: RgbImage) -> RgbImage:
    """Divide out the page's slowly varying brightness (light gradients, soft shadows)."""
    h, w = image.shape[:2]
    k = max(15, (min(h, w) // 40) | 1)
    small = cv2.resize(image, (max(1, w // 4), max(1, h // 4)), interpolation=cv2.INTER_AREA)
    # Text is dark and thin: a grey closing wipes it out and leaves the paper's light.
    paper = cv2.morphologyEx(
        small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (k // 4 * 2 + 1,) * 2)
    )
    paper = cv2.GaussianBlur(paper, (0, 0), k / 4)
    paper = cv2.resize(paper, (w, h), interpolation=cv2.INTER_LINEAR).astype(np.float32)
    level = float(np.percentile(paper, 90))
    out = image.astype(np.float32) * (level / np.maximum(paper, 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def _clockwise(points: np.ndarray) -> np.ndarray:
    """Order four corners top-left, top-right, bottom-right, bottom-left."""
    s = points.sum(axis=1)
    d = np.diff(points, axis=1).ravel()
    return np.array([points[np.argmin(s)], points[np.argmin(d)], points[np.argmax(s)], points[np.argmax(d)]])
