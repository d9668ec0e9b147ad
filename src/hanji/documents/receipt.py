"""``receipt``: store, payment, items and total of a till receipt, by label and layout heuristics.

Tuned on English/Malay receipts (SROIE) and Korean till slips; every rule is a plain pattern so a
miss can be traced to the line that caused it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from hanji.core.document_fields import DocumentFields, FieldNode
from hanji.core.result import Line, Page, Word
from hanji.core.text_reader import PageImage
from hanji.documents.address_text import clean_address
from hanji.documents.checksums import biz_number_valid
from hanji.documents.layout import group_rows, row_text
from hanji.documents.receipt_decode import pick_block, pick_candidate
from hanji.documents.receipt_features import line_features
from hanji.documents.receipt_items import find_items
from hanji.documents.receipt_labels import (
    ADDRESS_LABEL,
    BIZ_LABEL,
    DATE_LABEL,
    DATE_TIME_LABEL,
    STORE_NAME_LABEL,
    TIME_LABEL,
    amount_label,
    label_at_end,
    label_before,
    labelled_value,
    match_label,
    text_before,
)
from hanji.documents.receipt_model import LineModel, shipped_line_model
from hanji.documents.receipt_payment import find_card_payment, find_card_price
from hanji.documents.spans import Span, search_lines
from hanji.documents.store_words import NAME_SHORTEST, StoreWords
from hanji.documents.values import (
    ValueObject,
    digits_only,
    format_date,
    format_money,
    format_time,
    value_object,
)

_DATE = re.compile(
    # A four-digit year may run straight into the time ("14/03/20185:57:07PM"): no end guard there.
    r"(?<![\d.])(?:\d{1,2}[-./]\d{1,2}[-./](?:19|20)\d\d(?=\d|\b)"
    r"|(?:(?:19|20)\d\d[-./]\d{1,2}[-./]\d{1,2}"
    r"|\d{1,2}[-./]\d{1,2}[-./]\d\d"
    r"|\d{1,2}[- ]?(?:JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[A-Z]*[- ,]?(?:19|20)?\d\d"
    r"|(?:19|20)\d\d년\s?\d{1,2}월\s?\d{1,2}일)(?![\d]))",
    re.I,
)
_TIME = re.compile(r"(?<!\d)[0-2]?\d:[0-5]\d(?::[0-5]\d)?(?:\s?[AP]\.?M)?", re.I)
_TEL = re.compile(
    r"(?:(?<![A-Z])(?:TEL|PHONE|PH|T)\s*[.:]?|전\s*화(?:\s*번\s*호)?\s*[:：]?)\s*(?P<v>\+?\d[\d\s\-()]{6,}\d)",
    re.I,
)
_BIZ = re.compile(r"(?:사업자|등록번호|BRN|ROC|CO\.?\s?REG)[^\d]*(?P<v>\d{3}-?\d{2}-?\d{5})", re.I)
_BIZ_SHAPE = re.compile(r"(?<![\d-])\d{3}-\d{2}-\d{5}(?![\d-])")
"""A Korean business registration number as printed (123-45-67890), label or not."""
_BIZ_LABEL = re.compile(r"사\s*업\s*자|등\s*록\s*번\s*호|대\s*표\s*자?\s*[:：]")
_MONEY = re.compile(
    r"(?<![\d.])(?:RM|\$|₩|MYR)?\s?-?\d{1,3}(?:[,]\d{3})*(?:\.\d{2})(?![\d])|(?<!\d)\d{1,3}(?:,\d{3})+원?"
)
_COMPANY_HINT = re.compile(
    r"SDN|BHD|S/B|ENTERPRISE|TRADING|RESTAURANT|RESTORAN|STORE|MART|SHOP|HARDWARE|STATIONERY|BOOK|"
    r"CO\.|COMPANY|GIFT|FOOD|KEDAI|BAKERY|CAFE|MARKET|PHARMACY|(주)|㈜|주식회사",
    re.I,
)
_NOT_STORE = re.compile(r"TAX INVOICE|INVOICE|RECEIPT|WELCOME|CASH BILL|GST|REG\.? ?NO|^\W*$", re.I)
_REG_NO = re.compile(
    r"^\(?\s*(?:CO\.?\s*(?:REG\.?)?\s*(?:NO)?\.?\s*:?)?\s*[A-Z]{0,3}\d{4,}[-\s]?[A-Z]\s*\)?\W*$", re.I
)
_ADDRESS_STOP = re.compile(
    r"TEL|FAX|PHONE|GST|TAX|INVOICE|RECEIPT|H/P|EMAIL|WEBSITE|WWW|DOC|DATE|CASHIER|전화", re.I
)
_TOTAL_LABELS = (
    (
        re.compile(
            r"ROUNDE?D?\s*D?\s*TOTAL|TOTAL\s*\(?ROUNDED|NET\s*T?\s*TOTAL|GRAND\s*TOTAL|합\s*계|총\s*액|받을\s*금액",
            re.I,
        ),
        4,
    ),
    (re.compile(r"TOTAL.*(?:INCL|INC\.|PAYABLE|DUE)|AMOUNT\s*DUE|TOTAL\s*AMOUNT", re.I), 3),
    (re.compile(r"^\W*TOTAL\W*$|^\W*TOTAL\s*:|TOTAL\s*\(RM\)|TOTAL\s*RM|TOTAL\s*SALES", re.I), 2),
    (re.compile(r"TOTAL", re.I), 1),
)
_ANY_TOTAL_LABEL = re.compile(r"TOTAL|AMOUNT|합\s*계|총\s*액|받을\s*금액", re.I)
_TOTAL_EXCLUDE = re.compile(r"SUB|EXCL|QTY|ITEM|TAX\b|DISC|SAVING|QUANTITY|TOTAL\s*GST|CHANGE|POINT", re.I)


def _is_person_name(line: Line) -> bool:
    # SROIE scans carry the annotator's handwriting-like lowercase name on top; receipts print capitals.
    letters = [c for c in line.text if c.isalpha()]
    return bool(letters) and all(c.islower() for c in letters)


def _is_code(text: str) -> bool:
    # Stamps and serials printed or scribbled above the store name ("A03030", "31812012", "CHECKED").
    t = text.strip()
    digits = sum(c.isdigit() for c in t)
    short_code = len(t) <= 8 and digits > 0
    return (" " not in t and (digits >= len(t) / 2 or short_code)) or t.upper() in {"CHECKED", "COPY"}


_REG_TAIL = re.compile(
    r"\s*\(?\s*(?:CO\.?\s*REG\.?\s*(?:NO)?\.?:?\s*)?\d{5,}\s*[-·.]?\s*[A-Z]\s*\)?\W*$", re.I
)
_CODE_HEAD = re.compile(r"^[A-Z]?\d[\d/]{4,}\s+")
_OWNER_LABEL = re.compile(r"^(?:OWN(?:ED)?\s+BY|OPERATED\s+BY|DIMILIKI(?:\s+OLEH)?)\s*[:.]?\s*", re.I)
"""``OWN BY: CHEF LEE SDN BHD``, ``Dimiliki: …`` (owned by, in Malay): the label is not the name."""
_ANNOTATOR_HEAD = re.compile(r"^(?:[a-z]+\s+)+(?=[^a-z\s]*[A-Z]{2})")
"""Lower-case words glued before a printed capital name on its row: a scan's handwritten note."""
_NOT_NAME = re.compile(
    r"THANK|PLEASE|COME AGAIN|GOODS SOLD|RETURNABLE|REFUNDABLE|ORDER NUMBER|REF\.?\s*NO|SHOPPING WITH",
    re.I,
)
"""Courtesy and footer lines the line model may still take for the store's name."""
_PHONE_ONLY = re.compile(r"^\W*\+?\d{2,4}[- ]?\d{3,4}[- ]?\d{3,4}\W*$")


def _biz_number(page: Page) -> ValueObject | None:
    """The store's business number: after its label, else an unlabelled one of its printed shape
    whose National Tax Service check digit holds (a phone number of that shape fails it)."""
    for span in search_lines(page, _BIZ, "v"):
        formatted = {"value": digits_only(span.text)}
        return value_object(span.text, span.words, formatted=formatted, key_text=match_label(span))
    for span in search_lines(page, _BIZ_SHAPE):
        if biz_number_valid(digits_only(span.text)):
            formatted = {"value": digits_only(span.text)}
            key = label_before(page, span, BIZ_LABEL)
            return value_object(span.text, span.words, formatted=formatted, key_text=key)
    return None


_CONTACT_PARTS = (
    _TEL,
    re.compile(r"FAX\s*[.:]?\s*\+?\d[\d\s\-()]{6,}\d", re.I),
    re.compile(r"대\s*표\s*(?:자|이\s*사)?\s*[:：]?\s*[가-힣]{2,4}"),
    re.compile(r"(?:사\s*업\s*자|등\s*록)[가-힣\s]*[:：]?\s*\d{3}-?\d{2}-?\d{5}"),
    _BIZ_SHAPE,
    _PHONE_ONLY,
)


def _is_contact_row(text: str) -> bool:
    """A line of phone, fax, representative or business number only (``대표 : 김민준 TEL 02-335-1234``)."""
    rest = text
    for part in _CONTACT_PARTS:
        rest = part.sub(" ", rest)
    return rest != text and not re.search(r"\w", rest)


def _not_a_name(text: str) -> bool:
    """A heading, courtesy or footer line, or one too short to name a store."""
    return bool(_NOT_STORE.search(text) or _NOT_NAME.search(text)) or len(re.sub(r"\W", "", text)) < 3


def _store_lines(page: Page) -> tuple[list[Line], list[Line]]:
    """(name lines, address lines) from the header block above the first date/tel/tax line."""
    top = [ln for ln in page.lines[:14] if not _is_person_name(ln) and not _is_code(ln.text)]
    name: list[Line] = []
    address: list[Line] = []
    i = 0
    while i < len(top) and _not_a_name(top[i].text):
        i += 1
    # A line naming a company form (SDN BHD, S/B, ㈜ …) near the top is the name even below a logo text.
    for j in range(i, min(i + 4, len(top))):
        if re.search(r"SDN|BHD|S/B|\(주\)|㈜|주식회사", top[j].text, re.I):
            i = j
            break
    if i < len(top):
        name.append(top[i])
        i += 1
        # A second capitalised line without digits continues a long name (e.g. "... SDN BHD" wrapped).
        if (
            i < len(top)
            and not re.search(r"\d", top[i].text)
            and _COMPANY_HINT.search(top[i].text)
            and not _COMPANY_HINT.search(name[0].text)
        ):
            name.append(top[i])
            i += 1
    while i < len(top):
        text = top[i].text
        i += 1
        if not address and _is_contact_row(text):
            continue  # Korean slips print 대표 / TEL above the address: still the header, not its end
        if _ADDRESS_STOP.search(text):
            break
        if _DATE.search(text):
            # A print date between the name and the address is skipped; after the address it ends it.
            if address:
                break
            continue
        if _REG_NO.match(text) or re.search(r"BR\s*NO|CO[-. ]?REG|REG\.?\s*NO", text, re.I):
            continue
        if _BIZ.search(text) or _BIZ_SHAPE.search(text) or _BIZ_LABEL.search(text):
            continue  # the business number (and its 대표 line) is bizNum, never part of the address
        if _PHONE_ONLY.match(text):
            break
        address.append(top[i - 1])
        if len(address) >= 5:
            break
    # A line labelled 주소 is the address, wherever the layout rules above stopped.
    labelled = next((ln for ln in top if ADDRESS_LABEL.match(ln.text)), None)
    if labelled is not None and all(ln is not labelled for ln in address):
        address = [labelled]
    return name, address


_COMPANY_FORM = re.compile(r"\bSDN\.?\s*BHD|\bBHD\b|\bS/B\b|BERHAD|㈜|주식회사", re.I)
_COMPANY_FORM_AT_START = re.compile(r"^\W*(?:SDN|BHD|S/B)", re.I)


_NAME_END_WORD = re.compile(
    r"^\W*(?:ENTERPRISE|TRADING|RESTAURANTS?|RESTORAN|HARDWARE|STATIONERY|MARKET|CO\b|COMPANY|"
    r"BAKERY|CAFE|FOOD|CONFECTIONERY|SUPERMARKET|HYPERMARKET|MART|STORE|SHOP|BOOK)",
    re.I,
)
"""Words a wrapped company name's last line starts with (``ENTERPRISE (SETIA`` / ``ALAM) SDN BHD``)."""


_LETTERS = re.compile(r"[A-Za-z가-힣ぁ-んァ-ン一-龯]{3}")
"""A store name has a word of letters (``3 1801.017`` is a logo read as digits)."""


def _whole_name_lines(page: Page, lines: list[Line]) -> list[Line]:
    """The chosen name lines completed by :func:`_whole_name` around their company form."""
    index = {id(ln): i for i, ln in enumerate(page.lines)}
    chosen = [index[id(ln)] for ln in lines if id(ln) in index]
    formal = [i for i in chosen if _COMPANY_FORM.search(page.lines[i].text)]
    if not formal:
        return lines
    return [page.lines[i] for i in _whole_name(page, chosen, formal[0])]


def _whole_name(page: Page, name: list[int], formal: int) -> list[int]:
    """The name lines with what belongs to the company form's line: the boxes left of it on its
    row (``SWC`` ``ENTERPRISE`` ``SDN BHD``), and up to two lines above it that it wraps from."""
    target = page.lines[formal]
    row = _row_of(page, formal)
    index = {id(ln): i for i, ln in enumerate(page.lines)}
    left = [
        index[id(ln)]
        for ln in row
        if ln is not target
        and ln.bbox.right <= target.bbox.left + 0.2 * target.bbox.width
        and re.search(r"[A-Za-z가-힣]{2}", ln.text)
        and not re.search(r"\d", ln.text)
    ]
    out = sorted({*name, *left, formal})
    top = min(out)
    for _ in range(2):
        if top == 0 or top - 1 in out or not _wrapped_name(page.lines[top - 1], page.lines[top]):
            break
        top -= 1
        out.insert(0, top)
    return out


def _letter_count(text: str) -> int:
    return len(re.sub(r"[^A-Za-z가-힣]", "", text))


def _wrapped_name(above: Line, below: Line) -> bool:
    """Whether ``below`` is the wrapped end of the name on the line right above it: a company
    form with at most one word before it (``RESTAURANT SDN BHD``, ``CO. (M) SDN BHD``, ``SDN BHD``)
    or a line opening with a word names end in (``ENTERPRISE (SETIA``), under a line of letters in
    type of about its size, with no digits (not a registration number or an address) and no
    receipt heading."""
    form = _COMPANY_FORM.search(below.text)
    if form is not None:
        before = below.text[: form.start()].split()
        words = [w for w in before if _letter_count(w) >= 2]
        if len(words) > 1 and not _NAME_END_WORD.match(below.text):
            return False
    elif not _NAME_END_WORD.match(below.text):
        return False
    text = above.text
    if re.search(r"\d", text) or _NOT_STORE.search(text) or _letter_count(text) < 3:
        return False
    a, b = above.bbox, below.bbox
    similar = 0.6 <= a.height / max(b.height, 1.0) <= 1.6
    # Boxes of adjacent lines overlap a little; a gap of more than a line is another block.
    return similar and -0.5 * b.height <= b.top - a.bottom <= 1.5 * b.height


_FORM_MISREADS = (
    # How OCR misreads the company forms: "S/B" (Sendirian Berhad) as 5/B, S/D, S/8, 5/8 or with
    # the registration's bracket read as an S (5/BS), "SDN BHD" as SON BHD or SDN DHD.
    (re.compile(r"\b(?:[S5]/[B8]S?|S/D)$"), "S/B"),
    # An initialism's I read as a one (D.1.Y.), a space read as an underscore (AIK_HUAT).
    (re.compile(r"(?<=\b[A-Z]\.)1(?=\.)"), "I"),
    (re.compile(r"(?<=[A-Za-z])_(?=[A-Za-z])"), " "),
    (re.compile(r"\bS[O0]N(\.?\s*)BHD\b"), r"SDN\1BHD"),
    (re.compile(r"\bSDN(\.?\s*)[D8]HD\b"), r"SDN\1BHD"),
)
_AFTER_FORM = re.compile(
    r"(\b(?:SDN\.?\s*BHD|S/B|BERHAD|BHD))\s*(?:[(\[]\s*(?:CO\b|\d).*|[(\[]\W*\w{0,2}|\d.*)$", re.I
)
"""What OCR glues after the company form is its registration number (``SDN BHD (8199K)``,
``S/B 273500-U``, ``SDN BHD (CO.NO:``) or a stray mark; a branch in words (``(JALAN KLANG LAMA)``) stays."""


def _clean_name(text: str) -> str:
    if not re.search(r"[\u3040-\u30ff\u3400-\u9fff가-힣]", text):
        text = unicodedata.normalize("NFKC", text)  # full-width （ ） beside Latin are misreads
    text = _CODE_HEAD.sub("", _REG_TAIL.sub("", text)).strip()
    text = _OWNER_LABEL.sub("", _ANNOTATOR_HEAD.sub("", text))
    for misread, form in _FORM_MISREADS:
        text = misread.sub(form, text)
    return _AFTER_FORM.sub(r"\1", text)


def _join(lines: list[Line]) -> tuple[str, list[Word]]:
    text = " ".join(ln.text for ln in lines)
    return re.sub(r"\s+", " ", text).strip(), [w for ln in lines for w in ln.words]


def _total_pick(page: Page) -> tuple[str, Line, str] | None:
    """(amount text, line holding it, label text) of the best-ranked total label's amount."""
    best: tuple[int, int, str, Line, str] | None = None
    rows = group_rows(page)
    for r, row in enumerate(rows):
        label = row_text(row)
        for pattern, rank in _TOTAL_LABELS:
            if pattern.search(label) and not (_TOTAL_EXCLUDE.search(label) and rank < 3):
                # The amount sits right of the label, or (narrow slips) on the next row.
                for cand_row in (row, rows[r + 1] if r + 1 < len(rows) else []):
                    amounts = [(m, ln) for ln in cand_row for m in _MONEY.finditer(ln.text)]
                    if amounts:
                        m, ln = amounts[-1]
                        key = amount_label(row, ln, m.start(), pattern)
                        # Later rows win ties: the payable total is printed below the subtotals.
                        cand = (rank, r, m.group().strip(), ln, key)
                        if best is None or (rank, r) >= (best[0], best[1]):
                            best = cand
                        break
                break
    return None if best is None else best[2:]


_ROUNDING = re.compile(r"ROUND", re.I)
_STEP = re.compile(r"(?<![\d.])\d?\.\d{2}(?!\d)")
"""The adjustment as printed: ``0.02``, ``-0.02``, ``(0.01)``, or ``.01`` with its zero lost."""
ROUNDING_MAX = 0.10
"""Cash rounding adjusts a total by less than this (to 5 sen in Malaysia, 5 or 10 cents elsewhere)."""


def _money_value(text: str) -> float | None:
    digits = format_money(text)
    try:
        return float(digits) if digits else None
    except ValueError:
        return None


def _row_amounts(row: list[Line]) -> list[tuple[float, str, Line, int]]:
    """Each amount on a row: value, text, the line holding it, where it starts on that line."""
    out = []
    for ln in row:
        for m in _MONEY.finditer(ln.text):
            value = _money_value(m.group())
            if value is not None:
                out.append((value, m.group().strip(), ln, m.start()))
    return out


def _after_rounding(page: Page) -> tuple[str, Line, str] | None:
    """The payable total of a receipt that prints a cash-rounding adjustment: the amount in the two
    rows under the adjustment that differs from an amount in the five rows above it by exactly the
    adjustment (``Total 42.48 / Rounding Adj 0.02 / Total After Adj 42.50``). None without one.

    The payable amount is what the customer is charged, so it wins over the total before rounding
    and over the cash tendered, whichever the label ranking or the line model chose.
    """
    rows = group_rows(page)
    for i, row in enumerate(rows):
        label = row_text(row)
        if not _ROUNDING.search(label) or re.search("TOTAL", label, re.I):
            continue
        steps = [v for m in _STEP.finditer(label) if 0 < (v := float(m.group())) < ROUNDING_MAX]
        if not steps:
            continue
        before = [v for above in rows[max(0, i - 5) : i] for v, *_ in _row_amounts(above)]
        for below in rows[i + 1 : i + 3]:
            for value, text, ln, start in _row_amounts(below):
                if any(abs(abs(value - a) - steps[0]) < 0.005 for a in before):
                    return text, ln, amount_label(below, ln, start, _ANY_TOTAL_LABEL)
        return None
    return None


_TENDERED = re.compile(r"CASH|TENDER|PAYMENT|PAID|ACCEPTED|RECEIVED", re.I)
_CHANGE = re.compile(r"CHANGE|BALANCE", re.I)


def _before_change(page: Page, total: tuple[str, Line, str]) -> tuple[str, Line, str] | None:
    """The amount paid for when the chosen total is the cash tendered: tendered minus the change
    printed under it, found on a row above (``SUB TOTAL 10.00 / CASH 20.00 / CHANGE DUE 10.00``)."""
    text, line, label = total
    tendered = _money_value(text)
    if tendered is None or not _TENDERED.search(label):
        return None
    rows = group_rows(page)
    at = next((k for k, row in enumerate(rows) if any(ln is line for ln in row)), None)
    if at is None:
        return None
    change = next(
        (v for row in rows[at + 1 : at + 3] if _CHANGE.search(row_text(row)) for v, *_ in _row_amounts(row)),
        None,
    )
    if change is None or change <= 0:
        return None
    for k in range(at - 1, max(-1, at - 8), -1):
        for value, found, ln, start in _row_amounts(rows[k]):
            if abs(value - (tendered - change)) < 0.005:
                return found, ln, amount_label(rows[k], ln, start, _ANY_TOTAL_LABEL)
    return None


def _dates(page: Page) -> list[Span]:
    dates = [s for s in search_lines(page, _DATE) if format_date(s.text)]
    # A date on a line labelled DATE / 일자 beats one printed elsewhere (validity, promotions).
    dates.sort(key=lambda s: not re.search(r"DATE|일자|일시", page.lines[s.line_index].text, re.I))
    return dates


def rule_picks(page: Page) -> dict[str, set[int]]:
    """Line indices the rules choose for ``company``, ``address``, ``date`` and ``total``.

    The learned line model takes these as features, so it can keep a rule pick or override it.
    """
    index = {id(ln): i for i, ln in enumerate(page.lines)}
    name, address = _store_lines(page)
    dates = _dates(page)
    total = _total_pick(page)
    return {
        "company": {index[id(ln)] for ln in name},
        "address": {index[id(ln)] for ln in address},
        "date": {dates[0].line_index} if dates else set(),
        "total": {index[id(total[1])]} if total and id(total[1]) in index else set(),
    }


@dataclass(slots=True)
class _Picks:
    """The lines/spans chosen for the four key fields, by rules first and then the model."""

    name: list[Line]
    address: list[Line]
    date: Span | None
    total: tuple[str, Line, str] | None


_ADDRESS_OPENER = re.compile(
    r"^\W*(?:NO\b|NO\.|LOTS?\b|UNIT\b|[A-Z]?-?\d+[A-Z]?(?:[-/]\d+[A-Z]?)*\s*[,&]|[A-Z]-\d)", re.I
)
"""How the first line of a Malaysian/English address opens: ``NO. 12,``, ``LOT 34817``, ``42-46,``,
``D-08,``."""


_ADDRESS_LINES = 6
"""The most lines an address block grows to by following its commas."""


def _store_line(text: str) -> bool:
    """A line above an address that is the store's, not the address's: no digits outside brackets
    (a registration number in brackets may follow the name), and no comma closing it."""
    return not re.search(r"\d", re.sub(r"\(.*?\)", "", text)) and not text.rstrip().endswith(",")


def _continues_into(above: Line, below: Line) -> bool:
    """Whether ``above`` is the address line right above ``below`` (touching it, overlapping it
    across, not a contact, registration or heading line)."""
    a, b = above.bbox, below.bbox
    adjacent = -0.5 * b.height <= b.top - a.bottom <= 1.5 * b.height
    overlap = min(a.right, b.right) - max(a.left, b.left) > 0
    return adjacent and overlap and not _ends_address(above.text)


def _ends_address(text: str) -> bool:
    """A contact, registration, heading or company line: no address line."""
    stop = _ADDRESS_STOP.search(text) or _REG_NO.match(text) or _PHONE_ONLY.match(text)
    return bool(stop or _COMPANY_FORM.search(text))


def _address_block(page: Page, block: list[int], name: list[int]) -> list[int]:
    """The model's address block with its edges set by how addresses open: a line right above it
    that opens like an address starts it (the model often misses the number line), and lines at its
    top before such an opener that hold no digits and end without a comma (a brand or store line
    like ``DOMINO'S PIZZA PERMAS JAYA``, ``BEST DENKI MALAYSIA (308282-A)``) are dropped."""
    if not block:
        return block
    lines = page.lines
    for k in range(1, len(block)):
        if _ADDRESS_OPENER.match(lines[block[k]].text):
            head = [lines[i].text for i in block[:k]]
            if all(_store_line(t) for t in head):
                block = block[k:]
            break
    # Below: a last line ending in a comma goes on into the next (``JALAN SS15/4B,`` / ``47500 ...``).
    while len(block) < _ADDRESS_LINES and lines[block[-1]].text.rstrip().endswith(","):
        j = block[-1] + 1
        if j >= len(lines) or j in name or _ends_address(lines[j].text):
            break
        if not _continues_into(lines[block[-1]], lines[j]):
            break
        block = [*block, j]
    # Above: lines ending in a comma run into the block; up to two more reach back to an opener.
    top = block[0]
    while top > 0 and top - 1 not in name and lines[top - 1].text.rstrip().endswith(","):
        if len(block) >= _ADDRESS_LINES or not _continues_into(lines[top - 1], lines[top]):
            break
        top -= 1
        block = [top, *block]
    if _ADDRESS_OPENER.match(lines[top].text):
        return block
    run: list[int] = []
    for j in range(top - 1, max(-1, top - 3), -1):
        if j in name or not _continues_into(lines[j], lines[j + 1]):
            break
        run.insert(0, j)
        if _ADDRESS_OPENER.match(lines[j].text):
            return [*run, *block]
    return block


def _model_picks(page: Page, picks: _Picks, model: LineModel) -> None:
    """Override rule picks where the line model is confident (≥ 0.5); rules stay the fallback."""
    probs = model.predict_proba(line_features(page, rule_picks(page)))
    col = {c: probs[:, k] for k, c in enumerate(model.classes)}
    name = pick_block(col["company"])
    # A line naming a company form (SDN BHD) is the whole legal name: drop brand lines around it.
    formal = [i for i in name if _COMPANY_FORM.search(page.lines[i].text)]
    if formal and _COMPANY_FORM_AT_START.match(page.lines[formal[0]].text) is None:
        name = formal[:1]
    name = [
        i
        for i in name
        if not _is_person_name(page.lines[i])
        and _LETTERS.search(page.lines[i].text)
        and not _NOT_NAME.search(page.lines[i].text)
    ]
    if name:
        picks.name = [page.lines[i] for i in name]
    address = _address_block(page, pick_block(col["address"]), name)
    # A printed 주소 label outranks the model, which never saw one.
    if address and not any(ADDRESS_LABEL.match(ln.text) for ln in picks.address):
        picks.address = [page.lines[i] for i in address if i not in name]
    dates = _dates(page)
    k = pick_candidate(col["date"], [d.line_index for d in dates])
    if k is not None:
        picks.date = dates[k]
    amounts = list(search_lines(page, _MONEY))
    k = pick_candidate(col["total"], [a.line_index for a in amounts])
    if k is not None:
        a = amounts[k]
        line = page.lines[a.line_index]
        label = amount_label(_row_of(page, a.line_index), line, a.start, _ANY_TOTAL_LABEL)
        picks.total = (a.text.strip(), line, label)


def _time_label(page: Page, span: Span) -> str:
    """``시간`` / ``TIME`` before the time, or the date-time label (``일시``) before the date it follows."""
    prefix = text_before(page, span)
    key = label_at_end(prefix, TIME_LABEL)
    dates = list(_DATE.finditer(prefix))
    if key or not dates or prefix[dates[-1].end() :].strip():
        return key
    shared = label_at_end(prefix[: dates[-1].start()], DATE_LABEL)
    return shared if DATE_TIME_LABEL.search(shared) else ""


def _row_of(page: Page, index: int) -> list[Line]:
    target = page.lines[index]
    return next((row for row in group_rows(page) if any(ln is target for ln in row)), [target])


class ReceiptExtractor:
    """Till receipts: ``storeInfo``, ``paymentInfo``, ``subResults`` items and ``totalPrice``.

    Args:
        use_model: Let the shipped line model override the rules' store name, address, date and
            total where it is confident (the default); ``False`` gives the rules alone.
    """

    model = "receipt"
    result_key = "receipt"

    def __init__(self, *, use_model: bool = True) -> None:
        self.use_model = use_model

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        return extract_receipt(page, shipped_line_model() if self.use_model else None)


def extract_receipt(page: Page, line_model: LineModel | None) -> dict[str, FieldNode]:
    """The ``receipt`` result of ``page``: rules, overridden where ``line_model`` is confident.

    Args:
        page: The OCR'd receipt.
        line_model: The learned line labeller, or ``None`` for the rules alone.
    """
    name_lines, address_lines = _store_lines(page)
    dates = _dates(page)
    picks = _Picks(name_lines, address_lines, dates[0] if dates else None, _total_pick(page))
    if line_model is not None and page.lines:
        _model_picks(page, picks, line_model)
    picks.name = _whole_name_lines(page, picks.name)
    rounded = _after_rounding(page)
    if rounded is not None:
        picks.total = rounded
    elif picks.total is not None:
        picks.total = _before_change(page, picks.total) or picks.total
    learned = line_model.words if line_model is not None else StoreWords()
    store: dict[str, FieldNode] = {}
    labelled_name = labelled_value(page, STORE_NAME_LABEL)
    if labelled_name is not None and re.search(r"[A-Za-z가-힣]", labelled_name[1]):
        key, name, name_words = labelled_name
        name = learned.repair(_clean_name(name) or name, NAME_SHORTEST)
        store["name"] = value_object(name, name_words, key_text=key)
    elif picks.name:
        text, words = _join(picks.name)
        store["name"] = value_object(learned.repair(_clean_name(text) or text, NAME_SHORTEST), words)
    biz = _biz_number(page)
    if biz is not None:
        store["bizNum"] = biz
    labelled_address = labelled_value(page, ADDRESS_LABEL)
    if labelled_address is not None:
        key, address, address_words = labelled_address
        address = learned.repair(clean_address(address))
        store["addresses"] = [value_object(address, address_words, key_text=key)]
    elif picks.address:
        # Top to bottom: on a tilted photo the engine's reading order can climb a block backwards.
        text, words = _join(sorted(picks.address, key=lambda ln: ln.bbox.center.y))
        store["addresses"] = [value_object(learned.repair(clean_address(text)), words)]
    tels = [
        value_object(s.text, s.words, formatted={"value": digits_only(s.text)}, key_text=match_label(s))
        for s in search_lines(page, _TEL, "v")
    ]
    if tels:
        store["tel"] = tels[:2]
    payment: dict[str, FieldNode] = {}
    if picks.date is not None:
        d = picks.date
        key = label_before(page, d, DATE_LABEL)
        payment["date"] = value_object(d.text, d.words, formatted=format_date(d.text), key_text=key)
    for span in search_lines(page, _TIME):
        formatted = format_time(span.text)
        if formatted:
            key = _time_label(page, span)
            payment["time"] = value_object(span.text, span.words, formatted=formatted, key_text=key)
            break
    payment.update(find_card_payment(page))
    out: dict[str, FieldNode] = {}
    if store:
        out["storeInfo"] = store
    if payment:
        out["paymentInfo"] = payment
    items = find_items(page)
    if items:
        out["subResults"] = [{"items": items}]
    total_price: dict[str, FieldNode] = {}
    if picks.total is not None:
        text, line, key = picks.total
        money = format_money(text)
        total_price["price"] = value_object(
            text, line.words, formatted={"value": money or text}, key_text=key
        )
    total_price.update(find_card_price(page))
    if total_price:
        out["totalPrice"] = total_price
    return out
