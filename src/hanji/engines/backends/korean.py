"""Hanji's own Korean line recogniser (``engines/models/korean_rec.onnx``): PP-OCRv6's backbone with
a head trained here on every Hangul syllable, Latin, digits and Korean document symbols.

Trained by ``hanji train recognizer``; the file's sha256 is checked against the manifest on load.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.errors import OcrServiceError
from hanji.core.model_files import ModelIntegrityError, verify_model
from hanji.engines.backends.ctc import recognize_bgr
from hanji.engines.backends.onnx import onnx_session
from hanji.engines.base import RgbImage
from hanji.engines.options import OPTIONS
from hanji.engines.scripts import is_syllable, ks_x_1001_syllables
from hanji.engines.stages import Reading

MODEL = Path(__file__).resolve().parents[1] / "models" / "korean_rec.onnx"
CHARACTERS_KEY = "hanji.characters"
"""Model metadata: the CTC classes after the blank, as a JSON list."""
RARE_SYLLABLE_PRIOR = math.exp(-2.0)
"""How much less likely than its reading a syllable outside KS X 1001 is taken to be: one is read
only where the model is e^2 ≈ 7× surer of it than of any KS X 1001 syllable. KS X 1001's 2,350
syllables are nearly all that documents print; the model learned all 11,172 evenly, so its
close calls went to rarities (``benchmarks/korean_lines.py``, 300 lines a set, CER from 1 to
e^-2: KS lines 0.041 → 0.034, photo lines 0.029 → 0.027, clean 0.016 → 0.016, hand 0.179 → 0.178;
lines of only non-KS syllables 0.148 → 0.181, e^-3 would take them to 0.220)."""
SPACE_PRIOR = math.exp(-2.0)
"""How much less likely than its reading a space is taken to be. The model learned spacing from
tightly set faces; in wide-set ones (Baekmuk, UnDotum) the gap between two syllables of one word
looked like a word gap to it (``benchmarks/korean_lines.py``, 200 lines a set, extra spaces a line
from 1 to e^-2: clean 0.62 → 0.52, photo 0.13 → 0.06, hand 1.14 → 0.72; spaces lost 0.010 → 0.010,
0.015 → 0.025, 0.005 → 0.025)."""


class KoreanModel:
    """The verified model and its character table; one per process via :func:`korean_model`."""

    def __init__(self, path: Path = MODEL, threads: int = OPTIONS.resolved_threads) -> None:
        try:
            verify_model(path, "retrain with `hanji train recognizer`")
        except ModelIntegrityError as exc:
            raise OcrServiceError(f"The Korean recogniser cannot be used: {exc}.") from exc
        self.session = onnx_session(path, threads)
        table = self.session.get_modelmeta().custom_metadata_map.get(CHARACTERS_KEY)
        if not table:
            raise OcrServiceError(f"{path.name} has no character table in its metadata.")
        self.chars: list[str] = ["", *json.loads(table)]
        ks = set(ks_x_1001_syllables())
        rare = [len(c) == 1 and is_syllable(c) and c not in ks for c in self.chars]  # [0]: the blank
        self.discount = np.where(rare, RARE_SYLLABLE_PRIOR, 1.0).astype(np.float32)
        self.discount[[c == " " for c in self.chars]] = SPACE_PRIOR

    def recognize_bgr(self, crops: Sequence[Any]) -> list[Reading]:
        padded = [with_side_margins(c) for c in crops]
        readings = recognize_bgr(
            self.session, self.chars, [c for c, _ in padded], KoreanRecognizer.name, discount=self.discount
        )
        return [_unpadded(r, m, c.shape[1]) for r, (c, m) in zip(readings, padded, strict=True)]


SIDE_MARGIN = 0.1
"""Margin added left and right of each crop, as a share of its height, in the crop's own background.
The model trained on crops with margins of at least 0.05 × the font size; a crop cut at its last
glyph's edge (a table cell's box) left the last characters too few columns ("6,000" read "6,00")."""


def with_side_margins(crop: np.ndarray[Any, Any]) -> tuple[np.ndarray[Any, Any], int]:
    """``crop`` with :data:`SIDE_MARGIN` added on both sides, and the margin in pixels."""
    height, width = crop.shape[:2]
    margin = math.ceil(SIDE_MARGIN * height)
    if margin == 0 or width == 0:
        return crop, 0
    edges = np.concatenate((crop[:, :1], crop[:, -1:]), axis=0).reshape(-1, crop.shape[2])
    out = np.empty((height, width + 2 * margin, crop.shape[2]), crop.dtype)
    out[:] = np.median(edges, axis=0).astype(crop.dtype)  # mostly paper, even where a glyph touches
    out[:, margin : margin + width] = crop
    return out, margin


def _unpadded(reading: Reading, margin: int, width: int) -> Reading:
    """``reading`` of a crop padded by ``margin`` with positions as fractions of the crop before."""
    if margin == 0:
        return reading

    def back(share: float) -> float:
        return min(max((share * (width + 2 * margin) - margin) / width, 0.0), 1.0)

    return dataclasses.replace(
        reading,
        words=tuple(dataclasses.replace(w, start=back(w.start), end=back(w.end)) for w in reading.words),
        glyphs=tuple(dataclasses.replace(g, start=back(g.start), end=back(g.end)) for g in reading.glyphs),
    )


@functools.cache
def korean_model() -> KoreanModel:
    return KoreanModel()


def korean_model_shipped() -> bool:
    return MODEL.is_file()


class KoreanRecognizer:
    """Reads Korean document lines: Hangul (all 11,172 syllables), Latin, digits, symbols."""

    name = "hanji-korean"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        return korean_model().recognize_bgr([np.ascontiguousarray(c[:, :, ::-1]) for c in crops])
