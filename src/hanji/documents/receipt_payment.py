"""Card payment details of a receipt: ``paymentInfo.cardInfo``, ``confirmNum``, ``creditCardPrice``."""

from __future__ import annotations

import re

from hanji.core.document_fields import FieldNode
from hanji.core.result import Page
from hanji.documents.layout import group_rows, row_text
from hanji.documents.receipt_labels import (
    CARD_COMPANY_LABEL,
    CARD_NUMBER_LABEL,
    amount_label,
    label_before,
    match_label,
)
from hanji.documents.spans import search_lines
from hanji.documents.values import digits_only, format_money, value_object

_CARD_COMPANY = re.compile(
    r"\b(?P<v>VISA|MASTER\s?CARD|MASTER|AMEX|AMERICAN\s+EXPRESS|UNION\s?PAY|JCB|DINERS|MYDEBIT|"
    r"신한|국민|KB|삼성|현대|롯데|비씨|BC|하나|우리|농협|NH)(?:카드|CARD)?\b",
    re.I,
)
# Printed card numbers are masked in the middle: 4111-11**-****-1111, XXXXXXXXXXXX1234.
_CARD_NUMBER = re.compile(
    r"(?<![\w*])(?P<v>[\dX*]{4}[- ]?[\dX*]{2,6}[- ]?[\dX*]{0,6}[- ]?\d{4})(?![\w*])", re.I
)
_CONFIRM = re.compile(
    r"(?:APPR(?:OVAL)?|AUTH(?:ORI[SZ]ATION)?|승인)\s*(?:CODE|NO|번호)?\.?\s*[:#]?\s*(?P<v>\d{4,10})", re.I
)
_CARD_ROW = re.compile(r"VISA|MASTER|CREDIT\s*CARD|CARD|AMEX|신용|카드", re.I)
_AMOUNT = re.compile(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d{2}(?!\d)|(?<!\d)\d{1,3}(?:,\d{3})+(?!\d)")


def find_card_payment(page: Page) -> dict[str, FieldNode]:
    """``cardInfo`` {company, number} and ``confirmNum`` when the slip shows a card payment."""
    out: dict[str, FieldNode] = {}
    card: dict[str, FieldNode] = {}
    for span in search_lines(page, _CARD_COMPANY, "v"):
        key = label_before(page, span, CARD_COMPANY_LABEL)
        card["company"] = value_object(
            span.text, span.words, formatted={"value": span.text.upper()}, key_text=key
        )
        break
    for span in search_lines(page, _CARD_NUMBER, "v"):
        # A number needs a mask character or a card word on its line, else it is a phone or serial.
        line = page.lines[span.line_index].text
        if re.search(r"[X*]", span.text, re.I) or _CARD_ROW.search(line):
            key = label_before(page, span, CARD_NUMBER_LABEL)
            formatted = {"value": digits_only(span.text)}
            card["number"] = value_object(span.text, span.words, formatted=formatted, key_text=key)
            break
    if card:
        out["cardInfo"] = card
    for span in search_lines(page, _CONFIRM, "v"):
        out["confirmNum"] = value_object(
            span.text, span.words, formatted={"value": span.text}, key_text=match_label(span)
        )
        break
    return out


def find_card_price(page: Page) -> dict[str, FieldNode]:
    """``creditCardPrice``: the amount on the last row naming a card payment."""
    found: dict[str, FieldNode] = {}
    for row in group_rows(page):
        label = row_text(row)
        if not _CARD_ROW.search(label) or re.search(r"NO\b|NUMBER|번호", label, re.I):
            continue
        amounts = [(m, ln) for ln in row for m in _AMOUNT.finditer(ln.text)]
        if amounts:
            m, ln = amounts[-1]
            key = amount_label(row, ln, m.start(), _CARD_ROW)
            found["creditCardPrice"] = value_object(
                m.group(), ln.words, formatted={"value": format_money(m.group()) or m.group()}, key_text=key
            )
    return found
