"""Boosted regression trees as plain arrays: what the shipped JSON models (pairer, receipt lines) hold.

The trees are data, not code: node arrays read from JSON (never pickle), scored in numpy. Training
lives in :mod:`hanji.documents.training.boost`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True, slots=True)
class Tree:
    """One regression tree; node ``i`` is a leaf when ``feature[i] < 0``, else ``x <= threshold``
    goes to ``left[i]``."""

    feature: np.ndarray
    threshold: np.ndarray
    left: np.ndarray
    right: np.ndarray
    value: np.ndarray

    @classmethod
    def from_dict(cls, data: Mapping[str, Sequence[Any]]) -> Tree:
        return cls(
            np.asarray(data["feature"], dtype=np.int64),
            np.asarray(data["threshold"], dtype=np.float64),
            np.asarray(data["left"], dtype=np.int64),
            np.asarray(data["right"], dtype=np.int64),
            np.asarray(data["value"], dtype=np.float64),
        )

    def predict(self, x: np.ndarray) -> np.ndarray:
        node = np.zeros(len(x), dtype=np.int64)
        rows = np.arange(len(x))
        while True:
            f = self.feature[node]
            inner = f >= 0
            if not inner.any():
                return np.asarray(self.value[node])
            go_left = x[rows, np.maximum(f, 0)] <= self.threshold[node]
            node = np.where(inner, np.where(go_left, self.left[node], self.right[node]), node)


@dataclass(frozen=True, slots=True)
class Ensemble:
    """A base log-odds plus the sum of its trees' leaf values: one binary probability per row."""

    base: float
    trees: tuple[Tree, ...]

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Ensemble:
        return cls(float(data["base"]), tuple(Tree.from_dict(t) for t in data["trees"]))

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = np.full(len(x), self.base)
        for tree in self.trees:
            z += tree.predict(x)
        return np.asarray(1.0 / (1.0 + np.exp(-z)))
