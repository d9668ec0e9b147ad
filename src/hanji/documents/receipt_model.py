"""The shipped receipt line model: a JSON softmax layer, checked against ``models/MANIFEST.json``.

The model is data, not code: weights in JSON (never pickle), its sha256 recorded in the manifest
and verified on every load, so a tampered or half-written file is refused instead of trusted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.model_files import ModelIntegrityError
from hanji.core.model_files import verify_model as check
from hanji.documents.receipt_features import feature_names

MODELS_DIR = Path(__file__).parent / "models"
RECEIPT_MODEL = MODELS_DIR / "receipt.json"


def verify_model(path: Path) -> None:
    """Check ``path`` against the ``MANIFEST.json`` beside it (see :mod:`hanji.core.model_files`)."""
    check(path, "retrain with `hanji train receipt`")


@dataclass(frozen=True, slots=True)
class LineModel:
    """Softmax over standardised line features; ``classes[0]`` is ``"other"``."""

    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LineModel:
        """Build from the JSON dump; refuses a model trained on other feature columns."""
        if data.get("features") != feature_names():
            raise ModelIntegrityError("model features differ from this Hanji's receipt_features")
        return cls(
            tuple(data["classes"]),
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["weights"], dtype=np.float64),
            np.asarray(data["bias"], dtype=np.float64),
        )

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Class probabilities ``(n_lines, n_classes)`` for a feature matrix."""
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True) if len(z) else 0.0
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))


def load_line_model(path: Path = RECEIPT_MODEL) -> LineModel:
    """Load and verify a line model (default: the one shipped in the package)."""
    verify_model(path)
    return LineModel.from_dict(json.loads(path.read_text()))


@lru_cache(maxsize=1)
def shipped_line_model() -> LineModel | None:
    """The packaged model, loaded once per process; ``None`` when no model file is shipped."""
    return load_line_model() if RECEIPT_MODEL.exists() else None
