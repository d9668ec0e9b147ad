"""The frozen half of the Korean recogniser, as training feeds it: RGB crops to backbone columns."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from hanji.engines.backends.ctc import REC_HEIGHT, REC_MIN_WIDTH, line_tensor
from hanji.engines.backends.ppocr_backbone import FEATURES, Backbone, backbone_model

__all__ = ["FEATURES", "Backbone", "backbone_model", "to_tensor"]
STRIDE = 8
"""Input pixels per backbone column."""


def to_tensor(crops: Sequence[np.ndarray[Any, Any]]) -> tuple[np.ndarray[Any, Any], list[int]]:
    """RGB crops as the shipped recogniser sees them (:func:`hanji.engines.backends.ctc.line_tensor`),
    padded to the widest, at least 96 px, rounded up to whole backbone columns."""
    widths = [math.ceil(REC_HEIGHT * c.shape[1] / max(c.shape[0], 1)) for c in crops]
    full = math.ceil(max(*widths, REC_MIN_WIDTH) / STRIDE) * STRIDE
    return line_tensor([np.ascontiguousarray(c[:, :, ::-1]) for c in crops], full)
