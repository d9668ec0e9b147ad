"""Gradient-boosted regression trees for a binary logistic loss, in numpy (no scikit-learn).

Features are cut at training quantiles into a few dozen bins; each tree grows depth-first by the
split of best second-order gain (a node's histogram minus its smaller child's gives the larger
child's), and leaves carry Newton steps shrunk by the learning rate. No sampling anywhere, so the
same data always gives the same trees.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from hanji.documents.boosted_trees import Tree


@dataclass(frozen=True, slots=True)
class BoostParams:
    """What shapes the ensemble; the defaults are the shipped pairer's."""

    trees: int = 150
    depth: int = 5
    learning_rate: float = 0.1
    bins: int = 32
    min_hessian: float = 2.0
    l2: float = 1.0


def _cuts(x: np.ndarray, bins: int) -> list[np.ndarray]:
    """Per feature, the sorted distinct quantile values a split may test ``x <= cut`` against."""
    qs = np.linspace(0, 1, bins + 1)[1:-1]
    return [np.unique(np.quantile(col, qs, method="lower")) for col in x.T]


class _Grower:
    """Grows one tree over binned features for the current gradients ``g`` and hessians ``h``."""

    def __init__(self, codes: np.ndarray, cuts: list[np.ndarray], p: BoostParams) -> None:
        self.p = p
        self.cuts = cuts
        self.codes = codes
        n_feat = codes.shape[1]
        # Bin codes offset per feature, so one bincount fills every feature's histogram.
        self.flat = (codes + np.arange(n_feat, dtype=np.int32) * p.bins).astype(np.int32)
        self.size = n_feat * p.bins
        n_cuts = np.array([len(c) for c in cuts])
        self.allowed = np.arange(p.bins - 1)[None, :] < n_cuts[:, None]
        self.g = np.zeros(0)
        self.h = np.zeros(0)
        self.nodes: list[list[float]] = []

    def _hist(self, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        flat = self.flat[rows].ravel()
        n_feat = self.flat.shape[1]
        shape = (n_feat, self.p.bins)
        hg = np.bincount(flat, np.repeat(self.g[rows], n_feat), self.size).reshape(shape)
        hh = np.bincount(flat, np.repeat(self.h[rows], n_feat), self.size).reshape(shape)
        return hg, hh

    def tree(self, g: np.ndarray, h: np.ndarray) -> list[list[float]]:
        """Nodes ``[feature, threshold, left, right, value]`` of a new tree (a leaf has feature -1)."""
        self.g, self.h, self.nodes = g, h, []
        rows = np.arange(len(g))
        self._grow(rows, self.p.depth, *self._hist(rows))
        return self.nodes

    def _grow(self, rows: np.ndarray, depth: int, hist_g: np.ndarray, hist_h: np.ndarray) -> int:
        p = self.p
        me = len(self.nodes)
        g_sum, h_sum = float(hist_g[0].sum()), float(hist_h[0].sum())
        self.nodes.append([-1, 0.0, -1, -1, -p.learning_rate * g_sum / (h_sum + p.l2)])
        if depth == 0 or h_sum < 2 * p.min_hessian:
            return me
        gl, hl = np.cumsum(hist_g, axis=1)[:, :-1], np.cumsum(hist_h, axis=1)[:, :-1]
        gr, hr = g_sum - gl, h_sum - hl
        gain = gl**2 / (hl + p.l2) + gr**2 / (hr + p.l2) - g_sum**2 / (h_sum + p.l2)
        gain = np.where((hl >= p.min_hessian) & (hr >= p.min_hessian) & self.allowed, gain, -np.inf)
        best = int(np.argmax(gain))
        if not gain.flat[best] > 1e-9:
            return me
        f, b = divmod(best, p.bins - 1)
        go_left = self.codes[rows, f] <= b
        left_rows, right_rows = rows[go_left], rows[~go_left]
        small_is_left = len(left_rows) <= len(right_rows)
        small_g, small_h = self._hist(left_rows if small_is_left else right_rows)
        big_g, big_h = hist_g - small_g, hist_h - small_h
        if small_is_left:
            left = self._grow(left_rows, depth - 1, small_g, small_h)
            right = self._grow(right_rows, depth - 1, big_g, big_h)
        else:
            left = self._grow(left_rows, depth - 1, big_g, big_h)
            right = self._grow(right_rows, depth - 1, small_g, small_h)
        self.nodes[me][:4] = [f, float(self.cuts[f][b]), left, right]
        return me


def fit_boosted_trees(x: np.ndarray, y: np.ndarray, params: BoostParams | None = None) -> dict[str, Any]:
    """Fit trees on features ``x`` and 0/1 labels ``y``; returns ``{"base", "trees"}`` as lists.

    Each tree is ``{"feature", "threshold", "left", "right", "value"}`` (a leaf has feature -1);
    the score of a row is ``base`` plus its leaf values, a log-odds.
    """
    p = params or BoostParams()
    cuts = _cuts(x, p.bins)
    codes = np.column_stack([np.searchsorted(c, col, side="left") for c, col in zip(cuts, x.T, strict=True)])
    grower = _Grower(codes.astype(np.int32), cuts, p)
    rate = float(np.clip(y.mean(), 1e-6, 1 - 1e-6))
    base = round(float(np.log(rate / (1 - rate))), 6)
    z = np.full(len(y), base)
    trees: list[dict[str, list[Any]]] = []
    for _ in range(p.trees):
        prob = 1.0 / (1.0 + np.exp(-z))
        arr = np.array(grower.tree(prob - y, np.maximum(prob * (1 - prob), 1e-6)), dtype=np.float64)
        tree = {
            "feature": arr[:, 0].astype(int).tolist(),
            "threshold": [round(float(t), 6) for t in arr[:, 1]],
            "left": arr[:, 2].astype(int).tolist(),
            "right": arr[:, 3].astype(int).tolist(),
            "value": [round(float(v), 6) for v in arr[:, 4]],
        }
        # Route with the rounded tree, so training sees exactly what the saved model will score.
        z += Tree.from_dict(tree).predict(x)
        trees.append(tree)
    return {"base": base, "trees": trees}
