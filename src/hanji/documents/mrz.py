"""ICAO 9303 machine-readable zones: TD1 (3×30), TD2 (2×36), TD3 (2×44) and visas (MRV-A/B).

Parsing verifies every check digit, composite included, and repairs the usual OCR confusions
(O/0, I/1, B/8, S/5, Z/2, G/6) by field kind: numeric fields take digits, name and country
fields take letters, and alphanumeric document numbers try the variants that the check digit allows.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from hanji.documents.checksums import mrz_check_ok

_TO_DIGIT = str.maketrans("OQDIlLBSZGTA", "000111852674")
_TO_ALPHA = str.maketrans("01825643", "OIBZSGAB")
_AMBIGUOUS = {
    "0": "O",
    "O": "0",
    "1": "I",
    "I": "1",
    "8": "B",
    "B": "8",
    "5": "S",
    "S": "5",
    "2": "Z",
    "Z": "2",
}
_LENGTHS = {"TD1": 30, "TD2": 36, "TD3": 44}


@dataclass(frozen=True, slots=True)
class Mrz:
    """A parsed zone: ``fields`` by name (ICAO spelling kept, ``<`` fillers removed) and ``checks``."""

    format: str
    lines: tuple[str, ...]
    fields: dict[str, str]
    checks: dict[str, bool] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(self.checks.values())


def normalize_line(raw: str) -> str:
    """Upper-case, drop spaces and map look-alikes of the filler (``«``, ``(``, ``K<``-runs stay)."""
    s = raw.upper().replace(" ", "")
    s = re.sub(r"[«‹<(\[{]", "<", s)
    return re.sub(r"[^A-Z0-9<]", "", s)


def _digits(s: str) -> str:
    return s.translate(_TO_DIGIT)


def _alpha(s: str) -> str:
    return s.translate(_TO_ALPHA)


def _repair_checked(value: str, digit: str, numeric: bool) -> tuple[str, str, bool]:
    """Return (value, digit, ok) choosing the look-alike variant of ``value`` that passes its check digit."""
    digit = _digits(digit)
    if numeric:
        value = _digits(value)
        return value, digit, mrz_check_ok(value, digit)
    if mrz_check_ok(value, digit):
        return value, digit, True
    spots = [i for i, c in enumerate(value) if c in _AMBIGUOUS][:8]
    for n in (1, 2, 3):
        for combo in itertools.combinations(spots, n):
            chars = list(value)
            for i in combo:
                chars[i] = _AMBIGUOUS[chars[i]]
            cand = "".join(chars)
            if mrz_check_ok(cand, digit):
                return cand, digit, True
    return value, digit, False


def _names(s: str) -> tuple[str, str]:
    surname, _, given = _alpha(s).partition("<<")
    return surname.replace("<", " ").strip(), given.replace("<", " ").strip()


def _sex(ch: str) -> str:
    return {"M": "M", "F": "F", "N": "M", "P": "F"}.get(ch, "X")


def _clean(s: str) -> str:
    return s.replace("<", " ").strip()


def _fix_width(line: str, width: int) -> str:
    return (line + "<" * width)[:width]


def detect_format(lines: list[str]) -> str | None:
    """TD1/TD2/TD3 by line count and length (tolerating a character or two of OCR slack)."""
    if len(lines) == 3 and all(abs(len(x) - 30) <= 2 for x in lines):
        return "TD1"
    if len(lines) == 2:
        n = len(lines[1])
        if abs(n - 44) <= 3:
            return "TD3"
        if abs(n - 36) <= 3:
            return "TD2"
    return None


def parse_mrz(raw_lines: list[str]) -> Mrz | None:
    """Parse two or three MRZ lines; ``None`` when they do not look like a known format."""
    lines = [normalize_line(x) for x in raw_lines if normalize_line(x)]
    fmt = detect_format(lines)
    if fmt is None:
        return None
    lines = [_fix_width(x, _LENGTHS[fmt]) for x in lines]
    return _parse_td1(lines) if fmt == "TD1" else _parse_td23(lines, fmt)


def _common(f: dict[str, str], checks: dict[str, bool], doc_type: str, country: str) -> None:
    f["type"] = _alpha(doc_type).replace("<", "").strip() or doc_type
    f["issueCountry"] = _alpha(country).replace("<", "")


def _dated(f: dict[str, str], checks: dict[str, bool], key: str, value: str, digit: str) -> str:
    value, digit, ok = _repair_checked(value, digit, numeric=True)
    f[key] = value
    checks[key] = ok
    return value + digit


def _parse_td23(lines: list[str], fmt: str) -> Mrz:
    l1, l2 = lines
    f: dict[str, str] = {}
    checks: dict[str, bool] = {}
    _common(f, checks, l1[0:2], l1[2:5])
    f["surName"], f["givenName"] = _names(l1[5:])
    num, num_cd, checks["num"] = _repair_checked(l2[0:9], l2[9], numeric=False)
    f["num"] = num.replace("<", "")
    f["nationality"] = _alpha(l2[10:13]).replace("<", "")
    birth = _dated(f, checks, "birthDate", l2[13:19], l2[19])
    f["sex"] = _sex(l2[20])
    expire = _dated(f, checks, "expireDate", l2[21:27], l2[27])
    is_visa = f["type"].startswith("V")
    if fmt == "TD3" and not is_visa:
        personal, pcd, checks["personalNum"] = _repair_checked(l2[28:42], l2[42], numeric=False)
        f["personalNum"] = _clean(personal)
        comp = num + num_cd + birth + expire + personal + _digits(pcd)
        checks["composite"] = mrz_check_ok(comp, _digits(l2[43]))
        f["optional"] = f["personalNum"]
    else:
        end = 35 if not is_visa else len(l2)
        f["optional"] = _clean(l2[28:end])
        f["personalNum"] = f["optional"]
        if not is_visa:
            comp = num + num_cd + birth + expire + l2[28:35]
            checks["composite"] = mrz_check_ok(comp, _digits(l2[35]))
    return Mrz(fmt, (l1, l2), f, checks)


def _parse_td1(lines: list[str]) -> Mrz:
    l1, l2, l3 = lines
    f: dict[str, str] = {}
    checks: dict[str, bool] = {}
    _common(f, checks, l1[0:2], l1[2:5])
    number, digit, optional1 = l1[5:14], l1[14], l1[15:30]
    if digit == "<" and optional1.strip("<"):
        # Long document numbers continue in the optional field, their check digit ending it.
        ext = optional1.rstrip("<")
        number, digit, optional1 = number + ext[:-1], ext[-1], ""
    num, digit, checks["num"] = _repair_checked(number, digit, numeric=False)
    f["num"] = num.replace("<", "")
    birth = _dated(f, checks, "birthDate", l2[0:6], l2[6])
    f["sex"] = _sex(l2[7])
    expire = _dated(f, checks, "expireDate", l2[8:14], l2[14])
    f["nationality"] = _alpha(l2[15:18]).replace("<", "")
    f["optional"] = _clean(optional1)
    f["personalNum"] = _clean(l2[18:29]) or f["optional"]
    f["surName"], f["givenName"] = _names(l3)
    # Composite: line 1 from the number on (repaired), line 2's dates and its optional field.
    if len(num) > 9:
        tail = num[:9] + "<" + num[9:] + digit
        line1_tail = (tail + l1[5 + len(tail) :])[:25]
    else:
        line1_tail = num + digit + l1[15:30]
    comp = line1_tail + birth + expire + l2[18:29]
    checks["composite"] = mrz_check_ok(comp, _digits(l2[29]))
    return Mrz("TD1", (l1, l2, l3), f, checks)


def find_mrz_lines(texts: list[str]) -> list[str]:
    """Pick the consecutive MRZ-looking lines (long, dense in ``<``) out of OCR line texts."""
    cand = [normalize_line(t) for t in texts]
    picked = [c for c in cand if len(c) >= 26 and (c.count("<") >= 2 or re.fullmatch(r"[A-Z0-9<]{28,46}", c))]
    return (
        picked[-3:] if len(picked) >= 3 and all(abs(len(p) - 30) <= 2 for p in picked[-3:]) else picked[-2:]
    )
