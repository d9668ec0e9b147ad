"""Value-type normalisation: what a field's text becomes once its type is known.

OCR confuses a few shapes (``O``/``0``, ``l``/``1``); a field declared numeric can undo that safely,
which a free-text field cannot. A value that does not fit its type is returned as read, unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Final

CLOVA_VALUE_TYPES: Final = {
    "text": "ALL",
    "number": "NUMERIC",
    "date": "DATE",
    "phone": "PHONE",
    "email": "EMAIL",
    "alnum": "ALPHANUMERIC",
    "korean": "KOREAN",
    "alphabet": "ALPHABET",
}
"""Hanji value type -> the ``valueType`` CLOVA responses carry."""

_DIGIT_LOOKALIKES: Final = str.maketrans(
    {"O": "0", "o": "0", "D": "0", "l": "1", "I": "1", "|": "1", "S": "5", "B": "8"}
)
_RESIDENT_NUMBER: Final = re.compile(r"^(\d{6})\s*[-–]?\s*(\d{7})$")
_NUMBER: Final = re.compile(r"^[+-]?\d+(\.\d+)?$")
_EMAIL: Final = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")


def _digits_like(text: str) -> str:
    return text.translate(_DIGIT_LOOKALIKES)


def normalise_number(text: str) -> str:
    """``"1,250,000"`` -> ``"1250000"``; a Korean resident number keeps its shape ``900315-1234567``."""
    squashed = _digits_like("".join(text.split()))
    resident = _RESIDENT_NUMBER.match(squashed)
    if resident:
        return f"{resident.group(1)}-{resident.group(2)}"
    plain = squashed.replace(",", "").replace("원", "").replace("₩", "")
    return plain if _NUMBER.match(plain) else text.strip()


def normalise_date(text: str) -> str:
    """Dates to ISO ``YYYY-MM-DD``: ``1990.03.15``, ``1990/3/15``, ``1990년 3월 15일``, ``15.03.1990``."""
    numbers = [int(n) for n in re.findall(r"\d+", _digits_like(text))]
    if len(numbers) == 1 and len(str(numbers[0])) == 8:  # 19900315
        raw = str(numbers[0])
        numbers = [int(raw[:4]), int(raw[4:6]), int(raw[6:])]
    if len(numbers) != 3:
        return text.strip()
    a, b, c = numbers
    year, month, day = (a, b, c) if a > 31 else (c, b, a)
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text.strip()


def normalise_phone(text: str) -> str:
    """Digits only (a leading ``+`` kept): ``010-4821-7735`` -> ``01048217735``."""
    squashed = _digits_like("".join(text.split()))
    digits = re.sub(r"\D", "", squashed)
    if len(digits) < 3:
        return text.strip()
    return ("+" if squashed.startswith("+") else "") + digits


def normalise_email(text: str) -> str:
    """Spaces OCR puts around ``@`` and ``.`` removed, lower-cased."""
    squashed = "".join(text.split()).lower().replace(",", ".")
    return squashed if _EMAIL.match(squashed) else text.strip()


_SAME_SHAPE: Final = frozenset("cosuvwxzCOSUVWXZ")
"""Letters whose capital is the small letter scaled: OCR of a lone one cannot tell its case."""


def follow_case(text: str, context: str) -> str:
    """Put ``text``'s same-shape letters (``c``/``C``…) in the case of ``context``'s other letters.

    ``AB12c34``: ``A`` and ``B`` are capitals, so the ``c`` a one-character box was read as is ``C``.
    Without other letters, or with as many small as capital ones, ``text`` is left as it is.
    """
    telling = [ch for ch in context if ch.isascii() and ch.isalpha() and ch not in _SAME_SHAPE]
    upper = sum(ch.isupper() for ch in telling)
    lower = len(telling) - upper
    if upper == lower:
        return text
    fix = str.upper if upper > lower else str.lower
    return "".join(fix(ch) if ch in _SAME_SHAPE else ch for ch in text)


def fit_case(text: str, *, case: str | None, regex: str | None) -> str:
    """A field's letters in its declared ``case``, else in the one case its ``regex`` accepts (if one).

    With neither, or when the regex accepts the value as read, it is returned unchanged.
    """
    if not text or (case is None and regex is None):
        return text
    if case == "upper":
        return text.upper()
    if case == "lower":
        return text.lower()
    assert regex is not None
    if re.fullmatch(regex, text):
        return text
    fits = [v for v in (text.upper(), text.lower()) if re.fullmatch(regex, v)]
    return fits[0] if len(fits) == 1 else text


def normalise_alnum(text: str) -> str:
    """Letters, digits and ``-``; same-shape letters take the case of the value's other letters."""
    kept = re.sub(r"[^0-9A-Za-z-]", "", text)
    return follow_case(kept, kept) if kept else text.strip()


def normalise_korean(text: str) -> str:
    """Hangul and spaces only (stray Latin or punctuation around a name is noise)."""
    kept = re.sub(r"[^\uac00-\ud7a3\u3131-\u318e ]", "", text)
    return " ".join(kept.split()) or text.strip()


def normalise_alphabet(text: str) -> str:
    kept = re.sub(r"[^A-Za-z ]", "", text)
    return " ".join(kept.split()) or text.strip()


NORMALISERS: Final[dict[str, Callable[[str], str]]] = {
    "number": normalise_number,
    "date": normalise_date,
    "phone": normalise_phone,
    "email": normalise_email,
    "alnum": normalise_alnum,
    "korean": normalise_korean,
    "alphabet": normalise_alphabet,
}


_DIGITS: Final = "0123456789"
_LATIN: Final = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
TYPE_ALPHABETS: Final[dict[str, str]] = {
    "number": _DIGITS + ",.-+",
    "phone": _DIGITS + "-+() ",
    "alnum": _DIGITS + _LATIN + "-",
    "alphabet": _LATIN + " ",
}
"""The characters a typed field's value may hold, where a recogniser can be held to them (Latin
script: a digit box must never read back ``199003제5``)."""


def fits_type(value_type: str, text: str) -> bool:
    """Whether ``text`` holds only its type's characters (types without an alphabet always fit)."""
    alphabet = TYPE_ALPHABETS.get(value_type)
    return alphabet is None or all(ch in alphabet or ch.isspace() for ch in text)


def normalise(value_type: str, text: str) -> str:
    """Normalise ``text`` for ``value_type``; ``text`` fields (and empty text) come back unchanged."""
    if not text.strip():
        return ""
    normaliser = NORMALISERS.get(value_type)
    return normaliser(text) if normaliser else text
