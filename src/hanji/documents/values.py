"""Value objects (text, normalised form, label, confidence, boxes) and the formatters of dates,
times, amounts and numbers.

Every extractor builds its leaves here so that they are alike across models.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hanji.core.document_fields import FieldValue, Formatted
from hanji.core.geometry import Quad
from hanji.core.result import Word

ValueObject = FieldValue
"""The name the extractors use for a read value (``hanji.core.document_fields.FieldValue``)."""


def value_object(
    text: str,
    words: Sequence[Word] = (),
    *,
    formatted: Formatted | None = None,
    key_text: str = "",
    confidence: float | None = None,
    quads: Sequence[Quad] | None = None,
    masking: Sequence[Quad] = (),
) -> FieldValue:
    """Build one value; its boxes come from ``quads`` or else one per word of the value.

    Args:
        text: The value as read.
        words: The OCR words the value came from (boxes and confidence).
        formatted: The normalised form; defaults to ``{"value": text}``.
        key_text: The printed label found beside the value, ``""`` if none.
        confidence: Overrides the mean word confidence.
        quads: Overrides the word boxes (e.g. a value cut out of a longer word).
        masking: Regions a client should mask (personal numbers' back half …).
    """
    if confidence is None:
        confidence = sum(w.confidence for w in words) / len(words) if words else 0.0
    return FieldValue(
        text,
        formatted if formatted is not None else {"value": text},
        key_text,
        round(float(confidence), 4),
        tuple(quads if quads is not None else [w.quad for w in words]),
        tuple(masking),
    )


_DATE_PATTERNS = (
    # 2024-01-31, 2024.1.31, 2024/01/31, 2024년 1월 31일, 2024年1月31日
    re.compile(r"(?P<y>(?:19|20)\d\d)\s*[-./년年]\s*(?P<m>\d{1,2})\s*[-./월月]\s*(?P<d>\d{1,2})"),
    # 31/01/2024, 31-01-24 (day first: SROIE, Europe, Asia outside Korea/Japan/China)
    re.compile(r"(?<!\d)(?P<d>\d{1,2})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<y>(?:19|20)?\d\d)(?!\d)"),
    # 31 Jan 2024, 31-JAN-24
    re.compile(
        r"(?<!\d)(?P<d>\d{1,2})[\s\-/.]*(?P<mon>[A-Za-z]{3})[A-Za-z]*[\s\-/.,]*(?P<y>(?:19|20)?\d\d)(?!\d)"
    ),
    # 20240131
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?!\d)"),
    # March 15, 2024 / Mar. 15th 2024 (English invoices and letters)
    re.compile(
        r"(?<![A-Za-z])(?P<mon>[A-Za-z]{3})[A-Za-z]*\.?\s*(?P<d>\d{1,2})(?:st|nd|rd|th)?\s*,?\s*"
        r"(?P<y>(?:19|20)\d\d)(?!\d)"
    ),
)
# Japanese era years: 令和 1 = 2019, 平成 1 = 1989 (元年 is year 1).
_ERAS = {"令和": 2018, "平成": 1988}
_ERA_DATE = re.compile(r"(?P<era>令和|平成)\s*(?P<n>\d{1,2}|元)\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})")
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
    )
}


def format_date(text: str) -> dict[str, str] | None:
    """``{"year", "month", "day"}`` (zero-padded strings) for the first plausible date in ``text``.

    Japanese era dates (``令和6年3月15日``) are converted to the Gregorian year.
    """
    era = _ERA_DATE.search(text)
    if era is not None:
        gregorian = _ERAS[era["era"]] + (1 if era["n"] == "元" else int(era["n"]))
        text = f"{gregorian}-{era['m']}-{era['d']}"
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            groups = m.groupdict()
            month = _MONTHS.get(groups["mon"].lower()) if groups.get("mon") else int(groups["m"])
            if month is None:
                continue
            day, year = int(groups["d"]), groups["y"]
            if len(year) == 2:
                year = "20" + year
            if month > 12 and day <= 12 and not groups.get("mon"):
                # Month-first prints (US-style tills: 12/28/2017) are read when day-first cannot be.
                day, month = month, day
            if 1 <= month <= 12 and 1 <= day <= 31:
                return {"year": year, "month": f"{month:02d}", "day": f"{day:02d}"}
    return None


_TIME = re.compile(
    r"(?<!\d)(?P<h>[0-2]?\d)\s*[:시]\s*(?P<m>[0-5]\d)(?:\s*[:분]\s*(?P<s>[0-5]\d))?(?:\s*(?P<ap>[AaPp])\.?[Mm])?"
)


def format_time(text: str) -> dict[str, str] | None:
    """``{"hour", "minute", "second"}`` (24-hour, zero-padded) for the first time in ``text``."""
    for m in _TIME.finditer(text):
        hour = int(m["h"])
        if m["ap"]:
            hour = hour % 12 + (12 if m["ap"].lower() == "p" else 0)
        if hour < 24:
            return {"hour": f"{hour:02d}", "minute": m["m"], "second": m["s"] or "00"}
    return None


_MONEY = re.compile(r"-?\d[\d,.\s]*")


def format_money(text: str) -> str | None:
    """Digits of an amount, separators and currency dropped, decimals kept (``1,234.50`` → ``1234.50``)."""
    m = _MONEY.search(text.replace(" ", ""))
    if not m:
        return None
    raw = m.group().rstrip(".,")
    # A final separator followed by exactly two digits is a decimal point; the others group thousands.
    dec = re.search(r"[.,](\d{1,2})$", raw)
    whole = raw[: dec.start()] if dec else raw
    digits = re.sub(r"[^\d-]", "", whole)
    # One decimal digit ("43.7") is a short-printed cent amount, never a thousands group.
    return f"{digits}.{dec.group(1).ljust(2, '0')}" if dec else digits


def digits_only(text: str) -> str:
    """Number without separators (``123-45-67890`` → ``1234567890``)."""
    return re.sub(r"\D", "", text)
