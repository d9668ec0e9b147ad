"""The item table of a 세금계산서: columns located by their header labels, cells by nearest column."""

from __future__ import annotations

import re

from hanji.core.result import Line, Word
from hanji.documents.labelled import label_pattern
from hanji.documents.spans import words_between
from hanji.documents.values import ValueObject, digits_only, value_object

_COLUMNS = (
    ("count", "수량", label_pattern("수량")),
    ("unitPrice", "단가", label_pattern("단가")),
    ("supplyPrice", "공급가액", label_pattern("공급가액")),
    ("taxPrice", "세액", label_pattern("세액")),
)
_NAME = label_pattern("품목", "품명")
_END = label_pattern("합계", "총액", "비고")


def _centre_x(words: tuple[Word, ...]) -> float:
    return sum(w.quad.center.x for w in words) / len(words)


def _header(rows: list[Line]) -> tuple[int, dict[str, float]] | None:
    """Index of the header row and the centre x of each numeric column's label."""
    for i, row in enumerate(rows):
        if not _NAME.search(row.text):
            continue
        cols: dict[str, float] = {}
        for key, _, pattern in _COLUMNS:
            m = pattern.search(row.text)
            words = words_between(row, m.start(), m.end()) if m else ()
            if words:
                cols[key] = _centre_x(words)
        if len(cols) >= 2:
            return i, cols
    return None


def find_items(rows: list[Line], money: re.Pattern[str]) -> tuple[list[dict[str, ValueObject]], int]:
    """Item rows between the header and the totals row, and the index of the row after the last item.

    Numeric words go to the nearest numeric column; the other words, left of the first numeric
    column, make the item name.
    """
    head = _header(rows)
    if head is None:
        return [], 0
    start, cols = head
    items: list[dict[str, ValueObject]] = []
    i = start + 1
    while i < len(rows) and not _END.search(rows[i].text):
        cells: dict[str, list[Word]] = {}
        name: list[Word] = []
        first_col = min(cols.values())
        for word in rows[i].words:
            if money.fullmatch(word.text):
                key = min(cols, key=lambda k: abs(cols[k] - word.quad.center.x))
                cells.setdefault(key, []).append(word)
            elif word.quad.center.x < first_col:
                name.append(word)
        i += 1
        if not cells:
            continue
        item: dict[str, ValueObject] = {}
        if name:
            text = " ".join(w.text for w in name)
            item["name"] = value_object(text, name, key_text="품목")
        for key, key_text, _ in _COLUMNS:
            if key in cells:
                words = cells[key]
                text = " ".join(w.text for w in words)
                item[key] = value_object(
                    text, words, formatted={"value": digits_only(text)}, key_text=key_text
                )
        items.append(_cross_check(item))
    return items, i


def _cross_check(item: dict[str, ValueObject]) -> dict[str, ValueObject]:
    """Recover a quantity OCR glued onto the unit price (``13 70,000`` → ``1370,000``).

    Quantity × unit price = supply amount on every line; when the quantity is missing and a prefix
    of the unit price's digits makes that product hold, the digits are split there.
    """
    unit, supply = item.get("unitPrice"), item.get("supplyPrice")
    if "count" in item or unit is None or supply is None:
        return item
    digits, total = unit["formatted"]["value"], int(supply["formatted"]["value"] or 0)
    for k in range(1, min(4, len(digits))):
        count, price = int(digits[:k]), int(digits[k:])
        if count and count * price == total:
            conf = round(unit["confidenceScore"] / 2, 4)  # halved: the split is inferred, not read
            item["count"] = {
                **unit,
                "text": digits[:k],
                "formatted": {"value": str(count)},
                "confidenceScore": conf,
            }
            item["unitPrice"] = {**unit, "formatted": {"value": str(price)}, "confidenceScore": conf}
            break
    return item
