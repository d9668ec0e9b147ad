"""One ONNX file for the Korean recogniser: PP-OCRv6's backbone and the trained head, joined where
the backbone's columns come out, with the character table in the metadata."""

from __future__ import annotations

import json
import tempfile
import warnings
from pathlib import Path
from typing import Any

import torch

from hanji.core.model_files import record_model
from hanji.engines.backends.korean import CHARACTERS_KEY
from hanji.engines.backends.ppocr_backbone import CHANNELS, ROWS
from hanji.training import charset
from hanji.training.backbone import FEATURES, backbone_model
from hanji.training.korean_head import ExportedHead, KoreanHead, from_state

OPSET = 11
"""PP-OCRv6's recogniser is opset 11; the head is exported at the same version so the two join."""


def head_model(head: KoreanHead) -> Any:
    import onnx

    with tempfile.TemporaryDirectory() as folder, warnings.catch_warnings():
        # torch's TorchScript exporter is the one that writes opset 11; it warns that it is legacy,
        # and that an LSTM without initial states may fix the batch size (it does not: tested).
        warnings.simplefilter("ignore")
        path = Path(folder) / "head.onnx"
        torch.onnx.export(
            ExportedHead(head).eval(),
            (torch.zeros(1, CHANNELS, ROWS, 80),),
            path,
            input_names=["block"],
            output_names=["probs"],
            dynamic_axes={"block": {0: "lines", 3: "columns"}, "probs": {0: "lines", 1: "columns"}},
            opset_version=OPSET,
            dynamo=False,
        )
        return onnx.load(str(path))


def export(checkpoint: Path, out: Path, facts: dict[str, object] | None = None) -> str:
    """Write the joined model to ``out`` and record it in the manifest beside it; returns its sha256."""
    import onnx
    from onnx import compose

    head = from_state(torch.load(checkpoint, weights_only=False)["model"])
    front = backbone_model()
    back = compose.add_prefix(head_model(head), "korean/")
    back.ir_version = front.ir_version
    joined = compose.merge_models(front, back, io_map=[(FEATURES, "korean/block")], outputs=["korean/probs"])
    joined.graph.name = "hanji-korean-recogniser"
    del joined.metadata_props[:]
    entry = joined.metadata_props.add()
    entry.key, entry.value = CHARACTERS_KEY, json.dumps(list(charset.characters()), ensure_ascii=False)
    onnx.checker.check_model(joined)
    out.parent.mkdir(parents=True, exist_ok=True)
    onnx.save(joined, str(out))
    return record_model(out, format="onnx-ctc", **(facts or {}))
