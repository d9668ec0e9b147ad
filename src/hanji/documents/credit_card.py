"""``credit-card``: card number (Luhn-checked), valid-thru date, holder name and issuer network."""

from __future__ import annotations

import re

from hanji.core.document_fields import DocumentFields
from hanji.core.result import Page, Word
from hanji.core.text_reader import PageImage
from hanji.documents.checksums import luhn_valid
from hanji.documents.regions import words_region
from hanji.documents.spans import search_lines
from hanji.documents.values import ValueObject, value_object

# OCR reads embossed digits with letter look-alikes; map them before the Luhn check.
_DIGITISE = str.maketrans("OoDQIl|SsBZz", "000011115822")
_NUMBER = re.compile(r"(?<![\dA-Z])(?:[\dOoDQIlSBZ]{4}[ -]?){2,4}[\dOoDQIlSBZ]{1,4}(?![\dA-Z])")
_NUMBER_AMEX = re.compile(r"(?<!\d)\d{4}[ -]?\d{6}[ -]?\d{5}(?!\d)")
_THRU = re.compile(r"(?<!\d)(?P<m>0[1-9]|1[0-2])\s?/\s?(?P<y>\d{2}|20\d{2})(?!\d)")
_NAME = re.compile(r"^[A-Z][A-Z.'-]+(?: [A-Z][A-Z.'-]*){1,3}$")
_NOT_NAMES = re.compile(
    r"VALID|THRU|GOOD|MONTH|YEAR|BANK|CARD|VISA|MASTER|EXPRESS|DEBIT|CREDIT|PLATINUM|GOLD|CLASSIC|MEMBER|SINCE"
)

_ISSUERS: tuple[tuple[str, tuple[tuple[int, int], ...]], ...] = (
    ("American Express", ((34, 34), (37, 37))),
    ("Diners Club", ((300, 305), (36, 36), (38, 39))),
    ("JCB", ((3528, 3589),)),
    ("UnionPay", ((62, 62),)),
    ("Discover", ((6011, 6011), (644, 649), (65, 65))),
    ("Mastercard", ((51, 55), (2221, 2720))),
    ("Visa", ((4, 4),)),
)


def card_issuer(number: str) -> str | None:
    """Payment network of a card number by its issuer identification number (IIN) prefix."""
    for name, ranges in _ISSUERS:
        for lo, hi in ranges:
            n = len(str(lo))
            if len(number) >= n and lo <= int(number[:n]) <= hi:
                return name
    return None


def _grouped(digits: str) -> str:
    """A number as cards print it: 4-6-5 for 15 digits (American Express), else groups of four."""
    if len(digits) == 15:
        return f"{digits[:4]} {digits[4:10]} {digits[10:]}"
    return " ".join(digits[k : k + 4] for k in range(0, len(digits), 4))


def _find_number(page: Page) -> tuple[str, str, tuple[Word, ...]] | None:
    best: tuple[str, str, tuple[Word, ...]] | None = None
    for pattern in (_NUMBER_AMEX, _NUMBER):
        for span in search_lines(page, pattern):
            digits = re.sub(r"\D", "", span.text.translate(_DIGITISE))
            if 13 <= len(digits) <= 19 and luhn_valid(digits):
                return span.text, digits, span.words
            if best is None and 13 <= len(digits) <= 19:
                best = (span.text, digits, span.words)
    return best


UNVERIFIED_CONFIDENCE = 0.3
"""The confidence cap of a number that fails Luhn even after a second look: clearly doubtful."""
DIGITS = "0123456789"


def _second_look(image: PageImage, words: tuple[Word, ...]) -> str | None:
    """The number's region read again, by the line recogniser and by a digits-only reader; the
    first reading whose digits pass Luhn (a dropped or doubled digit fails it), else None."""
    crop = words_region(image, words)
    if crop is None:
        return None
    readings = [image.reader.read_crop(crop).text]
    readings += [line.text for line in image.reader.read_lines(crop, alphabet=DIGITS + " ")]
    for text in readings:
        digits = re.sub(r"\D", "", text.translate(_DIGITISE))
        if 13 <= len(digits) <= 19 and luhn_valid(digits):
            return digits
    return None


class CreditCardExtractor:
    """Front of a payment card."""

    model = "credit-card"
    result_key = "creditCard"

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        out: dict[str, ValueObject] = {}
        found = _find_number(page)
        if found:
            text, digits, words = found
            conf = sum(w.confidence for w in words) / len(words) if words else 0.0
            if not luhn_valid(digits) and image is not None and words:
                checked = _second_look(image, words)
                if checked is not None:
                    digits, text = checked, _grouped(checked)
                    found = (text, digits, words)
            # A number still failing Luhn is reported as read, with a confidence that says so.
            valid = luhn_valid(digits)
            out["number"] = value_object(
                text,
                words,
                formatted={"value": digits},
                confidence=conf if valid else min(conf / 2, UNVERIFIED_CONFIDENCE),
            )
        for span in search_lines(page, _THRU):
            year = span.match["y"][-2:]
            key = (
                "VALID THRU" if re.search(r"VALID|THRU|EXP", page.lines[span.line_index].text.upper()) else ""
            )
            out["validThru"] = value_object(
                span.text, span.words, formatted={"month": span.match["m"], "year": "20" + year}, key_text=key
            )
            break
        for line in page.lines:
            text = line.text.strip()
            if _NAME.match(text) and not _NOT_NAMES.search(text):
                out["name"] = value_object(text, line.words)
                break
        if found:
            issuer = card_issuer(found[1])
            if issuer:
                out["company"] = value_object(issuer, (), formatted={"value": issuer}, confidence=1.0)
        return out
