"""Is a checkbox ticked? The share of dark pixels inside the box, away from its printed border."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

import cv2
import numpy as np

from hanji.intake.page import RgbImage
from hanji.templates.schema import Rect

INSET: Final = 0.2
"""Share of the box cut off each side, so the printed border (a few pixels off after alignment) is not ink."""

CHECKED_INK: Final = 0.06
"""Ink share above which a box counts as ticked; a tick or cross in a clean box covers 10-40 %."""

_DARK: Final = 128


@dataclass(frozen=True, slots=True)
class CheckboxReading:
    checked: bool
    confidence: float
    ink: float


def ink_share(image: RgbImage, rect: Rect, inset: float = INSET) -> float:
    """Share (0..1) of dark pixels in ``rect`` shrunk by ``inset`` on every side."""
    x, y, w, h = rect
    left, top = round(x + w * inset), round(y + h * inset)
    right, bottom = round(x + w * (1 - inset)), round(y + h * (1 - inset))
    height, width = image.shape[:2]
    left, top, right, bottom = max(left, 0), max(top, 0), min(right, width), min(bottom, height)
    if right <= left or bottom <= top:
        return 0.0
    patch = cv2.cvtColor(np.ascontiguousarray(image[top:bottom, left:right]), cv2.COLOR_RGB2GRAY)
    return float(np.count_nonzero(patch < _DARK)) / patch.size


def read_checkbox(image: RgbImage, rect: Rect) -> CheckboxReading:
    """Read a checkbox on the aligned image; confidence grows with the distance from the threshold."""
    ink = ink_share(image, rect)
    checked = ink >= CHECKED_INK
    # 0.5 at the threshold, ~1.0 for an empty box or a box a third full.
    margin = (ink - CHECKED_INK) / (0.3 if checked else CHECKED_INK)
    confidence = 0.5 + 0.5 * min(1.0, abs(margin))
    return CheckboxReading(checked, round(confidence, 4), ink)
