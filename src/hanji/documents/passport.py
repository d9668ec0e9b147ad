"""``passport``: ICAO MRZ to the ``pp`` fields, with the check-digit verdicts under ``mrz``."""

from __future__ import annotations

import datetime as dt

from hanji.core.document_fields import DocumentFields, FieldNode
from hanji.core.result import Page, Word
from hanji.core.text_reader import PageImage
from hanji.documents.mrz import Mrz, find_mrz_lines, normalize_line, parse_mrz
from hanji.documents.values import ValueObject, value_object

_MIN_SCORE = 0.5  # below half the checks passing, a "reading" is noise, not a zone


def _century(yymmdd: str, future: bool) -> dict[str, str] | None:
    if not (len(yymmdd) == 6 and yymmdd.isdigit()):
        return None
    yy, mm, dd = int(yymmdd[:2]), yymmdd[2:4], yymmdd[4:]
    now = dt.date.today().year % 100
    # Birth dates lie in the past; expiry dates within the next ~50 years.
    year = 2000 + yy if (yy <= now if not future else yy < 70) else 1900 + yy
    return {"year": str(year), "month": mm, "day": dd}


def _score(mrz: Mrz) -> float:
    return sum(mrz.checks.values()) / max(len(mrz.checks), 1)


def mrz_from_page(page: Page) -> tuple[Mrz | None, list[Word]]:
    """Parse MRZ lines already present in the OCR lines; returns the zone and its words."""
    texts = [line.text for line in page.lines]
    picked = find_mrz_lines(texts)
    mrz = parse_mrz(picked)
    words = [w for line in page.lines if normalize_line(line.text) in picked for w in line.words]
    return mrz, words


def pp_fields(mrz: Mrz, words: list[Word]) -> dict[str, list[ValueObject]]:
    """The ``pp`` object: each field a one-element list of value objects (``idCard`` convention)."""
    f = mrz.fields
    conf = round(_score(mrz), 4)
    out: dict[str, list[ValueObject]] = {}
    for key in (
        "type",
        "issueCountry",
        "num",
        "surName",
        "givenName",
        "birthDate",
        "sex",
        "nationality",
        "personalNum",
        "expireDate",
    ):
        text = f.get(key, "")
        if not text:
            continue
        formatted = None
        if key in ("birthDate", "expireDate"):
            formatted = _century(text, future=key == "expireDate")
        out[key] = [value_object(text, words, formatted=formatted or {"value": text}, confidence=conf)]
    return out


def mrz_summary(mrz: Mrz) -> dict[str, FieldNode]:
    """``mrz`` {line1, line2, (line3), format, valid, checks} (Hanji layout)."""
    out: dict[str, FieldNode] = {f"line{i + 1}": line for i, line in enumerate(mrz.lines)}
    out.update({"format": mrz.format, "valid": mrz.valid, "checks": dict(mrz.checks)})
    return out


class PassportExtractor:
    """Global passports and ICAO ID cards/visas by their MRZ."""

    model = "passport"
    result_key = "passport"

    def is_available(self) -> bool:
        return True

    def read(self, page: Page, image: PageImage | None) -> tuple[Mrz | None, list[Word]]:
        """Best MRZ: the OCR lines first, then (if not fully valid) the image band."""
        mrz, words = mrz_from_page(page)
        if (mrz is None or not mrz.valid) and image is not None:
            from hanji.documents.mrz_reader import read_mrz

            second = read_mrz(image.pixels, image.reader)
            if second is not None and (mrz is None or _score(second) > _score(mrz)):
                mrz, words = second, []
        if mrz is None or _score(mrz) < _MIN_SCORE:
            return None, []
        return mrz, words

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        mrz, words = self.read(page, image)
        if mrz is None:
            return {}
        return {
            "idtype": "Passport",
            "isConfident": mrz.valid,
            "pp": pp_fields(mrz, words),
            "mrz": mrz_summary(mrz),
        }
