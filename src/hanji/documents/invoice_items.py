"""Item tables (세금계산서, 請求書, invoices, 진료비 영수증): columns by header label, cells by column."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

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


@dataclass(frozen=True, slots=True)
class ItemTable:
    """What one kind of item table prints.

    Attributes:
        columns: ``(key, keyText, header pattern)`` of each numeric column, left to right.
        name: Header label of the item-name column (its row is the header row).
        end: A row matching this ends the items (totals, remarks).
        name_key_text: ``keyText`` of the item names.
        amount: Normalises an amount's text (won: digits only; yen/dollars keep decimals).
    """

    columns: tuple[tuple[str, str, re.Pattern[str]], ...]
    name: re.Pattern[str]
    end: re.Pattern[str]
    name_key_text: str = "품목"
    amount: Callable[[str], str] = digits_only


TAX_INVOICE = ItemTable(_COLUMNS, _NAME, _END)
"""The Korean 세금계산서 item table (수량, 단가, 공급가액, 세액)."""


def _centre_x(words: tuple[Word, ...]) -> float:
    return sum(w.quad.center.x for w in words) / len(words)


def _header(rows: list[Line], table: ItemTable) -> tuple[int, dict[str, float]] | None:
    """Index of the header row and the centre x of each numeric column's label."""
    for i, row in enumerate(rows):
        if not table.name.search(row.text):
            continue
        cols: dict[str, float] = {}
        for key, _, pattern in table.columns:
            m = pattern.search(row.text)
            words = words_between(row, m.start(), m.end()) if m else ()
            if words:
                cols[key] = _centre_x(words)
        if len(cols) >= 2:
            return i, cols
    return None


def find_items(
    rows: list[Line], money: re.Pattern[str], table: ItemTable = TAX_INVOICE
) -> tuple[list[dict[str, ValueObject]], int]:
    """Item rows between the header and the totals row, and the index of the row after the last item.

    Numeric words go to the nearest numeric column (in order when a row fills every column: labels
    are centred over right-aligned numbers, so nearest can slip by one); the other words, left of
    the first numeric column, make the item name.
    """
    head = _header(rows, table)
    if head is None:
        return [], 0
    start, cols = head
    items: list[dict[str, ValueObject]] = []
    i = start + 1
    first_col = min(cols.values())
    while i < len(rows) and not table.end.search(rows[i].text):
        cells: dict[str, list[Word]] = {}
        name: list[Word] = []
        numbers = [w for w in rows[i].words if money.fullmatch(w.text) and w.quad.center.x > first_col / 2]
        in_order = len(numbers) == len(cols)
        for word in rows[i].words:
            if word in numbers:
                key = (
                    sorted(cols, key=cols.__getitem__)[numbers.index(word)]
                    if in_order
                    else min(cols, key=lambda k: abs(cols[k] - word.quad.center.x))
                )
                cells.setdefault(key, []).append(word)
            elif word.quad.center.x < first_col:
                name.append(word)
        i += 1
        if not cells:
            continue
        item: dict[str, ValueObject] = {}
        if name:
            text = " ".join(w.text for w in name)
            item["name"] = value_object(text, name, key_text=table.name_key_text)
        for key, key_text, _ in table.columns:
            if key in cells:
                words = cells[key]
                text = " ".join(w.text for w in words)
                item[key] = value_object(
                    text, words, formatted={"value": table.amount(text)}, key_text=key_text
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
    digits, total = unit.value, int(supply.value or 0)
    for k in range(1, min(4, len(digits))):
        count, price = int(digits[:k]), int(digits[k:])
        if count and count * price == total:
            conf = round(unit.confidence / 2, 4)  # halved: the split is inferred, not read
            item["count"] = replace(unit, text=digits[:k], formatted={"value": str(count)}, confidence=conf)
            item["unitPrice"] = replace(unit, formatted={"value": str(price)}, confidence=conf)
            break
    return item
