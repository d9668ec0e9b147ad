"""Word spans snapped to the ink: a CTC reader knows where a character is, not where it ends.

A greedy CTC decoder places each character at the centre of its frames and gives it the line's
character pitch as its width, which is wide for ``i`` and ``1`` and narrow for ``W``. The crop's
own ink settles it: each word's span is tightened (or widened, up to half a pitch) to the ink
columns around it, never past the middle of the gap to its neighbours.
"""

from __future__ import annotations

import numpy as np

from hanji.engines.base import RgbImage
from hanji.engines.stages import Reading, SpanWord

INK_CONTRAST = 0.2
"""A column holds ink where some pixel differs from the background by this share of the range."""


def ink_columns(crop: RgbImage) -> np.ndarray:
    """Boolean per column of the crop: does it hold ink (text darker or lighter than the paper)?"""
    gray = crop.astype(np.float32).mean(axis=2)
    border = np.concatenate([gray[0], gray[-1], gray[:, 0], gray[:, -1]])
    background = float(np.median(border))
    spread = float(np.abs(gray - background).max())
    if spread < 1.0:
        return np.zeros(crop.shape[1], bool)
    return np.asarray((np.abs(gray - background) >= INK_CONTRAST * spread).any(axis=0))


def snap_to_ink(reading: Reading, crop: RgbImage) -> Reading:
    """The reading with each word's span fitted to the ink around it (see the module docstring)."""
    words = reading.words
    if not words or crop.shape[1] < 2:
        return reading
    ink = ink_columns(crop)
    width = crop.shape[1]
    pitch = float(np.median([(w.end - w.start) / max(len(w.text), 1) for w in words]))
    out: list[SpanWord] = []
    for k, word in enumerate(words):
        lo = (
            word.start - pitch / 2
            if k == 0
            else max(word.start - pitch / 2, (words[k - 1].end + word.start) / 2)
        )
        hi = (
            word.end + pitch / 2
            if k == len(words) - 1
            else min(word.end + pitch / 2, (word.end + words[k + 1].start) / 2)
        )
        a, b = max(0, int(lo * width)), min(width, int(np.ceil(hi * width)))
        columns = np.flatnonzero(ink[a:b])
        if columns.size:
            start, end = float(a + columns[0]) / width, float(a + columns[-1] + 1) / width
            out.append(SpanWord(word.text, word.confidence, start, max(end, start + 1 / width)))
        else:
            out.append(word)
    return Reading(tuple(out), reading.glyphs, reading.recognizer)
