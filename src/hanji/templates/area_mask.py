"""A matched page reduced to its template's areas: only what the template reads is left to OCR.

Everything outside the areas (grown by a margin, so a word straddling an edge stays whole) is
painted the page's paper colour; the image keeps its size, so every box stays where it was. The
detector then finds, and the recogniser reads, only the lines the template asks for — on a form
with a few fields that is a fraction of the page's lines.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from hanji.intake.page import RgbImage
from hanji.templates.schema import Rect, TemplateDefinition

MARGIN_HEIGHTS = 0.6
"""Margin around each area, in area heights (for one line, about a character's width)."""
MIN_MARGIN = 12
"""Margin in pixels at least (small boxes: a digit box of a multi-box field)."""


def template_areas(definition: TemplateDefinition) -> list[Rect]:
    """Every area a reading of ``definition`` looks at: field boxes, the title, table areas."""
    areas = [box for field in definition.fields for box in field.boxes]
    if definition.title is not None:
        areas.append(definition.title.box)
    areas.extend(table.box for table in definition.tables)
    return areas


def paper_colour(image: RgbImage) -> np.ndarray:
    """The page's background: the median colour of its pixels (ink is a small share of a form)."""
    step = max(1, int(np.sqrt(image.shape[0] * image.shape[1] / 40_000)))
    return np.asarray(np.median(image[::step, ::step].reshape(-1, 3), axis=0), dtype=np.uint8)


def keep_areas(image: RgbImage, areas: Iterable[Rect]) -> RgbImage:
    """``image`` with everything outside ``areas`` (plus margins) painted the paper colour."""
    height, width = image.shape[:2]
    keep = np.zeros((height, width), dtype=bool)
    for x, y, w, h in areas:
        margin = max(MIN_MARGIN, MARGIN_HEIGHTS * min(h, 80))
        left, top = max(0, int(x - margin)), max(0, int(y - margin / 2))
        right, bottom = (
            min(width, int(np.ceil(x + w + margin))),
            min(height, int(np.ceil(y + h + margin / 2))),
        )
        keep[top:bottom, left:right] = True
    out = np.empty_like(image)
    out[:] = paper_colour(image)
    out[keep] = image[keep]
    return out
