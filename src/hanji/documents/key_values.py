"""Generic key–value pairing by layout: ``label: value``, label left of value, label above value.

A learned model (:mod:`hanji.documents.pair_model`) scores candidate line pairs and keeps the
best, one-to-one. Two rules stay in charge where they are sure (:mod:`hanji.documents.pair_rules`):
a line holding ``label: value`` is split at its colon, and a lone label over a value line pairs
when the model left both lines unpaired. Without a model that loads, the rules pair everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from hanji.core.result import KeyValue, Page
from hanji.documents.layout import group_rows
from hanji.documents.pair_features import Candidates, pair_features
from hanji.documents.pair_model import PairModel, decode, shipped_pair_model
from hanji.documents.pair_rules import pair_by_rules, rule_line_pairs, split_colon

__all__ = ["PairPlan", "assemble_pairs", "pair_by_rules", "pair_key_values", "plan_pairs"]


@dataclass(frozen=True, slots=True)
class PairPlan:
    """What the model is asked about one page, and what the rules settle without it."""

    splits: dict[int, KeyValue]
    """In-line ``label: value`` pairs by line index; those lines take no other part."""
    candidates: Candidates
    """Candidate (key, value) line pairs among the other lines, with their features."""
    below: list[tuple[int, int]]
    """The rules' label-over-value pairs, kept where the model pairs neither line."""


def pair_key_values(page: Page, model: PairModel | None = None) -> list[KeyValue]:
    """Pair labels with values, in reading order of the labels.

    Args:
        page: An OCR'd page.
        model: The pair model to score with; by default the one shipped in the package, and the
            rules alone (:func:`pair_by_rules`) when that does not load.
    """
    model = model or shipped_pair_model()
    if model is None:
        return pair_by_rules(page)
    plan = plan_pairs(page)
    cands = plan.candidates
    return assemble_pairs(
        page, plan, decode(cands.keys, cands.values, model.score(cands.features), model.threshold)
    )


def plan_pairs(page: Page) -> PairPlan:
    """Split the colon lines and list the model's candidates among the rest."""
    splits = {i: kv for i, ln in enumerate(page.lines) if ln.words and (kv := split_colon(ln))}
    rest = [i for i, ln in enumerate(page.lines) if ln.words and i not in splits]
    rules = rule_line_pairs(page)
    below = [pair for pair, kind in rules.items() if kind == "below"]
    return PairPlan(splits, pair_features(page, rest, set(rules)), below)


def _pair(page: Page, k: int, v: int) -> KeyValue:
    key, value = page.lines[k], page.lines[v]
    return KeyValue(key.text.strip(" :："), value.text, key.words, value.words)


def assemble_pairs(page: Page, plan: PairPlan, kept: list[int]) -> list[KeyValue]:
    """The splits, the ``kept`` candidates and the unclaimed label-over-value rule pairs."""
    found = dict(plan.splits)
    used = set(plan.splits)
    for c in kept:
        k, v = int(plan.candidates.keys[c]), int(plan.candidates.values[c])
        found[k] = _pair(page, k, v)
        used |= {k, v}
    for k, v in plan.below:
        if k not in used and v not in used:
            found[k] = _pair(page, k, v)
            used |= {k, v}
    order = {id(ln): n for n, ln in enumerate(ln for row in group_rows(page) for ln in row)}
    return [found[i] for i in sorted(found, key=lambda i: order[id(page.lines[i])])]
