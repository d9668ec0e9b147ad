"""Train and cross-validate the key–value pair model on FUNSD forms (question → answer links).

Each annotated entity becomes one line of its words (so only pairing is learned and scored); a
candidate pair is positive when its key line is a question linked to its value line's answer.
Folds are by form, drawn once with a fixed seed; the decision threshold is chosen inside the
training part (by an inner cross-validation), never on the forms it is scored on.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.geometry import Box
from hanji.core.model_files import record_model
from hanji.core.result import KeyValue, Line, Page, Word
from hanji.documents.key_values import PairPlan, assemble_pairs, pair_by_rules, plan_pairs
from hanji.documents.pair_features import feature_names
from hanji.documents.pair_model import FORMAT, PairModel, decode
from hanji.documents.training.boost import BoostParams, fit_boosted_trees

SEED = 17
FOLDS = 5
THRESHOLDS = tuple(round(float(t), 2) for t in np.arange(0.1, 0.61, 0.05))


@dataclass(frozen=True, slots=True)
class Form:
    """One annotated form: its page (a line per entity), word → entity map and gold links."""

    id: str
    page: Page
    owner: dict[int, int]
    links: frozenset[tuple[int, int]]


def funsd_page(
    form: list[dict[str, Any]], width: int = 1000, height: int = 1000
) -> tuple[Page, dict[int, int]]:
    """A Page with one line per entity, and a map from ``id(word)`` to the entity id."""
    lines: list[Line] = []
    owner: dict[int, int] = {}
    for entity in sorted(form, key=lambda e: (e["box"][1], e["box"][0])):
        words = []
        for w in entity["words"]:
            x0, y0, x1, y1 = w["box"]
            if not w["text"].strip() or x1 <= x0 or y1 <= y0:
                continue
            word = Word(w["text"], Box(x0, y0, x1, y1).to_quad(), 1.0)
            owner[id(word)] = entity["id"]
            words.append(word)
        if words:
            lines.append(Line(tuple(words)))
    return Page(0, width, height, tuple(lines)), owner


def truth_pairs(form: list[dict[str, Any]]) -> frozenset[tuple[int, int]]:
    """(question id, answer id) links."""
    label = {e["id"]: e["label"] for e in form}
    pairs = set()
    for e in form:
        for a, b in e.get("linking", []):
            if label.get(a) == "question" and label.get(b) == "answer":
                pairs.add((a, b))
    return frozenset(pairs)


def load_forms(data_dir: Path, *, limit: int | None = None) -> list[Form]:
    """The forms of ``data_dir/annotations/*.json``, sorted by ID."""
    files = sorted((data_dir / "annotations").glob("*.json"))[:limit]
    forms = []
    for path in files:
        form = json.loads(path.read_text())["form"]
        page, owner = funsd_page(form)
        forms.append(Form(path.stem, page, owner, truth_pairs(form)))
    return forms


def folds(forms: Sequence[object], k: int = FOLDS, seed: int = SEED) -> list[int]:
    """Fold number of each form: a fixed-seed shuffle of the sorted IDs dealt round ``k`` folds."""
    order = np.random.default_rng(seed).permutation(len(forms))
    fold = [0] * len(forms)
    for position, i in enumerate(order):
        fold[int(i)] = position % k
    return fold


def _entity(form: Form, words: Sequence[Word]) -> int:
    return Counter(form.owner.get(id(w), -1) for w in words).most_common(1)[0][0]


@dataclass(frozen=True, slots=True)
class Prepared:
    """A form with its pairing plan (colon splits, model candidates) and 0/1 labels, computed once."""

    form: Form
    plan: PairPlan
    labels: np.ndarray


def prepare(form: Form) -> Prepared:
    """The candidates inference would score on ``form``, labelled by the gold links."""
    plan = plan_pairs(form.page)
    cands = plan.candidates
    lines = form.page.lines
    y = np.array(
        [
            (_entity(form, lines[k].words), _entity(form, lines[v].words)) in form.links
            for k, v in zip(cands.keys, cands.values, strict=True)
        ],
        dtype=np.float64,
    )
    return Prepared(form, plan, y)


def predicted_pairs(form: Form, pairs: Sequence[KeyValue]) -> set[tuple[int, int]]:
    """(key entity, value entity) of each pair, each side's majority entity by word count."""
    return {
        (_entity(form, kv.key_words), _entity(form, kv.value_words))
        for kv in pairs
        if kv.key_words and kv.value_words
    }


@dataclass(frozen=True, slots=True)
class Score:
    """Pair counts over some forms and the precision, recall and F1 they give."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / max(self.tp + self.fp, 1)

    @property
    def recall(self) -> float:
        return self.tp / max(self.tp + self.fn, 1)

    @property
    def f1(self) -> float:
        return 2 * self.tp / max(2 * self.tp + self.fp + self.fn, 1)


def score_pairs(form: Form, pairs: Sequence[KeyValue]) -> Score:
    """How ``pairs`` found on ``form`` compare with its gold links."""
    pred = predicted_pairs(form, pairs)
    return Score(len(form.links & pred), len(pred - form.links), len(form.links - pred))


def score_rules(forms: Sequence[Form]) -> Score:
    """Pair score of the rules alone."""
    return sum((score_pairs(f, pair_by_rules(f.page)) for f in forms), Score())


def score_model(
    prepared: Sequence[Prepared], fitted: dict[str, Any], thresholds: Sequence[float]
) -> list[Score]:
    """Pair score of the fitted trees on ``prepared`` forms at each threshold (scored once)."""
    model = PairModel.from_dict(_dump(fitted, 0.5, [], BoostParams()))
    totals = [Score() for _ in thresholds]
    for p in prepared:
        cands = p.plan.candidates
        scores = model.score(cands.features)
        for n, t in enumerate(thresholds):
            kept = decode(cands.keys, cands.values, scores, t)
            totals[n] += score_pairs(p.form, assemble_pairs(p.form.page, p.plan, kept))
    return totals


def _fit(prepared: Sequence[Prepared], params: BoostParams) -> dict[str, Any]:
    x = np.vstack([p.plan.candidates.features for p in prepared])
    return fit_boosted_trees(x, np.concatenate([p.labels for p in prepared]), params)


def _dump(
    fitted: dict[str, Any], threshold: float, trained_on: Sequence[str], params: BoostParams
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "features": feature_names(),
        "threshold": threshold,
        "params": {f: getattr(params, f) for f in BoostParams.__dataclass_fields__},
        "trained_on": sorted(trained_on),
        **fitted,
    }


def _split(items: Sequence[Prepared], fold: Sequence[int], n: int) -> tuple[list[Prepared], list[Prepared]]:
    """(the forms outside fold ``n``, the forms in it)."""
    train: list[Prepared] = []
    held: list[Prepared] = []
    for item, f in zip(items, fold, strict=True):
        (held if f == n else train).append(item)
    return train, held


def choose_threshold(prepared: Sequence[Prepared], params: BoostParams, inner: int = 3) -> float:
    """The threshold of best pair F1 on an inner ``inner``-fold cross-validation of ``prepared``."""
    fold = folds(prepared, inner, SEED + 1)
    totals = [Score() for _ in THRESHOLDS]
    for n in range(inner):
        train, held = _split(prepared, fold, n)
        totals = [
            a + b for a, b in zip(totals, score_model(held, _fit(train, params), THRESHOLDS), strict=True)
        ]
    best = max(range(len(THRESHOLDS)), key=lambda i: (totals[i].f1, -abs(THRESHOLDS[i] - 0.5)))
    return THRESHOLDS[best]


def train_pair_model(prepared: Sequence[Prepared], params: BoostParams | None = None) -> dict[str, Any]:
    """Fit the pair model on ``prepared`` forms (threshold by inner cross-validation); the JSON dump."""
    p = params or BoostParams()
    threshold = choose_threshold(prepared, p)
    return _dump(_fit(prepared, p), threshold, [x.form.id for x in prepared], p)


@dataclass(frozen=True, slots=True)
class FoldResult:
    """One held-out fold: its forms, the rules' and the model's scores, the chosen threshold."""

    forms: int
    rules: Score
    model: Score
    threshold: float


def cross_validate(
    prepared: Sequence[Prepared], params: BoostParams | None = None, k: int = FOLDS
) -> list[FoldResult]:
    """Score on each of ``k`` held-out folds a model fitted (and thresholded) on the others."""
    p = params or BoostParams()
    fold = folds(prepared, k)
    out = []
    for n in range(k):
        train, held = _split(prepared, fold, n)
        dump = train_pair_model(train, p)
        (model,) = score_model(held, dump, [dump["threshold"]])
        out.append(FoldResult(len(held), score_rules([h.form for h in held]), model, dump["threshold"]))
    return out


def cv_table(results: Sequence[FoldResult]) -> list[str]:
    """A Markdown table of held-out folds, then mean ± std (over folds) for rules and model."""
    out = [
        "| fold | forms | threshold | rules P | rules R | rules F1 | model P | model R | **model F1** |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for n, r in enumerate(results):
        out.append(
            f"| {n} | {r.forms} | {r.threshold:.2f} | {r.rules.precision:.3f} | {r.rules.recall:.3f} | "
            f"{r.rules.f1:.3f} | {r.model.precision:.3f} | {r.model.recall:.3f} | **{r.model.f1:.3f}** |"
        )
    cells = []
    for side in ("rules", "model"):
        for metric in ("precision", "recall", "f1"):
            values = np.array([getattr(getattr(r, side), metric) for r in results])
            cells.append(f"{values.mean():.3f} ± {values.std():.3f}")
    forms = sum(r.forms for r in results)
    out.append(f"| mean ± std | {forms} | | " + " | ".join(cells) + " |")
    return out


def write_model(dump: dict[str, Any], out: Path) -> str:
    """Write the model JSON and record its sha256 in ``MANIFEST.json`` beside it; returns the sha."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(dump, separators=(",", ":")) + "\n")
    trained_on = f"{len(dump['trained_on'])} FUNSD forms (all of the training split)"
    return record_model(out, format=dump["format"], trained_on=trained_on)
