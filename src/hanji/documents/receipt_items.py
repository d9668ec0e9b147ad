"""Receipt line items: a name with a quantity and/or price on the same visual row."""

from __future__ import annotations

import re

from hanji.core.document_fields import FieldNode
from hanji.core.result import Page
from hanji.documents.layout import group_rows, row_text
from hanji.documents.values import format_money, value_object

_PRICE = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)|(?<!\d)\d{1,3}(?:,\d{3})+(?!\d)")
_SKIP = re.compile(
    r"TOTAL|GST|TAX|CASH|CHANGE|ROUND|AMOUNT|DISCOUNT|합계|부가세|과세|면세|받을|거스름|TEL|DATE", re.I
)
_QTY = re.compile(r"^\s*(\d{1,3})\s*$|(?<![\d.])(\d{1,3})\s*[xX@]")


def find_items(page: Page) -> list[dict[str, FieldNode]]:
    """Rows that read like ``NAME [QTY] [UNIT] PRICE`` between the header and the totals."""
    items: list[dict[str, FieldNode]] = []
    for row in group_rows(page):
        text = row_text(row)
        prices = [(m, ln) for ln in row for m in _PRICE.finditer(ln.text)]
        name_lines = [
            ln for ln in row if re.search(r"[A-Za-z가-힣]{2,}", ln.text) and not _PRICE.search(ln.text)
        ]
        if not prices or not name_lines or _SKIP.search(text):
            continue
        name = name_lines[0]
        item: dict[str, FieldNode] = {"name": value_object(name.text, name.words)}
        m, ln = prices[-1]
        price: dict[str, FieldNode] = {
            "price": value_object(m.group(), ln.words, formatted={"value": format_money(m.group()) or ""})
        }
        if len(prices) >= 2:
            um, uln = prices[-2]
            price["unitPrice"] = value_object(
                um.group(), uln.words, formatted={"value": format_money(um.group()) or ""}
            )
        for ln2 in row:
            q = _QTY.search(ln2.text)
            if q and ln2 is not name:
                qty = q.group(1) or q.group(2)
                item["count"] = value_object(qty, ln2.words, formatted={"value": qty})
                break
        item["price"] = price
        items.append(item)
    return items
