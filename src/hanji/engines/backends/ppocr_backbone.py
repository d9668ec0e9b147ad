"""PP-OCRv6's recogniser cut after its convolutional backbone: the frozen feature extractor the
Korean head is trained on (``hanji train recognizer``), and the front half of the model it ships."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from hanji.engines.backends.onnx import session_options

FEATURES = "p2o.pd_op.add.64.0"
"""The backbone's last block, (N, 384, 3, W/4), taken before PP-OCR averages its three rows away:
a Korean vowel's short stroke (ㅗ against ㅜ and ㅡ) is above or below the long one, and that is
in which row it lights, not in their mean."""
ROWS = 3
CHANNELS = 384


def ppocr_recogniser() -> Path:
    """The recogniser ONNX inside the rapidocr wheel."""
    import rapidocr

    return Path(rapidocr.__file__).parent / "models" / "PP-OCRv6_rec_small.onnx"


def backbone_model(source: Path | None = None) -> Any:
    """The ONNX graph from the recogniser's input to :data:`FEATURES` (an ``onnx.ModelProto``;
    needs the ``onnx`` package of the train extra)."""
    import onnx
    from onnx.utils import Extractor

    model = onnx.load(str(source or ppocr_recogniser()))
    return Extractor(model).extract_model(["x"], [FEATURES])


class Backbone:
    """An onnxruntime session of :func:`backbone_model`."""

    def __init__(self, threads: int = 1) -> None:
        import onnxruntime as ort

        self._session = ort.InferenceSession(
            backbone_model().SerializeToString(), session_options(threads), providers=["CPUExecutionProvider"]
        )

    def __call__(self, tensor: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """(N, 3, 48, W) -> (N, W/8, 3 * 384) float32: each pair of the block's columns averaged
        (as PP-OCR's own pooling does), its three rows side by side, top row first."""
        out = self._session.run(None, {"x": tensor})[0]
        return columns(out)


def columns(block: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """(N, 384, 3, W/4) -> (N, W/8, 3 * 384); an odd last column is dropped, as the pooling did."""
    n, c, rows, width = block.shape
    pairs = block[..., : width // 2 * 2].reshape(n, c, rows, width // 2, 2).mean(-1)
    return np.ascontiguousarray(pairs.transpose(0, 3, 2, 1).reshape(n, width // 2, rows * c))
