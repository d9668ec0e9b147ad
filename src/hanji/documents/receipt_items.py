"""Receipt line items: name, code, quantity, unit price and amount, read from the item table.

Tills print an item on one row (``신라면 5입  4,250  2  8,500``) or over two or three (the name on one
row and its numbers on the next, a barcode row first, or the numbers first and the name below). So
the table is read as a run of rows between the column header and the totals: each row is split into
name words, a code and numbers; the layout (names before or after their numbers) is taken from the
first rows; and the numbers are told apart by arithmetic first (quantity × unit price = amount, on
every till), then by the header's columns, then by their order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from itertools import permutations

from hanji.core.document_fields import FieldNode
from hanji.core.result import Line, Page, Word
from hanji.documents.layout import group_rows, row_text
from hanji.documents.values import value_object

_NUMBER = re.compile(r"[-(]?(?:RM|₩|\$|￦)?(\d{1,3}(?:,\d{3})+(?:\.\d{1,3})?|\d+(?:\.\d{1,3})?)(?:원|\)|\*)?")
_UNIT_WORD = re.compile(r"^(?:PCS?|EA|UNITS?|[xX×@*]|개|건|점|병|봉)+$", re.I)
_INDEX = re.compile(r"^0\d{1,2}\.?$")
"""A zero-padded line number printed before a name (``001 제주삼다수``)."""
_HEADER = {
    "name": re.compile(r"상품명|품명|품목|메뉴|^ITEMS?$|DESC|PRODUCT|^ITEM", re.I),
    "unit": re.compile(r"^단가$|^U[./]?P(?:RICE)?\.?$|^PRICE$|^UNIT", re.I),
    "count": re.compile(r"^수량$|^QTY\.?$|^QUANTITY$", re.I),
    "amount": re.compile(r"^금액$|^AMOUNT$|^AMT\.?$|^TOTAL$|^RM\(TOTAL\)$", re.I),
    "disc": re.compile(r"^DISC%?\.?$|^할인$", re.I),
}
_STOP = re.compile(
    r"TOTAL|GST|TAX|CASH|CHANGE|ROUND|DISCOUNT|합\s*계|부가세|과세|면세|받은|거스름|결제|카드|"
    r"TEL|DATE|금액\s*:|소\s*계|공급가",
    re.I,
)
"""Rows that end the items (totals, tax, payment) or are not items at all."""


@dataclass(frozen=True)
class _Row:
    """One visual row of the item table, split into its parts."""

    name: tuple[Word, ...]
    code: Word | None
    numbers: tuple[tuple[Word, float], ...]
    """Numeric words left to right, with their value."""


def find_items(page: Page) -> list[dict[str, FieldNode]]:
    """The item rows of a receipt, in print order (CLOVA's ``subResults[0].items``)."""
    rows = group_rows(page)
    start, columns = _header(rows)
    parts: list[_Row] = []
    for row in rows[start:]:
        if _STOP.search(row_text(row)):
            if any(p.numbers for p in parts):
                break
            continue
        part = _split(row)
        if parts and _continues(parts[-1], part):
            parts[-1] = replace(parts[-1], numbers=parts[-1].numbers + part.numbers)
        else:
            parts.append(part)
    names_first = _names_first(parts)
    found: list[tuple[list[Word], Word | None, _Row]] = []
    name: list[Word] = []
    code: Word | None = None
    waiting: _Row | None = None  # numbers whose name comes on the next row
    after_name = False  # the last row was the name of the last item (names after numbers)
    for part in parts:
        if not part.numbers:
            if part.name and waiting is not None:
                found.append((list(part.name), waiting.code or code or part.code, waiting))
                waiting, code, after_name = None, None, True
            elif part.name and after_name and columns:
                found[-1][0].extend(part.name)  # the name runs on to a second row
            elif part.name:
                # Under a header a name may run over two rows; without one, only the row just above
                # the numbers can be their name (the rows above are the store's).
                name = [*name, *part.name] if names_first and columns else list(part.name)
                code = part.code or code
            elif part.code is not None:
                code = part.code
            continue
        after_name = False
        if part.name:
            found.append(([*name, *part.name], part.code or code, part))
            name, code = [], None
        elif names_first and name:
            found.append((name, part.code or code, part))
            name, code = [], None
        else:
            waiting = part
    items = [_item(words, code, row, columns) for words, code, row in found]
    return [item for item in items if item]


def _continues(above: _Row, row: _Row) -> bool:
    """Numbers alone, right of the numbers of the row above: the same printed row, split by a
    skewed scan (the amount column sits lower than the name)."""
    if row.name or row.code is not None or not row.numbers or not above.numbers:
        return False
    last = above.numbers[-1][0].quad
    first = row.numbers[0][0].quad
    return first.center.x > last.bbox.right and first.center.y - last.center.y < 1.5 * last.height


def _header(rows: list[list[Line]]) -> tuple[int, dict[str, float]]:
    """The row after the column header (0 when none) and the centre x of each numeric label."""
    for i, row in enumerate(rows):
        words = [w for ln in row for w in ln.words]
        found = {key: [w for w in words if rx.search(w.text)] for key, rx in _HEADER.items()}
        if sum(1 for key in ("name", "unit", "count", "amount") if found[key]) < 2:
            continue
        columns = {key: ws[-1].quad.center.x for key, ws in found.items() if ws and key != "name"}
        if i + 1 < len(rows):  # a second header row (``QTY RM RM``) under the first
            below = [w for ln in rows[i + 1] for w in ln.words]
            if below and all(
                _UNIT_WORD.match(w.text)
                or any(rx.search(w.text) for rx in _HEADER.values())
                or w.text.strip("()") == "RM"
                for w in below
            ):
                for key, rx in _HEADER.items():
                    hit = [w for w in below if rx.search(w.text)]
                    if hit and key != "name":
                        columns.setdefault(key, hit[-1].quad.center.x)
                return i + 2, columns
        return i + 1, columns
    return 0, {}


def _value(text: str) -> float | None:
    m = _NUMBER.fullmatch(text.strip())
    return float(m.group(1).replace(",", "")) if m else None


def _amount_like(text: str) -> bool:
    """Printed with a separator before digits (``1,234``, ``9.00``): an amount, never a count or a name."""
    return re.search(r"[.,]\d", text) is not None


_GLUED_COUNT = re.compile(r"^(\d{1,3})\s*((?:PCS?|EA|[xX×@*])+)\s*(\d[\d,.]*)?$")
"""A count the OCR read as one word with its unit and maybe the price: ``4x33.70``, ``6PC*``."""


def _pieces(word: Word) -> list[Word]:
    m = _GLUED_COUNT.match(word.text.strip())
    if m is None:
        return [word]
    return [Word(part, word.quad, word.confidence) for part in m.groups() if part]


def _is_name_word(text: str) -> bool:
    return bool(re.search(r"[A-Za-z가-힣]", text)) and not _UNIT_WORD.match(text)


def _split(row: list[Line]) -> _Row:
    """Name words, code and numbers of a row. The name runs up to its last lettered word before the
    first amount (``1,234`` / ``9.00``): digits inside it stay name (``CROCS 300 X 17 TUBES``,
    ``새우깡 90g``), and letters after the amounts are tax tags (``15.00 ZR``), not name."""
    words = [piece for ln in row for w in ln.words for piece in _pieces(w)]
    texts = [w.text.strip().lstrip("-–~•·").strip() for w in words]
    money_at = next((k for k, t in enumerate(texts) if _value(t) is not None and _amount_like(t)), len(texts))
    name_end = max((k + 1 for k in range(money_at) if _is_name_word(texts[k])), default=0)
    name: list[Word] = []
    numbers: list[tuple[Word, float]] = []
    code: Word | None = None
    for k, (word, text) in enumerate(zip(words, texts, strict=True)):
        value = _value(text)
        if k < name_end:
            if not name and (_INDEX.match(text) or (text.isdigit() and len(text) >= 8)):
                if len(text) >= 8:
                    code = word
                continue  # a line number or barcode before the name
            if not name and k == 0 and money_at < len(texts) and re.fullmatch(r"[1-9]\d?", text):
                numbers.append((word, float(text)))  # the quantity first (``2 NASI LEMAK 10.00``)
                continue
            if text:
                name.append(Word(text, word.quad, word.confidence) if text != word.text else word)
        elif value is not None and text.isdigit() and (len(text) >= 8 or (len(text) >= 4 and k == 0)):
            code = word  # a barcode, or a short item code opening the row
        elif value is not None:
            numbers.append((word, value))
    if name and len(numbers) == 1 and not _amount_like(numbers[0][0].text):
        # One bare integer after a name (``ARTLINE 70``) is part of it, not an amount.
        return _Row((*name, numbers[0][0]), code, ())
    return _Row(tuple(name), code, tuple(numbers))


def _names_first(parts: list[_Row]) -> bool:
    """Whether names come before their numbers: the first row with numbers and no name tells."""
    for k, part in enumerate(parts):
        if part.numbers and not part.name:
            before = any(p.name for p in parts[:k])
            return before or not any(p.name and not p.numbers for p in parts[k + 1 : k + 2])
        if part.numbers and part.name:
            return True
    return True


def _roles(row: _Row, columns: dict[str, float]) -> dict[str, tuple[Word, float]]:
    """Which of the row's numbers is the count, the unit price and the amount."""
    numbers = list(row.numbers)
    if not numbers:
        return {}
    amount = numbers[-1]
    rest = numbers[:-1]
    pairs = [
        (count, unit)
        for count, unit in permutations(rest, 2)
        if "." not in count[0].text and 0 < count[1] < 1000 and abs(count[1] * unit[1] - amount[1]) < 0.011
    ]
    if pairs:
        # 6 × 340 = 340 × 6: the count is the one under the quantity label, else the smaller one.
        def rank(pair: tuple[tuple[Word, float], tuple[Word, float]]) -> tuple[float, float]:
            count = pair[0]
            if "count" in columns and "unit" in columns:
                x = count[0].quad.center.x
                return abs(x - columns["count"]) - abs(x - columns["unit"]), count[1]
            return 0.0, count[1]

        count, unit = min(pairs, key=rank)
        return {"count": count, "unit": unit, "amount": amount}
    if columns:
        roles: dict[str, tuple[Word, float]] = {}
        for number in rest:
            key = min(columns, key=lambda c: abs(columns[c] - number[0].quad.center.x))
            if key in ("count", "unit"):
                roles.setdefault(key, number)
        return {**roles, "amount": amount}
    roles = {"amount": amount}
    for number in rest:
        if "." in number[0].text or "," in number[0].text:
            roles["unit"] = number
        elif number[1] == int(number[1]) and number[1] < 1000:
            roles.setdefault("count", number)
    return roles


def _money(value: float, cents: bool) -> str:
    return f"{value:.2f}" if cents else f"{value:.0f}"


def _item(
    name: list[Word] | tuple[Word, ...], code: Word | None, row: _Row, columns: dict[str, float]
) -> dict[str, FieldNode]:
    if not name:
        return {}
    roles = _roles(row, columns)
    cents = any("." in w.text for w, _ in row.numbers)
    text = " ".join(w.text for w in name)
    item: dict[str, FieldNode] = {"name": value_object(text, list(name))}
    if code is not None:
        item["code"] = value_object(code.text, [code])
    if "count" in roles:
        word, value = roles["count"]
        item["count"] = value_object(word.text, [word], formatted={"value": f"{value:.0f}"})
    price: dict[str, FieldNode] = {}
    word, value = roles["amount"]
    price["price"] = value_object(word.text, [word], formatted={"value": _money(value, cents)})
    if "unit" in roles:
        word, value = roles["unit"]
        price["unitPrice"] = value_object(word.text, [word], formatted={"value": _money(value, cents)})
    item["price"] = price
    return item
