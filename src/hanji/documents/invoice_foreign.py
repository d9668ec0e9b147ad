"""``invoice`` for Japanese 請求書 / 適格請求書 and English invoices (세금계산서: see ``invoice``).

Both put the buyer on the left (``…御中`` / ``請求先`` / ``Bill To``), the supplier's letterhead on
the other side or on top (``発行元`` / ``From``), then an item table and a totals block. PP-OCR
often reads Japanese kanji as their simplified Chinese twins (費→费, 単→单), so labels accept both.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from hanji.core.document_fields import FieldNode
from hanji.core.result import Line, Page
from hanji.documents.checksums import jp_corporate_number_valid
from hanji.documents.invoice_items import ItemTable, find_items
from hanji.documents.labelled import merged_rows
from hanji.documents.name_card_vocab import ADDRESS, COMPANY, ZIP
from hanji.documents.spans import words_between
from hanji.documents.values import ValueObject, digits_only, format_date, format_money, value_object

_TWINS = {"費": "费", "単": "单", "額": "额", "計": "计", "請": "请", "発": "发", "録": "录", "価": "价"}
_TWINS |= {"数": "數", "税": "稅", "号": "號", "読": "读", "対": "对", "書": "书", "名": "名"}
_MONEY = re.compile(r"(?<![\d.,%])[$¥￥€£]?\s?\d(?:[\d,.]*\d)?(?![\d%])(?!\s*%)")
_DATE = re.compile(
    r"(?:令和|平成)\s*(?:\d{1,2}|元)\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日?"
    r"|(?:19|20)\d\d\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?"
    r"|[A-Za-z]{3,9}\.?\s*\d{1,2}(?:st|nd|rd|th)?,?\s*(?:19|20)\d\d"
    r"|\d{1,2}\s*[A-Za-z]{3,9}\.?\s*(?:19|20)\d\d|\d{1,2}/\d{1,2}/(?:19|20)\d\d"
)
_REGISTRATION = re.compile(r"T\s*-?\s*(\d(?:[\s-]?\d){12})(?!\d)")


def jp(*labels: str, flags: int = 0) -> re.Pattern[str]:
    """Labels matched with optional spaces between letters and either twin of each kanji."""

    def one(label: str) -> str:
        return r"\s*".join(f"[{ch}{_TWINS[ch]}]" if ch in _TWINS else re.escape(ch) for ch in label)

    return re.compile("|".join(f"(?:{one(lb)})" for lb in labels), flags)


_JA_TABLE = ItemTable(
    columns=(
        ("count", "数量", jp("数量")),
        ("unitPrice", "単価", jp("単価")),
        ("supplyPrice", "金額", jp("金額")),
    ),
    name=jp("品名", "品目", "内容", "摘要"),
    end=jp("小計", "合計", "消費税"),
    name_key_text="品名",
    amount=lambda text: format_money(text) or digits_only(text),
)
_EN_TABLE = ItemTable(
    columns=(
        ("count", "Qty", jp("Qty", "Quantity", "Hours", flags=re.I)),
        ("unitPrice", "Unit Price", jp("Unit Price", "Rate", "Price", flags=re.I)),
        ("supplyPrice", "Amount", jp("Amount", "Line Total", flags=re.I)),
    ),
    name=jp("Description", "Item", "Product", "Service", flags=re.I),
    end=jp("Subtotal", "Sub total", "Total", "Tax", "VAT", flags=re.I),
    name_key_text="Description",
    amount=lambda text: format_money(text) or digits_only(text),
)
_JA_TOTALS = (
    ("totalSupplyPrice", jp("小計", "税抜合計"), None),
    ("totalTaxPrice", jp("消費税"), jp("対象")),
    ("totalPrice", jp("合計", "ご請求金額", "請求金額"), jp("小計")),
)
_EN_TOTALS = (
    ("totalSupplyPrice", jp("Subtotal", "Sub total", "Sub-total", flags=re.I), None),
    ("totalTaxPrice", re.compile(r"\b(?:Sales\s*Tax|Tax|VAT|GST)\b", re.I), None),
    ("totalPrice", re.compile(r"\b(?:Total|Amount\s*Due|Balance\s*Due)\b", re.I), re.compile(r"Sub", re.I)),
)


def _money_after(row: Line, start: int, key_text: str) -> ValueObject | None:
    m = _MONEY.search(row.text, start)
    if m is None:
        return None
    text = m.group()
    words = words_between(row, m.start(), m.end())
    return value_object(text, words, formatted={"value": format_money(text) or ""}, key_text=key_text)


def _totals(rows: list[Line], labels: tuple[Any, ...]) -> dict[str, ValueObject]:
    """Totals by label; several tax rows (10 % and 8 %) are added up into one amount."""
    out: dict[str, ValueObject] = {}
    for key, label, exclude in labels:
        found = []
        for row in rows:
            m = label.search(row.text)
            if m is None or (exclude is not None and exclude.search(row.text)):
                continue
            vo = _money_after(row, m.end(), m.group())
            if vo is not None:
                found.append(vo)
                if key != "totalTaxPrice":
                    break
        if len(found) == 1:
            out[key] = found[0]
        elif found:
            total = sum(float(vo.value or 0) for vo in found)
            decimals = any("." in vo.value for vo in found)
            out[key] = value_object(
                " + ".join(vo.text for vo in found),
                formatted={"value": f"{total:.2f}" if decimals else str(round(total))},
                key_text=found[0].key_text,
                confidence=min(vo.confidence for vo in found),
                quads=[q for vo in found for q in vo.quads],
            )
    return out


def _line_object(line: Line, text: str, key_text: str = "") -> ValueObject:
    start = line.text.find(text)
    return value_object(text, words_between(line, start, start + len(text)), key_text=key_text)


def _party_below(
    lines: list[Line], anchor: Line, key_text: str, *, named: bool = False
) -> dict[str, ValueObject]:
    """Name and address printed under ``anchor`` in its column (``Bill To:`` / ``発行元``).

    With ``named`` the anchor is the party's name itself (a letterhead) and only the address is read.
    """
    out: dict[str, ValueObject] = {"name": _line_object(anchor, anchor.text.strip())} if named else {}
    column = [
        ln
        for ln in lines
        if ln.bbox.top > anchor.bbox.center.y
        and abs(ln.bbox.left - anchor.bbox.left) < 3 * anchor.bbox.height
    ]
    for line in sorted(column, key=lambda ln: ln.bbox.top)[:4]:
        text = line.text.strip()
        if "name" not in out:
            out["name"] = _line_object(line, text, key_text)
        elif ADDRESS.search(text) and "address" not in out:
            zip_code = ZIP.match(text)
            address = text[zip_code.end() :] if zip_code else text
            if len(address) > 5:  # a postcode line alone (〒100-0005) is not the address
                out["address"] = _line_object(line, address)
    return out


def extract_foreign(page: Page, lang: str) -> dict[str, FieldNode]:
    """The ``invoice`` result of a Japanese (``lang="ja"``) or English invoice page."""
    lines = [ln for ln in page.lines if ln.words and ln.text.strip()]
    rows = merged_rows(page)
    out: dict[str, FieldNode] = {}
    japanese = lang == "ja"
    buyer_label = (
        jp("請求先", "御中") if japanese else re.compile(r"Bill(?:ed)?\s*To|Sold\s*To|Invoice\s*To", re.I)
    )
    supplier_label = jp("発行元", "請求元") if japanese else re.compile(r"^\s*From\b", re.I)
    buyer: dict[str, ValueObject] = {}
    supplier: dict[str, ValueObject] = {}
    for line in lines:
        m = buyer_label.search(line.text)
        if m is None or buyer:
            continue
        rest = (line.text[: m.start()] if m.group().endswith("中") else line.text[m.end() :]).strip(" :：")
        if rest:
            buyer["name"] = _line_object(line, rest, m.group())
        else:
            buyer = _party_below(lines, line, m.group())
    anchor = next((ln for ln in lines if supplier_label.search(ln.text)), None)
    reg = next((ln for ln in lines if _REGISTRATION.search(ln.text)), None)
    if anchor is not None and not COMPANY.search(anchor.text):
        supplier = _party_below(lines, anchor, "発行元" if japanese else "From")
    else:
        # Letterhead: the company line nearest above the registration number (or the first one).
        taken = {buyer["name"].text} if "name" in buyer else set()
        names = [ln for ln in lines if COMPANY.search(ln.text) and not any(t in ln.text for t in taken)]
        if reg is not None:
            names = [ln for ln in names if ln.bbox.top < reg.bbox.top] or names
            names.sort(key=lambda ln: abs(ln.bbox.left - reg.bbox.left) + abs(ln.bbox.top - reg.bbox.top) / 4)
        if names:
            supplier = _party_below(lines, names[0], "", named=True)
    if reg is not None:
        m = _REGISTRATION.search(reg.text)
        assert m is not None
        number = digits_only(m.group(1))
        vo = value_object(
            m.group(), words_between(reg, m.start(), m.end()), formatted={"value": "T" + number}
        )
        vo = replace(vo, key_text="登録番号")
        if not jp_corporate_number_valid(number):  # a misread digit, most likely
            vo = replace(vo, confidence=round(vo.confidence / 2, 4))
        supplier["bizNum"] = vo
    if supplier:
        out["supplier"] = supplier
    if buyer:
        out["buyer"] = buyer
    date_label = (
        jp("請求日", "発行日", "請求年月日", "日付")
        if japanese
        else re.compile(r"(?<!Due )(?:Invoice\s*)?Date", re.I)
    )
    for row in rows:
        m = date_label.search(row.text)
        d = _DATE.search(row.text, m.end()) if m else None
        if m and d and (parsed := format_date(d.group())) is not None:
            words = words_between(row, d.start(), d.end())
            out["issueDate"] = value_object(d.group(), words, formatted=parsed, key_text=m.group())
            break
    items, end = find_items(rows, _MONEY, _JA_TABLE if japanese else _EN_TABLE)
    for item in items:
        if "name" in item:  # ※ marks a reduced-rate (8 %) item, not part of its name
            name = item["name"]
            item["name"] = replace(name, formatted={"value": re.sub(r"\s*[※*]+\s*$", "", name.text)})
    if items:
        out["items"] = list(items)
    out |= _totals(rows[end:] if items else rows, _JA_TOTALS if japanese else _EN_TOTALS)
    return out
