"""`hanji train recognizer` end to end on a few dozen lines: shards through the real backbone, a
fit, a checkpoint a second run resumes, and an ONNX export the engine's backend loads and runs."""

import json
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

pytest.importorskip("torch")
pytest.importorskip("onnx")

from hanji.cli import app
from hanji.engines.backends.korean import KoreanModel

pytestmark = pytest.mark.slow


def test_tiny_fit_resumes_and_exports_a_loadable_model(tmp_path: Path) -> None:
    args = ["train", "recognizer", "--work", str(tmp_path / "work"), "--shards", "1"]
    args += ["--lines-per-shard", "32", "--validation-lines", "8", "--minutes", "0.01"]
    history_file = tmp_path / "work" / "history.jsonl"
    first = CliRunner().invoke(app, args)
    assert first.exit_code == 0, first.output
    after_first = [json.loads(line) for line in history_file.read_text().splitlines()]
    out = tmp_path / "model" / "korean_rec.onnx"
    second = CliRunner().invoke(app, [*args, "--export", str(out)])
    assert second.exit_code == 0, second.output
    history = [json.loads(line) for line in history_file.read_text().splitlines()]
    assert len(history) > len(after_first) and history[-1]["step"] > after_first[-1]["step"]  # resumed
    assert set(history[-1]["cer"]) == {"ks-clean", "mixed-clean", "mixed-photo", "handwriting"}
    manifest = json.loads((out.parent / "MANIFEST.json").read_text())
    assert manifest["models"]["korean_rec.onnx"]["bytes"] == out.stat().st_size
    model = KoreanModel(out, threads=1)
    crops = [np.full((40, 200, 3), 255, np.uint8), np.full((30, 90, 3), 255, np.uint8)]
    readings = model.recognize_bgr(crops)
    assert len(readings) == 2 and all(r.recognizer == "hanji-korean" for r in readings)
