"""Train and evaluate the receipt line model on SROIE-layout data (``key/ID.json`` + OCR pages)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.model_files import record_model
from hanji.core.result import Page
from hanji.documents.receipt import extract_receipt, rule_picks
from hanji.documents.receipt_features import feature_names, line_features
from hanji.documents.receipt_model import LineModel
from hanji.documents.training.fit import fit_softmax
from hanji.documents.training.labels import CLASSES, label_lines
from hanji.documents.training.score import receipt_fields, score

PageSource = Callable[[Path], Page]
TRAIN_FRACTION = 0.7


@dataclass(frozen=True, slots=True)
class Example:
    """One receipt: its ID, OCR page and the four truth fields."""

    id: str
    page: Page
    truth: dict[str, str]


def load_examples(data_dir: Path, page_for: PageSource, *, limit: int | None = None) -> list[Example]:
    """Receipts of ``data_dir`` (``key/ID.json``, ``img/ID.jpg``) sorted by ID, OCR'd by ``page_for``."""
    keys = sorted((data_dir / "key").glob("*.json"))[:limit]
    return [
        Example(k.stem, page_for(data_dir / "img" / f"{k.stem}.jpg"), json.loads(k.read_text())) for k in keys
    ]


def split(examples: Sequence[Example]) -> tuple[list[Example], list[Example]]:
    """(train, held-out): the first 70 % by sorted ID and the rest — fixed, never shuffled."""
    ordered = sorted(examples, key=lambda e: e.id)
    cut = round(len(ordered) * TRAIN_FRACTION)
    return ordered[:cut], ordered[cut:]


def design_matrix(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """Stacked line features and labels of every example."""
    xs = [line_features(e.page, rule_picks(e.page)) for e in examples if e.page.lines]
    ys = [label_lines(e.page, e.truth) for e in examples if e.page.lines]
    return np.vstack(xs), np.concatenate(ys)


def train_line_model(examples: Sequence[Example]) -> dict[str, Any]:
    """Fit the softmax line model; returns the JSON-ready dump (weights rounded to 6 digits)."""
    x, y = design_matrix(examples)
    fitted = fit_softmax(x, y, len(CLASSES))
    return {
        "format": "hanji-softmax-v1",
        "classes": list(CLASSES),
        "features": feature_names(),
        "mean": np.round(fitted.mean, 6).tolist(),
        "scale": np.round(fitted.scale, 6).tolist(),
        "weights": np.round(fitted.weights, 6).tolist(),
        "bias": np.round(fitted.bias, 6).tolist(),
        "trained_on": sorted(e.id for e in examples),
    }


def evaluate(examples: Sequence[Example], model: LineModel | None) -> dict[str, float]:
    """SROIE F1 of the extractor, with ``model`` overriding the rules or (``None``) rules only."""
    return score((e.truth, receipt_fields(extract_receipt(e.page, model))) for e in examples)


def write_model(dump: dict[str, Any], out: Path) -> str:
    """Write the model JSON and record its sha256 in ``MANIFEST.json`` beside it; returns the sha."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dump, separators=(",", ":")) + "\n")
    trained_on = f"{len(dump['trained_on'])} SROIE receipts (first 70 % by sorted ID)"
    return record_model(out, format=dump["format"], trained_on=trained_on)
