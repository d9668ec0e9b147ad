"""The shipped key–value pair model: boosted trees in JSON, checked against ``models/MANIFEST.json``.

The model is data, not code: trees as plain arrays (never pickle), the file's sha256 recorded in
the manifest and verified on load. Decoding keeps candidates scored above the model's threshold,
best first, each value line used once and each key line given one value.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.model_files import ModelIntegrityError, verify_model
from hanji.documents.boosted_trees import Ensemble
from hanji.documents.pair_features import feature_names

PAIR_MODEL = Path(__file__).parent / "models" / "pairer.json"
FORMAT = "hanji-gbdt-v1"
_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PairModel:
    """Boosted trees over :func:`~hanji.documents.pair_features.feature_names` columns."""

    ensemble: Ensemble
    threshold: float

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> PairModel:
        """Build from the JSON dump; refuses another format or other feature columns."""
        if data.get("format") != FORMAT:
            raise ModelIntegrityError(f"pair model format {data.get('format')!r} is not {FORMAT}")
        if data.get("features") != feature_names():
            raise ModelIntegrityError("pair model features differ from this Hanji's pair_features")
        return cls(Ensemble.from_dict(data), float(data["threshold"]))

    def score(self, features: np.ndarray) -> np.ndarray:
        """Probability that each candidate row is a true (key, value) pair."""
        return self.ensemble.probability(features)


def decode(keys: np.ndarray, values: np.ndarray, scores: np.ndarray, threshold: float) -> list[int]:
    """Indices of the kept candidates: above ``threshold``, best first, one-to-one.

    A line taken as a value is no longer a key and the other way round, so chains
    (label → label → value) do not form.
    """
    as_key: set[int] = set()
    as_value: set[int] = set()
    kept: list[int] = []
    for i in np.argsort(-scores, kind="stable"):
        if scores[i] < threshold:
            break
        k, v = int(keys[i]), int(values[i])
        if k in as_key or v in as_value or k in as_value or v in as_key:
            continue
        as_key.add(k)
        as_value.add(v)
        kept.append(int(i))
    return kept


def load_pair_model(path: Path = PAIR_MODEL) -> PairModel:
    """Load and verify a pair model (default: the one shipped in the package)."""
    verify_model(path, "retrain with `hanji train pairer`")
    return PairModel.from_dict(json.loads(path.read_text()))


@lru_cache(maxsize=1)
def shipped_pair_model() -> PairModel | None:
    """The packaged model, loaded once per process; ``None`` (pair by rules) when missing or refused."""
    try:
        return load_pair_model()
    except (ModelIntegrityError, OSError, ValueError, KeyError) as exc:
        _log.warning("key-value pair model not used, pairing by rules: %s", exc)
        return None
