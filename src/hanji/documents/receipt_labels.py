"""Printed labels beside receipt values (``keyText``): ``사업자번호 :``, ``일시``, ``TOTAL (RM):``.

A label sits left of its value on the same OCR line, or is its own box just left of the value's
box on the same visual row (narrow slips print ``사업자번호 :`` left and the number right).
"""

from __future__ import annotations

import re

from hanji.core.result import Line, Page, Word
from hanji.documents.layout import group_rows
from hanji.documents.spans import Span, words_between

BIZ_LABEL = re.compile(r"사\s*업\s*자|등\s*록\s*번\s*호|(?<![A-Z])(?:BRN|ROC|CO\.?\s*REG)(?![A-Z])", re.I)
DATE_LABEL = re.compile(
    r"(?:거\s*래|판\s*매|승\s*인|결\s*제|매\s*출|발\s*행|주\s*문)?\s*(?:일\s*[시자]|날\s*짜)"
    r"|(?<![A-Z])(?:(?:INVOICE|INV|TRANS(?:ACTION)?|BILL|DOC|RECEIPT|SALES?|ORDER)\.?\s*)?DATE|TARIKH",
    re.I,
)
TIME_LABEL = re.compile(r"(?:거\s*래\s*)?시\s*[간각]|(?<![A-Z])TIME|MASA", re.I)
DATE_TIME_LABEL = re.compile(r"일\s*시|DATE\s*[/&]\s*TIME", re.I)
"""Labels naming a date and a time at once: the time printed after the date shares them."""
STORE_NAME_LABEL = re.compile(
    r"^\W*(?P<k>상\s*호(?:\s*명)?|가\s*맹\s*점(?:\s*명)?|매\s*장\s*명|점\s*포\s*명)"
    # 가맹점번호 / 가맹점주소 are the merchant number and address, not the name.
    r"(?!\s*(?:번\s*호|코\s*드|주\s*소|전\s*화|ID|NO))\s*[:：]?\s*",
    re.I,
)
ADDRESS_LABEL = re.compile(
    r"^\W*(?P<k>(?:사\s*업\s*장|가\s*맹\s*점|매\s*장)?\s*주\s*소(?:\s*지)?)\s*[:：]?\s*"
)
CARD_COMPANY_LABEL = re.compile(r"카\s*드\s*(?:종\s*류|사|명)|발\s*급\s*사|매\s*입\s*사|CARD\s*TYPE", re.I)
CARD_NUMBER_LABEL = re.compile(r"카\s*드(?:\s*번\s*호)?|CARD\s*(?:NO|NUMBER|#)", re.I)
_TRIM = " \t:：.#-"


def label_before(page: Page, span: Span, label: re.Pattern[str]) -> str:
    """The printed label of ``label``'s kind just left of ``span``, without its colon; ``""`` if none.

    The label may run on past the pattern's match up to the colon (``사업자번호`` for ``사업자``).
    """
    return label_at_end(text_before(page, span), label)


def text_before(page: Page, span: Span) -> str:
    """What is printed left of ``span``: its own line's text before it, else the line left of it."""
    line = page.lines[span.line_index]
    prefix = line.text[: span.start]
    if re.search(r"\w", prefix):
        return prefix
    left = row_neighbour(page, line, -1)
    return left.text if left is not None else ""


def label_at_end(prefix: str, label: re.Pattern[str]) -> str:
    """The label ending ``prefix`` (only punctuation after it), as printed, or ``""``."""
    for m in label.finditer(prefix):
        tail = prefix[m.end() :]
        # Letters may finish the label word ("사업자" + "번호"), digits never: they are another value.
        if re.fullmatch(r"[^\d:：]{0,12}[:：.#]?\s*", tail):
            return prefix[m.start() :].strip(_TRIM)
    return ""


def match_label(span: Span) -> str:
    """The label a pattern matched together with its value (``TEL:`` of ``TEL:03-4021``)."""
    return span.match.string[span.match.start() : span.start].strip(_TRIM)


def amount_label(row: list[Line], amount_line: Line, start: int, label: re.Pattern[str]) -> str:
    """The printed label of the amount at ``start`` of ``amount_line`` (``""`` if none on ``row``).

    It is the row's line matching ``label``, cut before the amount when both share one OCR line
    (``Total (RM): 9.00``); a label split over boxes (``GRAND`` ``TOTAL``) is the row left of the amount.
    """
    for ln in row:
        if label.search(ln.text):
            cut = ln.text[:start] if ln is amount_line else ln.text
            return (cut if label.search(cut) else ln.text).strip(_TRIM)
    left = []
    for ln in row:
        if ln is amount_line:
            left.append(ln.text[:start])
            break
        left.append(ln.text)
    text = " ".join(left)
    return text.strip(_TRIM) if label.search(text) else ""


def labelled_value(page: Page, label: re.Pattern[str]) -> tuple[str, str, tuple[Word, ...]] | None:
    """``(keyText, value text, value words)`` of the first line starting with ``label`` (group ``k``).

    The value is the rest of that line or, when the label stands alone (``주소 :``), the line
    printed right of it on the same row.
    """
    for line in page.lines:
        m = label.match(line.text)
        if m is None:
            continue
        text = line.text[m.end() :].strip()
        if text:
            return m["k"].strip(), text, words_between(line, m.end(), len(line.text))
        right = row_neighbour(page, line, 1)
        if right is not None:
            return m["k"].strip(), right.text, right.words
    return None


def row_neighbour(page: Page, line: Line, step: int) -> Line | None:
    """The line printed just left (``step=-1``) or right (``step=1``) of ``line`` on its visual row."""
    for row in group_rows(page):
        for k, ln in enumerate(row):
            if ln is line:
                return row[k + step] if 0 <= k + step < len(row) else None
    return None
