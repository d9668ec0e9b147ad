"""The shipped receipt line model, checked against ``models/MANIFEST.json``.

The model is data, not code: JSON (never pickle), its sha256 recorded in the manifest and verified
on every load, so a tampered or half-written file is refused instead of trusted. Two formats load:

- ``hanji-gbdt-lines-v1`` (shipped): one boosted-tree ensemble per field (company, address, date,
  total), each a field-versus-rest probability per line;
- ``hanji-softmax-v1``: a linear softmax over the standardised features (kept as the baseline that
  cross-validation compares against).
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from hanji.core.model_files import ModelIntegrityError
from hanji.core.model_files import verify_model as check
from hanji.documents.boosted_trees import Ensemble
from hanji.documents.receipt_features import feature_names
from hanji.documents.store_words import StoreWords

MODELS_DIR = Path(__file__).parent / "models"
RECEIPT_MODEL = MODELS_DIR / "receipt.json"
SOFTMAX_FORMAT = "hanji-softmax-v1"
BOOSTED_FORMAT = "hanji-gbdt-lines-v1"
_log = logging.getLogger(__name__)


class LineModel(Protocol):
    """Per-line class probabilities; ``classes[0]`` is ``"other"``. ``words`` are the store-name and
    address words of the receipts it was trained on."""

    @property
    def classes(self) -> tuple[str, ...]: ...

    @property
    def words(self) -> StoreWords: ...

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        """Probabilities ``(n_lines, n_classes)`` for a feature matrix."""
        ...


def verify_model(path: Path) -> None:
    """Check ``path`` against the ``MANIFEST.json`` beside it (see :mod:`hanji.core.model_files`)."""
    check(path, "retrain with `hanji train receipt`")


def _check_features(data: dict[str, Any]) -> None:
    if data.get("features") != feature_names():
        raise ModelIntegrityError("model features differ from this Hanji's receipt_features")


def _words(data: dict[str, Any]) -> StoreWords:
    words = data.get("words", {})
    if not isinstance(words, dict) or not all(isinstance(n, int) for n in words.values()):
        raise ModelIntegrityError("receipt model words are not a word → count table")
    return StoreWords({str(w): n for w, n in words.items()})


@dataclass(frozen=True, slots=True)
class SoftmaxLineModel:
    """Softmax over standardised line features."""

    classes: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: np.ndarray
    words: StoreWords

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SoftmaxLineModel:
        """Build from the JSON dump; refuses a model trained on other feature columns."""
        _check_features(data)
        return cls(
            tuple(data["classes"]),
            np.asarray(data["mean"], dtype=np.float64),
            np.asarray(data["scale"], dtype=np.float64),
            np.asarray(data["weights"], dtype=np.float64),
            np.asarray(data["bias"], dtype=np.float64),
            _words(data),
        )

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        z = ((features - self.mean) / self.scale) @ self.weights + self.bias
        z -= z.max(axis=1, keepdims=True) if len(z) else 0.0
        e = np.exp(z)
        return np.asarray(e / e.sum(axis=1, keepdims=True))


@dataclass(frozen=True, slots=True)
class BoostedLineModel:
    """One field-versus-rest ensemble per field; ``other`` is what the likeliest field leaves.

    The fields' probabilities are not normalised against each other: decoding reads each field's
    column on its own (a line may be both a total and the only amount), so each keeps its own scale.
    """

    classes: tuple[str, ...]
    fields: tuple[Ensemble, ...]
    words: StoreWords

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BoostedLineModel:
        _check_features(data)
        classes = tuple(data["classes"])
        ensembles = data["ensembles"]
        if classes[0] != "other" or set(ensembles) != set(classes[1:]):
            raise ModelIntegrityError("receipt model ensembles do not match its classes")
        return cls(classes, tuple(Ensemble.from_dict(ensembles[c]) for c in classes[1:]), _words(data))

    def predict_proba(self, features: np.ndarray) -> np.ndarray:
        if not len(features):
            return np.zeros((0, len(self.classes)))
        fields = np.column_stack([e.probability(features) for e in self.fields])
        other = 1.0 - fields.max(axis=1)
        return np.column_stack([other, fields])


def line_model_from_dict(data: dict[str, Any]) -> LineModel:
    """The line model a JSON dump describes, by its ``format``."""
    if data.get("format") == BOOSTED_FORMAT:
        return BoostedLineModel.from_dict(data)
    if data.get("format") == SOFTMAX_FORMAT:
        return SoftmaxLineModel.from_dict(data)
    raise ModelIntegrityError(f"receipt model format {data.get('format')!r} is not known")


def load_line_model(path: Path = RECEIPT_MODEL) -> LineModel:
    """Load and verify a line model (default: the one shipped in the package)."""
    verify_model(path)
    return line_model_from_dict(json.loads(path.read_text()))


@lru_cache(maxsize=1)
def shipped_line_model() -> LineModel | None:
    """The packaged model, loaded once per process; ``None`` (rules alone) when missing or refused."""
    if not RECEIPT_MODEL.exists():
        return None
    try:
        return load_line_model()
    except (ModelIntegrityError, OSError, ValueError, KeyError) as exc:
        _log.warning("receipt line model not used, reading receipts by rules: %s", exc)
        return None
