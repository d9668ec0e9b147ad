"""Line labels derived from SROIE key fields: which OCR line carries which field's text."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

import numpy as np

from hanji.core.result import Page
from hanji.documents.receipt_features import FIELDS
from hanji.documents.values import format_date, format_money

CLASSES = ("other", *FIELDS)
_MONEY = re.compile(r"\d[\d,]*\.\d{1,2}(?!\d)|(?<![\d.])\d+(?![\d.,])")


def _tokens(text: str) -> list[str]:
    return re.findall(r"[A-Z0-9]+", unicodedata.normalize("NFKC", text).upper())


def _coverage(line: str, truth: str) -> float:
    """Share of the line's characters (by token) that also appear as tokens of ``truth``."""
    toks = _tokens(line)
    truth_toks = set(_tokens(truth))
    total = sum(len(t) for t in toks)
    return sum(len(t) for t in toks if t in truth_toks) / total if total else 0.0


def label_lines(page: Page, truth: Mapping[str, str]) -> np.ndarray:
    """Class index (into :data:`CLASSES`) for every line of ``page``.

    Company and address lines are those whose tokens mostly (≥ 70 %) occur in the truth text,
    the better-covered field winning; a date line formats to the truth date; a total line holds an
    amount equal to the truth total (every such line: total, cash and rounded lines alike).
    """
    labels = np.zeros(len(page.lines), dtype=np.int64)
    date = format_date(truth.get("date") or "")
    total = format_money(truth.get("total") or "")
    for i, line in enumerate(page.lines):
        text = line.text
        if total and any(format_money(m) == total for m in _MONEY.findall(text)):
            labels[i] = CLASSES.index("total")
            continue
        if date and format_date(text) == date:
            labels[i] = CLASSES.index("date")
            continue
        company = _coverage(text, truth.get("company") or "")
        address = _coverage(text, truth.get("address") or "")
        if max(company, address) >= 0.7 and len(re.sub(r"\W", "", text)) >= 3:
            labels[i] = CLASSES.index("company" if company >= address else "address")
    return labels
