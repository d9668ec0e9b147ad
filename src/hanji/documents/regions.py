"""The pixels under some words, for a second look at them (a re-read with another reader)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from hanji.core.result import Word
from hanji.core.text_reader import PageImage

PAD = 0.4
"""Margin around the words, as a share of their height: the line's ascenders and descenders."""


def words_region(image: PageImage, words: Sequence[Word]) -> npt.NDArray[np.uint8] | None:
    """The crop of ``image`` around ``words`` (contiguous), or None when it is empty."""
    box = words[0].quad.bbox
    for w in words[1:]:
        box = box.union(w.quad.bbox)
    pad = box.height * PAD
    h, w = image.pixels.shape[:2]
    x0, y0 = max(int(box.left - pad), 0), max(int(box.top - pad), 0)
    x1, y1 = min(int(box.right + pad), w), min(int(box.bottom + pad), h)
    crop = image.pixels[y0:y1, x0:x1]
    return np.ascontiguousarray(crop) if crop.size else None
