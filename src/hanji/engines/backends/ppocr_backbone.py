"""PP-OCRv6's recogniser cut after its convolutional backbone: the frozen feature extractor the
Korean head is trained on (``hanji train recognizer``), and the front half of the model it ships."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from hanji.engines.backends.onnx import session_options

FEATURES = "p2o.pd_op.pool2d.1.0"
"""The backbone's output, (N, 384, 1, W/8): one 384-d column per 8 input pixels, before the neck."""


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
        """(N, 3, 48, W) -> (N, W/8, 384) float32."""
        out = self._session.run(None, {"x": tensor})[0]
        return np.ascontiguousarray(out[:, :, 0, :].transpose(0, 2, 1))
