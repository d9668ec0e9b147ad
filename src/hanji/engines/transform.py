"""Image turns, downscaling and line crops, with the maps that carry boxes back to the original."""

from __future__ import annotations

import cv2
import numpy as np

from hanji.core.geometry import Point, Quad
from hanji.engines.base import RgbImage

ROTATIONS = (0, 90, 180, 270)


def turn_clockwise(image: RgbImage, rotation: int) -> RgbImage:
    """Turn ``image`` clockwise by ``rotation`` degrees (a multiple of 90)."""
    if rotation % 360 == 0:
        return image
    # np.rot90 turns counter-clockwise; a negative k turns clockwise.
    return np.ascontiguousarray(np.rot90(image, k=-(rotation // 90)))


def unturn_quad(quad: Quad, rotation: int, width: int, height: int) -> Quad:
    """Map a quad found on the image turned clockwise by ``rotation`` back to the original's pixels.

    Args:
        quad: Corners in the turned image.
        rotation: The clockwise turn that was applied (0/90/180/270).
        width: Width of the ORIGINAL image.
        height: Height of the ORIGINAL image.
    """
    r = rotation % 360
    if r == 0:
        return quad

    def back(p: Point) -> Point:
        if r == 90:
            return Point(p.y, height - p.x)
        if r == 180:
            return Point(width - p.x, height - p.y)
        return Point(width - p.y, p.x)

    a, b, c, d = (back(p) for p in quad.points)
    return Quad((a, b, c, d))


def downscale(image: RgbImage, max_side: int) -> tuple[RgbImage, float]:
    """Shrink ``image`` so its longer side is at most ``max_side``; return it and the scale used."""
    h, w = image.shape[:2]
    scale = min(1.0, max_side / max(h, w))
    if scale >= 1.0:
        return image, 1.0
    small = cv2.resize(
        image, (max(1, round(w * scale)), max(1, round(h * scale))), interpolation=cv2.INTER_AREA
    )
    return np.asarray(small, dtype=np.uint8), scale


def crop_quad(image: RgbImage, quad: Quad) -> RgbImage:
    """Cut the text line under ``quad`` out of ``image``, straightened to a horizontal strip."""
    a, b, c, d = quad.points
    width = max(1, round(max(_len(a, b), _len(d, c))))
    height = max(1, round(max(_len(a, d), _len(b, c))))
    src = np.array([[p.x, p.y] for p in quad.points], dtype=np.float32)
    dst = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(src, dst)
    crop = cv2.warpPerspective(
        image, matrix, (width, height), borderMode=cv2.BORDER_REPLICATE, flags=cv2.INTER_CUBIC
    )
    return np.asarray(crop, dtype=np.uint8)


def _len(p: Point, q: Point) -> float:
    return float(np.hypot(p.x - q.x, p.y - q.y))


RULE_SHARE = 0.85
"""A row of a line crop that is this dark across the crop is a table or form rule."""
COLUMN_RULE_SHARE = 0.97


def erase_rules(crop: RgbImage) -> RgbImage:
    """Paint table and form rules caught in a line crop with the paper's colour.

    Detected line boxes are taller than their text, so in a ruled table or on an underlined form
    field the crop catches the rule, which Tesseract reads as letters (``품목`` over its cell's
    bottom rule reads ``프로``; a ``2`` beside a column rule reads ``에 |``).
    """
    if crop.shape[0] < 8 or crop.shape[1] < 8:
        return crop
    gray = crop.astype(np.float32).mean(axis=2)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    paper = float(np.percentile(border, 75))
    dark = gray < paper - 0.35 * max(paper - float(gray.min()), 1.0)
    rows = dark.mean(axis=1) >= RULE_SHARE
    # A column rule crosses the whole crop near its ends; a glyph's vertical stroke (Han 什, Latin
    # l) stops short of the box's padding, and sits anywhere along the line.
    columns = dark.mean(axis=0) >= COLUMN_RULE_SHARE
    edge = max(2, crop.shape[1] // 8)
    columns[edge:-edge] = False
    if not rows.any() and not columns.any():
        return crop
    out = crop.copy()
    light = crop.reshape(-1, 3)[~dark.reshape(-1)]
    colour = np.median(light, axis=0).astype(np.uint8) if light.size else np.full(3, 255, np.uint8)
    out[rows] = colour
    out[:, columns] = colour
    return out


def line_crop(image: RgbImage, quad: Quad) -> RgbImage:
    """Crop a line for a recogniser; tall crops (vertical text) are laid on their side, and table
    or form rules the box caught are painted out."""
    crop = crop_quad(image, quad)
    if crop.shape[0] >= 1.5 * crop.shape[1]:
        crop = np.ascontiguousarray(np.rot90(crop))
    return erase_rules(crop)
