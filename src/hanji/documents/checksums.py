"""Check digits that make document numbers self-verifying: Luhn, ICAO 9303, Korean business and RRN."""

from __future__ import annotations

_MRZ_WEIGHTS = (7, 3, 1)
_BIZ_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)
_RRN_WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)


def luhn_valid(number: str) -> bool:
    """True when ``number`` (digits only, at least 2) passes the Luhn mod-10 check (payment cards)."""
    if len(number) < 2 or not number.isdigit():
        return False
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def luhn_check_digit(payload: str) -> str:
    """The digit to append to ``payload`` so that the whole passes :func:`luhn_valid`."""
    for d in "0123456789":
        if luhn_valid(payload + d):
            return d
    raise ValueError(f"not digits: {payload!r}")


def mrz_char_value(ch: str) -> int:
    """ICAO 9303 value of one MRZ character: digits as such, A–Z = 10–35, filler ``<`` = 0."""
    if ch.isdigit():
        return int(ch)
    if "A" <= ch <= "Z":
        return ord(ch) - ord("A") + 10
    if ch == "<":
        return 0
    raise ValueError(f"not an MRZ character: {ch!r}")


def mrz_check_digit(field: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1 repeating, sum mod 10) of ``field``."""
    return str(sum(mrz_char_value(c) * _MRZ_WEIGHTS[i % 3] for i, c in enumerate(field)) % 10)


def mrz_check_ok(field: str, digit: str) -> bool:
    """True when ``digit`` is the check digit of ``field`` (a ``<`` digit only on an empty field)."""
    try:
        if digit == "<":
            return set(field) <= {"<"}
        return mrz_check_digit(field) == digit
    except ValueError:
        return False


def biz_number_valid(number: str) -> bool:
    """Korean business registration number (사업자등록번호, 10 digits) check digit (National Tax Service)."""
    if len(number) != 10 or not number.isdigit():
        return False
    d = [int(c) for c in number]
    total = sum(a * w for a, w in zip(d[:9], _BIZ_WEIGHTS, strict=True)) + (d[8] * 5) // 10
    return (10 - total % 10) % 10 == d[9]


def biz_number_check_digit(payload: str) -> str:
    """The 10th digit completing a 9-digit business registration ``payload``."""
    for c in "0123456789":
        if biz_number_valid(payload + c):
            return c
    raise ValueError(f"not 9 digits: {payload!r}")


def rrn_valid(number: str) -> bool:
    """Korean resident registration number (주민등록번호, 13 digits) check digit, as used before Oct 2020."""
    if len(number) != 13 or not number.isdigit():
        return False
    total = sum(int(c) * w for c, w in zip(number[:12], _RRN_WEIGHTS, strict=True))
    return (11 - total % 11) % 10 == int(number[12])


def rrn_check_digit(payload: str) -> str:
    """The 13th digit completing a 12-digit resident registration ``payload``."""
    for c in "0123456789":
        if rrn_valid(payload + c):
            return c
    raise ValueError(f"not 12 digits: {payload!r}")


def jp_corporate_number_valid(number: str) -> bool:
    """Japanese 法人番号 (13 digits; also the digits of an 適格請求書 registration number ``T…``).

    The leading digit checks the other twelve: ``9 - Σ(Pn × Qn) mod 9`` with Pn the n-th digit
    counted from the right and Qn = 1 for odd n, 2 for even n (National Tax Agency).
    """
    if len(number) != 13 or not number.isdigit():
        return False
    total = sum(int(ch) * (1 if n % 2 else 2) for n, ch in enumerate(reversed(number[1:]), start=1))
    return 9 - total % 9 == int(number[0])


def jp_corporate_check_digit(base: str) -> str:
    """The leading check digit completing a 12-digit 法人番号 ``base``."""
    for c in "123456789":
        if jp_corporate_number_valid(c + base):
            return c
    raise ValueError(f"not 12 digits: {base!r}")
