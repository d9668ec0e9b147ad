"""Per-line features for the learned receipt line labeller (training and inference share them).

Each OCR line becomes one numeric vector: where it sits, what its text looks like, what its
visual row and neighbours say, and which line the rules extractor picked for each field (stacking
lets the model learn when to trust the rules and when to override them).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Set

import numpy as np

from hanji.core.result import Line, Page
from hanji.documents.layout import group_rows

FIELDS = ("company", "address", "date", "total")

_PATTERNS: dict[str, re.Pattern[str]] = {
    "company_form": re.compile(r"SDN|BHD|S/B|BERHAD|\bPLT\b|\(M\)|\bLTD\b|\bINC\b|㈜|주식회사", re.I),
    "company_hint": re.compile(
        r"ENTERPRISE|TRADING|RESTAURANT|RESTORAN|STORE|MART|SHOP|HARDWARE|STATIONERY|BOOK|"
        r"\bCO\b|CO\.|COMPANY|GIFT|FOOD|KEDAI|BAKERY|CAFE|MARKET|PHARMACY|HOLDINGS|RESOURCES|TRADERS",
        re.I,
    ),
    "address_word": re.compile(
        r"JALAN|\bJLN\b|TAMAN|\bTMN\b|\bLOT\b|\bNO\b|NO\.|LORONG|PERSIARAN|BANDAR|SEKSYEN|KAWASAN|"
        r"FLOOR|LEVEL|BLOCK|\bBLK\b|UNIT|PLAZA|MALL|WISMA|BATU|KAMPUNG",
        re.I,
    ),
    "address_place": re.compile(
        r"SELANGOR|KUALA|LUMPUR|JOHOR|BAHRU|KLANG|SHAH\s*ALAM|PETALING|JAYA|PUCHONG|CHERAS|"
        r"MALAYSIA|DARUL|EHSAN|PULAU|PINANG|PERAK|KEDAH|MELAKA|SKUDAI|SEMENYIH|KAJANG|SUBANG",
        re.I,
    ),
    "postcode": re.compile(r"(?<!\d)\d{5}(?!\d)"),
    "date": re.compile(
        r"(?<!\d)\d{1,2}\s?[-./]\s?(?:\d{1,2}|[A-Z]{3})\s?[-./]\s?\d{2,4}|(?:19|20)\d\d[-./]\d\d?[-./]\d\d?",
        re.I,
    ),
    "date_label": re.compile(r"DATE|TARIKH|일자|일시", re.I),
    "time": re.compile(r"(?<!\d)[0-2]?\d:[0-5]\d", re.I),
    "money": re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)"),
    "total_word": re.compile(r"TOTAL|JUMLAH|AMOUNT|NETT|PAYABLE|DUE|합\s*계", re.I),
    "total_strong": re.compile(r"ROUND|GRAND|NETT?\s*TOTAL|TOTAL.*INCL|AMOUNT\s*DUE|PAYABLE", re.I),
    "subtotal": re.compile(r"SUB|EXCL|BEFORE", re.I),
    "total_noise": re.compile(r"QTY|QUANTITY|ITEM|POINT|SAVING|DISC|TAX|GST|SST", re.I),
    "cash": re.compile(r"CASH|TENDER|PAID|VISA|MASTER|CARD|CREDIT|DEBIT", re.I),
    "change": re.compile(r"CHANGE|BALANCE|BAKI", re.I),
    "tel": re.compile(r"TEL|PHONE|FAX|H/P|\+?60\d|\b0\d{1,2}-\d{6,8}", re.I),
    "reg": re.compile(r"REG|GST\s*(?:ID|NO)|\bROC\b|\bBRN\b|CO\.?\s*NO|\d{5,}-[A-Z]\b", re.I),
    "header_word": re.compile(r"INVOICE|RECEIPT|CASH\s*BILL|WELCOME|THANK", re.I),
}
_LINE_KEYS = tuple(_PATTERNS)
# Row context: the label ("TOTAL", "DATE:") is often a separate OCR box on the value's row.
_ROW_KEYS = ("total_word", "total_strong", "subtotal", "total_noise", "cash", "change", "date_label")
_NEIGHBOUR_KEYS = ("company_form", "address_word", "address_place", "postcode", "date", "money", "tel")


def feature_names() -> list[str]:
    """Names of the columns :func:`line_features` returns, in order."""
    names = ["bias_one", "y_rel", "y_rank", "y_rank_sq", "top5", "x_left", "x_right", "width", "height"]
    names += ["log_len", "digit_frac", "alpha_frac", "upper_frac", "lower_only", "n_words", "amount_log"]
    names += ["amount_is_max", "amount_repeats", "rightmost", "row_size", "below_first_total", "last_third"]
    names += [f"re_{k}" for k in _LINE_KEYS]
    names += [f"row_{k}" for k in _ROW_KEYS]
    names += [f"{side}_{k}" for side in ("prev", "next") for k in _NEIGHBOUR_KEYS]
    names += [f"rule_{f}" for f in FIELDS]
    return names


def _amount(text: str) -> float:
    found = _PATTERNS["money"].findall(text)
    return float(found[-1].replace(",", "")) if found else 0.0


def _flags(text: str, keys: tuple[str, ...]) -> list[float]:
    return [float(bool(_PATTERNS[k].search(text))) for k in keys]


def line_features(page: Page, rule_picks: Mapping[str, Set[int]]) -> np.ndarray:
    """One row of features per ``page.lines`` entry.

    Args:
        page: The OCR'd receipt.
        rule_picks: For each of :data:`FIELDS`, the line indices the rules extractor chose.

    Returns:
        A float64 array ``(len(page.lines), len(feature_names()))``.
    """
    lines = list(page.lines)
    n = len(lines)
    if n == 0:
        return np.zeros((0, len(feature_names())))
    heights = [ln.bbox.height if ln.words else 0.0 for ln in lines]
    median_h = float(np.median([h for h in heights if h > 0] or [1.0]))
    row_of: dict[int, list[Line]] = {}
    for row in group_rows(page):
        for ln in row:
            row_of[id(ln)] = row
    amounts = [_amount(ln.text) for ln in lines]
    max_amount = max(amounts)
    first_total = next(
        (i for i, ln in enumerate(lines) if _PATTERNS["total_word"].search(ln.text) and ln.words), n
    )
    width, height = max(page.width, 1), max(page.height, 1)
    out = []
    for i, ln in enumerate(lines):
        text = ln.text
        box = ln.bbox if ln.words else None
        row = row_of.get(id(ln), [ln])
        row_text = " ".join(r.text for r in row)
        letters = [c for c in text if c.isalpha()]
        prev_text = lines[i - 1].text if i > 0 else ""
        next_text = lines[i + 1].text if i + 1 < n else ""
        feats = [
            1.0,
            (box.center.y / height) if box else 0.0,
            i / n,
            (i / n) ** 2,
            float(i < 5),
            (box.left / width) if box else 0.0,
            (box.right / width) if box else 0.0,
            (box.width / width) if box else 0.0,
            heights[i] / median_h,
            math.log1p(len(text)),
            sum(c.isdigit() for c in text) / max(len(text), 1),
            len(letters) / max(len(text), 1),
            sum(c.isupper() for c in letters) / max(len(letters), 1),
            float(bool(letters) and all(c.islower() for c in letters)),
            min(len(text.split()), 10) / 10,
            math.log1p(amounts[i]),
            float(amounts[i] > 0 and amounts[i] == max_amount),
            min(sum(a == amounts[i] for a in amounts) - 1, 4) / 4 if amounts[i] > 0 else 0.0,
            float(row[-1] is ln and len(row) > 1),
            min(len(row), 5) / 5,
            float(i > first_total),
            float(i >= 2 * n / 3),
        ]
        feats += _flags(text, _LINE_KEYS)
        feats += _flags(row_text, _ROW_KEYS)
        feats += _flags(prev_text, _NEIGHBOUR_KEYS) + _flags(next_text, _NEIGHBOUR_KEYS)
        feats += [float(i in rule_picks.get(f, ())) for f in FIELDS]
        out.append(feats)
    return np.asarray(out, dtype=np.float64)
