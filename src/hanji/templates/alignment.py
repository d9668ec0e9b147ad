"""Between the template's frame and the input's: warp the input upright, map boxes back onto the input.

Fields are read on the warped image, where every box sits where the template put it and text runs
left to right; the boxes reported to the client are mapped back into the input's pixels.
"""

from __future__ import annotations

import cv2
import numpy as np

from hanji.core.geometry import Point, Quad
from hanji.intake.page import RgbImage
from hanji.templates.matching import Homography, project
from hanji.templates.schema import Rect


def warp_to_template(image: RgbImage, homography: Homography, size: tuple[int, int]) -> RgbImage:
    """The input seen in the template's frame: ``size`` = the sample's ``(width, height)``.

    Parts of the form outside the input (a cropped photo) come out white, as blank paper would.
    """
    # WARP_INVERSE_MAP: each output (template) pixel samples the input at H . (x, y).
    warped = cv2.warpPerspective(
        image,
        homography,
        size,
        flags=cv2.INTER_LINEAR | cv2.WARP_INVERSE_MAP,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=(255, 255, 255),
    )
    return np.ascontiguousarray(warped, dtype=np.uint8)


def rect_quad(rect: Rect) -> Quad:
    x, y, w, h = rect
    return Quad((Point(x, y), Point(x + w, y), Point(x + w, y + h), Point(x, y + h)))


def to_input(homography: Homography, quad: Quad) -> Quad:
    """Map a quad from the template's frame into the input's pixels.

    The corner order is kept, so the first corner is still the text's top-left as it reads: a form
    photographed upside down gives a quad whose first corner is at the bottom right of the image.
    """
    mapped = project(homography, [[p.x, p.y] for p in quad.points])
    return Quad.from_sequence(mapped.tolist())


def rect_to_input(homography: Homography, rect: Rect) -> Quad:
    return to_input(homography, rect_quad(rect))


def union_quad(quads: list[Quad]) -> Quad:
    """The axis-aligned (template frame) box around several quads, e.g. a multi-box field's whole area."""
    xs = [p.x for q in quads for p in q.points]
    ys = [p.y for q in quads for p in q.points]
    return rect_quad((min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)))
