"""PP-OCRv6's backbone as the Korean recogniser reads it: its last block's three rows side by side,
whose mean is exactly the column PP-OCR's own pooling gives."""

import numpy as np
import pytest

from hanji.engines.backends.ppocr_backbone import CHANNELS, ROWS, Backbone, columns, ppocr_recogniser

onnx = pytest.importorskip("onnx")
ort = pytest.importorskip("onnxruntime")


def test_the_rows_mean_is_ppocr_own_pooled_column() -> None:
    from onnx.utils import Extractor

    pooled_name = "p2o.pd_op.pool2d.1.0"  # PP-OCR's average over the block's rows and column pairs
    pooled_model = Extractor(onnx.load(str(ppocr_recogniser()))).extract_model(["x"], [pooled_name])
    session = ort.InferenceSession(pooled_model.SerializeToString(), providers=["CPUExecutionProvider"])
    x = np.random.default_rng(3).uniform(-1, 1, (2, 3, 48, 200)).astype(np.float32)
    pooled = session.run(None, {"x": x})[0][:, :, 0, :].transpose(0, 2, 1)
    rows = Backbone()(x)
    assert rows.shape == (2, 25, ROWS * CHANNELS)
    mean = rows.reshape(2, 25, ROWS, CHANNELS).mean(2)
    assert np.abs(mean - pooled).max() < 1e-4


def test_columns_keep_rows_apart_and_drop_an_odd_last_column() -> None:
    block = np.zeros((1, CHANNELS, ROWS, 5), np.float32)
    block[0, 7, 2, :] = 1.0  # channel 7 lit in the bottom row only
    out = columns(block)
    assert out.shape == (1, 2, ROWS * CHANNELS)
    assert out[0, :, 2 * CHANNELS + 7].tolist() == [1.0, 1.0] and out.sum() == 2.0
