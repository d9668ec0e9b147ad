"""Train and evaluate the receipt line model on SROIE-layout data (``key/ID.json`` + OCR pages).

Two learners fit the same line features and labels: gradient-boosted trees, one ensemble per field
(what ships), and the linear softmax they replaced (kept as the baseline). ``cross_validate`` deals
the receipts into folds with a fixed seed and scores the rules and each learner on every held-out
fold, so the figures come from receipts the model never saw.
"""

from __future__ import annotations

import json
import statistics
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from hanji.core.model_files import record_model
from hanji.core.result import Page
from hanji.documents.receipt import extract_receipt, rule_picks
from hanji.documents.receipt_features import FIELDS, feature_names, line_features
from hanji.documents.receipt_model import BOOSTED_FORMAT, SOFTMAX_FORMAT, LineModel, line_model_from_dict
from hanji.documents.store_words import learn_store_words
from hanji.documents.training.boost import BoostParams, fit_boosted_trees
from hanji.documents.training.fit import fit_softmax
from hanji.documents.training.labels import CLASSES, label_lines
from hanji.documents.training.score import receipt_fields, score

PageSource = Callable[[Path], Page]
Learner = Literal["boost", "softmax"]
LEARNERS: tuple[Learner, ...] = ("boost", "softmax")
FOLDS = 5
SEED = 17
LINE_TREES = BoostParams(trees=120, depth=4, learning_rate=0.1, min_hessian=1.0)
"""Boosting settings for the line model (fixed before cross-validation, never tuned on its folds)."""


@dataclass(frozen=True, slots=True)
class Example:
    """One receipt: its ID, OCR page and the four truth fields."""

    id: str
    page: Page
    truth: dict[str, str]


def load_examples(
    data_dirs: Iterable[Path], page_for: PageSource, *, limit: int | None = None
) -> list[Example]:
    """Receipts of every data dir (``key/ID.json``, ``img/ID.jpg``) sorted by ID, OCR'd by ``page_for``."""
    keys = sorted((k for d in data_dirs for k in (d / "key").glob("*.json")), key=lambda k: k.stem)[:limit]
    return [
        Example(k.stem, page_for(k.parent.parent / "img" / f"{k.stem}.jpg"), json.loads(k.read_text()))
        for k in keys
    ]


def folds(examples: Sequence[Example], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """Fold number of each example: a fixed-seed shuffle of the sorted IDs dealt round ``k`` folds."""
    ids = sorted(range(len(examples)), key=lambda i: examples[i].id)
    order = np.random.default_rng(seed).permutation(len(ids))
    fold = [0] * len(examples)
    for position, i in enumerate(order):
        fold[ids[int(i)]] = position % k
    return fold


def design_matrix(examples: Sequence[Example]) -> tuple[np.ndarray, np.ndarray]:
    """Stacked line features and labels of every example."""
    xs = [line_features(e.page, rule_picks(e.page)) for e in examples if e.page.lines]
    ys = [label_lines(e.page, e.truth) for e in examples if e.page.lines]
    return np.vstack(xs), np.concatenate(ys)


def _softmax_dump(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    fitted = fit_softmax(x, y, len(CLASSES))
    return {
        "format": SOFTMAX_FORMAT,
        "mean": np.round(fitted.mean, 6).tolist(),
        "scale": np.round(fitted.scale, 6).tolist(),
        "weights": np.round(fitted.weights, 6).tolist(),
        "bias": np.round(fitted.bias, 6).tolist(),
    }


def _boosted_dump(x: np.ndarray, y: np.ndarray) -> dict[str, Any]:
    ensembles = {
        field: fit_boosted_trees(x, (y == CLASSES.index(field)).astype(np.float64), LINE_TREES)
        for field in FIELDS
    }
    return {"format": BOOSTED_FORMAT, "ensembles": ensembles}


def train_line_model(examples: Sequence[Example], learner: Learner = "boost") -> dict[str, Any]:
    """Fit a line model; returns the JSON-ready dump (numbers rounded to 6 digits)."""
    x, y = design_matrix(examples)
    fitted = _boosted_dump(x, y) if learner == "boost" else _softmax_dump(x, y)
    return {
        **fitted,
        "classes": list(CLASSES),
        "features": feature_names(),
        "trained_on": sorted(e.id for e in examples),
        "words": learn_store_words(
            f"{e.truth.get('company') or ''} {e.truth.get('address') or ''}" for e in examples
        ),
    }


def evaluate(examples: Sequence[Example], model: LineModel | None) -> dict[str, float]:
    """SROIE F1 of the extractor, with ``model`` overriding the rules or (``None``) rules only."""
    return score((e.truth, receipt_fields(extract_receipt(e.page, model))) for e in examples)


@dataclass(frozen=True, slots=True)
class FoldResult:
    """One held-out fold: how many receipts, and F1 per field and ``overall`` for each extractor."""

    fold: int
    size: int
    scores: dict[str, dict[str, float]]
    """Extractor (``rules`` or a learner) → field (and ``overall``) → F1."""


def cross_validate(
    examples: Sequence[Example], k: int = FOLDS, learners: Sequence[Learner] = LEARNERS
) -> list[FoldResult]:
    """Score the rules and a model of each learner fitted without fold ``n`` on fold ``n``."""
    fold = folds(examples, k)
    results = []
    for n in range(k):
        train = [e for e, f in zip(examples, fold, strict=True) if f != n]
        held = [e for e, f in zip(examples, fold, strict=True) if f == n]
        scores = {"rules": evaluate(held, None)}
        for learner in learners:
            scores[learner] = evaluate(held, line_model_from_dict(train_line_model(train, learner)))
        results.append(FoldResult(n, len(held), scores))
    return results


def cv_table(results: Sequence[FoldResult]) -> list[str]:
    """Markdown: per extractor, F1 per field as mean ± std over the held-out folds, then per fold."""
    columns = (*FIELDS, "overall")
    extractors = list(results[0].scores) if results else []
    out = [
        f"{len(results)} held-out folds, {sum(r.size for r in results)} receipts; F1 mean ± std over folds",
        "",
        "| extractor | " + " | ".join(columns) + " |",
        "|---|" + "---|" * len(columns),
    ]
    for name in extractors:
        cells = []
        for c in columns:
            values = [r.scores[name][c] for r in results]
            spread = statistics.pstdev(values) if len(values) > 1 else 0.0
            cells.append(f"{statistics.fmean(values):.3f} ± {spread:.3f}")
        out.append(f"| {name} | " + " | ".join(cells) + " |")
    out += ["", "| fold | receipts | " + " | ".join(f"{n} overall" for n in extractors) + " |"]
    out.append("|---|---|" + "---|" * len(extractors))
    for r in results:
        out.append(
            f"| {r.fold} | {r.size} | "
            + " | ".join(f"{r.scores[n]['overall']:.3f}" for n in extractors)
            + " |"
        )
    return out


def write_model(dump: dict[str, Any], out: Path) -> str:
    """Write the model JSON and record its sha256 in ``MANIFEST.json`` beside it; returns the sha."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dump, separators=(",", ":")) + "\n")
    return record_model(out, format=dump["format"], trained_on=f"{len(dump['trained_on'])} SROIE receipts")
