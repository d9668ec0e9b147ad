"""Multinomial logistic regression by full-batch gradient descent (numpy; no scikit-learn)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class SoftmaxModel:
    """Standardisation plus a linear softmax layer; what ``receipt.json`` stores."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray  # (n_features, n_classes)
    bias: np.ndarray  # (n_classes,)


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return np.asarray(e / e.sum(axis=1, keepdims=True))


def fit_softmax(
    x: np.ndarray, y: np.ndarray, n_classes: int, *, l2: float = 1e-3, steps: int = 3000, lr: float = 0.5
) -> SoftmaxModel:
    """Fit weights minimising class-balanced cross-entropy plus ``l2`` × ‖W‖².

    Classes are weighted by inverse frequency: "other" lines outnumber each field about 20 to 1,
    and an unweighted fit would learn to predict "other" everywhere. Deterministic (zero init).
    """
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    xs = (x - mean) / scale
    onehot = np.eye(n_classes)[y]
    counts = np.bincount(y, minlength=n_classes).astype(np.float64)
    class_w = counts.sum() / (n_classes * np.maximum(counts, 1.0))
    sample_w = class_w[y][:, None]
    norm = float(sample_w.sum())
    w = np.zeros((x.shape[1], n_classes))
    b = np.zeros(n_classes)
    for _ in range(steps):
        grad = (_softmax(xs @ w + b) - onehot) * sample_w / norm
        w -= lr * (xs.T @ grad + 2 * l2 * w)
        b -= lr * grad.sum(axis=0)
    return SoftmaxModel(mean, scale, w, b)
