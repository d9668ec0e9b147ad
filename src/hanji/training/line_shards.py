"""Cached training data for the Korean head: synthetic lines pushed through the frozen backbone once,
stored as shards of (features, labels) batches so the head trains at thousands of lines a second."""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hanji.engines.scripts import ks_x_1001_syllables
from hanji.training.backbone import Backbone, to_tensor
from hanji.training.charset import index
from hanji.training.line_render import Font, fonts, sample_crop
from hanji.training.line_text import label_of, sample_line

BATCH = 32
POOL = 8 * BATCH
"""Lines are drawn 256 at a time and batched by width, so a batch pads little."""
MAX_WIDTH = 960


@dataclass(frozen=True)
class Batch:
    features: np.ndarray[Any, Any]  # (B, T, 384) float16
    labels: list[list[int]]


def encode(text: str) -> list[int]:
    """The CTC target of drawn ``text`` (see :func:`hanji.training.line_text.label_of`)."""
    table = index()
    return [table[ch] for ch in label_of(text) if ch in table]


def save_shard(path: Path, batches: list[Batch]) -> None:
    arrays: dict[str, Any] = {}
    for n, batch in enumerate(batches):
        arrays[f"f{n}"] = batch.features
        lengths = np.array([len(x) for x in batch.labels], np.int32)
        arrays[f"n{n}"] = lengths
        arrays[f"l{n}"] = np.array([c for x in batch.labels for c in x], np.int32)
    tmp = path.with_suffix(WRITING)
    np.savez(tmp, **arrays)
    tmp.rename(path)


WRITING = ".tmp.npz"
"""Suffix of a shard still being written; it is renamed to its own name once complete."""


def written_shards(folder: Path) -> list[Path]:
    """The training shards under ``folder`` that are complete (none a renderer is still writing)."""
    return [p for p in folder.glob("train-*.npz") if not p.name.endswith(WRITING)]


def load_shard(path: Path) -> list[Batch]:
    data = np.load(path)
    batches = []
    for n in range(len([k for k in data.files if k.startswith("f")])):
        lengths = data[f"n{n}"]
        flat = data[f"l{n}"].tolist()
        cuts = np.concatenate([[0], np.cumsum(lengths)]).tolist()
        labels = [flat[a:b] for a, b in itertools.pairwise(cuts)]
        batches.append(Batch(data[f"f{n}"], labels))
    return batches


def make_pool(
    rng: random.Random, faces: tuple[Font, ...], count: int, photo_share: float, text: str = "mixed"
) -> list[tuple[np.ndarray[Any, Any], str]]:
    out: list[tuple[np.ndarray[Any, Any], str]] = []
    while len(out) < count:
        if text == "ks":
            syllables = ks_x_1001_syllables()
            line = " ".join(
                "".join(rng.choice(syllables) for _ in range(rng.randint(2, 5)))
                for _ in range(rng.randint(2, 3))
            )
        else:
            line = sample_line(rng, rng.randint(3, 22))
        crop = sample_crop(line, rng.choice(faces), rng, photo_share)
        if 48 * crop.shape[1] / crop.shape[0] <= MAX_WIDTH and encode(line):
            out.append((crop, line))
    return out


def featurise(
    backbone: Backbone, pool: list[tuple[np.ndarray[Any, Any], str]], batch: int = BATCH
) -> list[Batch]:
    pool = sorted(pool, key=lambda p: p[0].shape[1] / p[0].shape[0])
    batches = []
    for begin in range(0, len(pool), batch):
        part = pool[begin : begin + batch]
        tensor, _ = to_tensor([c for c, _ in part])
        batches.append(Batch(backbone(tensor).astype(np.float16), [encode(t) for _, t in part]))
    return batches


def generate(
    out: Path,
    *,
    shards: int,
    seed: int = 0,
    threads: int = 1,
    lines_per_shard: int = 4 * POOL,
    first: int = 0,
    every: int = 1,
) -> None:
    """Write training shards ``out/train-NNNNN.npz`` up to number ``shards`` - 1 (``first``, then
    every ``every``-th: renderers side by side take one residue each); shards already there are
    kept, so a restart continues where the last run stopped. Shard N's lines depend only on
    ``seed`` and N."""
    out.mkdir(parents=True, exist_ok=True)
    backbone = Backbone(threads)
    faces = fonts("train")
    for number in range(first, shards, every):
        path = out / f"train-{number:05d}.npz"
        if path.exists():
            continue
        rng = random.Random(f"{seed}/{number}")
        batches: list[Batch] = []
        for begin in range(0, lines_per_shard, POOL):
            pool = make_pool(rng, faces, min(POOL, lines_per_shard - begin), photo_share=0.55)
            batches += featurise(backbone, pool)
        save_shard(path, batches)


def validation_sets() -> dict[str, tuple[tuple[Font, ...], float, str]]:
    """Held-out fonts only: clean KS X 1001 lines, clean mixed lines, photo-like lines, handwriting."""
    return {
        "ks-clean": (fonts("validation", handwriting=False), 0.0, "ks"),
        "mixed-clean": (fonts("validation", handwriting=False), 0.0, "mixed"),
        "mixed-photo": (fonts("validation", handwriting=False), 1.0, "mixed"),
        "handwriting": (fonts("validation", handwriting=True), 0.3, "mixed"),
    }


def generate_validation(out: Path, lines: int = 256, threads: int = 1) -> None:
    out.mkdir(parents=True, exist_ok=True)
    backbone = Backbone(threads)
    for name, (faces, photo, text) in validation_sets().items():
        path = out / f"val-{name}.npz"
        if not path.exists():
            rng = random.Random(f"validation/{name}")
            save_shard(path, featurise(backbone, make_pool(rng, faces, lines, photo, text)))
