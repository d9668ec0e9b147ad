"""Training shards: renderers side by side each take their own shard numbers, and a shard holds the
backbone's three rows per column with each line's CTC target."""

from pathlib import Path

import pytest

pytest.importorskip("onnx")

from hanji.engines.backends.ppocr_backbone import CHANNELS, ROWS
from hanji.training.line_shards import WRITING, generate, load_shard, written_shards

pytestmark = pytest.mark.slow


def test_a_renderer_writes_only_its_own_shard_numbers(tmp_path: Path) -> None:
    generate(tmp_path, shards=4, lines_per_shard=6, first=1, every=2)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["train-00001.npz", "train-00003.npz"]
    batches = load_shard(tmp_path / "train-00001.npz")
    assert sum(len(b.labels) for b in batches) == 6
    assert all(b.features.shape == (len(b.labels), b.features.shape[1], ROWS * CHANNELS) for b in batches)
    assert all(label for b in batches for label in b.labels)


def test_a_shard_still_being_written_is_not_listed(tmp_path: Path) -> None:
    (tmp_path / "train-00000.npz").write_bytes(b"")
    (tmp_path / f"train-00001{WRITING}").write_bytes(b"")
    assert [p.name for p in written_shards(tmp_path)] == ["train-00000.npz"]
