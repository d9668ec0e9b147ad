"""SROIE key-field scoring: exact match after normalisation, per-field and pooled F1.

Same normalisation as ``benchmarks/documents.py``: NFKC, upper case, whitespace removed, totals
compared as money digits.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from hanji.core.document_fields import DocumentFields, value_at
from hanji.documents.receipt_features import FIELDS
from hanji.documents.values import format_money


def normalise(value: str, field: str) -> str:
    """The comparison form of one field value."""
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", value).upper())
    return (format_money(s) or s) if field == "total" else s


def receipt_fields(result: DocumentFields) -> dict[str, str]:
    """The four SROIE fields read out of a ``receipt`` result."""
    paths = {
        "company": ("storeInfo", "name"),
        "address": ("storeInfo", "addresses"),
        "date": ("paymentInfo", "date"),
        "total": ("totalPrice", "price"),
    }
    return {
        field: (found.text if (found := value_at(result, *path)) else "") for field, path in paths.items()
    }


def f1(tp: int, fp: int, fn: int) -> float:
    """F1 from counts (0 when there is nothing to count)."""
    return 2 * tp / max(2 * tp + fp + fn, 1)


def score(pairs: Iterable[tuple[Mapping[str, str], Mapping[str, str]]]) -> dict[str, float]:
    """Per-field and ``overall`` F1 over (truth, prediction) field dicts.

    A wrong non-empty prediction counts as both a false positive and a false negative.
    """
    counts = {f: [0, 0, 0] for f in FIELDS}
    for truth, pred in pairs:
        for field, c in counts.items():
            gold, guess = normalise(truth.get(field) or "", field), normalise(pred.get(field, ""), field)
            if gold and guess == gold:
                c[0] += 1
            else:
                c[1] += bool(guess)
                c[2] += bool(gold)
    out = {f: f1(*c) for f, c in counts.items()}
    out["overall"] = f1(*(sum(c[i] for c in counts.values()) for i in range(3)))
    return out
