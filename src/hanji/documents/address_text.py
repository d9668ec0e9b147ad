"""Repairs to a Latin-script postal address as OCR reads it off a low-resolution print.

Thermal receipts print commas that the recogniser reads as full stops, and digits and letters that
it swaps inside one token. Addresses give both away: parts are separated by commas (in the 350
SROIE truth addresses a comma follows a number 532 times and a full stop 4 times; after a word of
four letters or more, 442 against 11, the full stops all being abbreviations: ``NO.``, ``P.T.``),
and a postcode or a house number is digits throughout. Korean, Japanese and Chinese addresses are
left alone: they do not separate their parts this way.
"""

from __future__ import annotations

import re

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7a3]")
_STOP_AFTER_PART = re.compile(r"(?<=\S)\.(?=\s*[A-Za-z0-9])")
_DIGIT_LIKE = {"O": "0", "o": "0", "D": "0", "Q": "0"}


def _part_before(text: str, end: int) -> str:
    """The token that ends at ``end`` (back to a space or a comma)."""
    start = max(text.rfind(" ", 0, end), text.rfind(",", 0, end)) + 1
    return text[start:end]


def _closes_a_part(token: str, following: str) -> bool:
    """Whether a full stop after ``token`` (before ``following``) separates two address parts: the
    token holds a digit or is a word of four letters or more, and it is no dotted abbreviation
    (``P.T.``, ``D.E.``, ``NO.``). Glued to what follows (``47.JALAN``) only after a number:
    ``BAHRU.JOHOR`` may be a misread space as well as a comma."""
    if "." in token:
        return False
    spaced = following.startswith(" ")
    if re.search(r"\d", token):
        return spaced or following[:1].isalpha()  # not a decimal point: "BATU 1.5"
    return spaced and len(re.sub(r"[^A-Za-z]", "", token)) >= 4


def _separators(text: str) -> str:
    text = re.sub(r"\.\s*,", ",", text)  # "SELATAN.," : the stop is a speck before the comma
    out = list(text)
    for m in _STOP_AFTER_PART.finditer(text):
        if _closes_a_part(_part_before(text, m.start()), text[m.end() :]):
            out[m.start()] = ","
    return "".join(out)


def _digit_token(token: str) -> str:
    """A token of digits with one letter that looks like a zero (``29O``, ``4D170``) is a number."""
    odd = [c for c in token if not c.isdigit()]
    if len(token) >= 3 and len(odd) == 1 and odd[0] in _DIGIT_LIKE:
        return token.replace(odd[0], _DIGIT_LIKE[odd[0]])
    return token


def clean_address(text: str) -> str:
    """``text`` with misread part separators and digit tokens repaired (Latin addresses only)."""
    if _CJK.search(text):
        return text
    text = _separators(text)
    return re.sub(r"[0-9A-Za-z]+", lambda m: _digit_token(m.group(0)), text)
