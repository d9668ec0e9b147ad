"""``id-card``: Korean 주민등록증 (``ic``), 운전면허증 (``dl``) and 외국인등록증 (``ac``).

Resident and driver's cards print their values without labels in a fixed order (name, number,
address, issue date, issuing office), so fields are found by shape and by position relative to
the personal number; the alien card prints labels and is read like a form.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hanji.core.document_fields import DocumentFields
from hanji.core.result import Line, Page
from hanji.core.text_reader import PageImage
from hanji.documents.alien_card import alien_fields
from hanji.documents.card_outline import card_outline, text_outline
from hanji.documents.labelled import label_pattern, merged_rows
from hanji.documents.personal_numbers import license_number, personal_number
from hanji.documents.spans import words_between
from hanji.documents.values import ValueObject, format_date, value_object

_NAME = re.compile(r"^\s*(?P<v>[가-힣](?:\s?[가-힣]){1,4})\s*(?:\([^)]*\)?)?\s*$")
_DATE = re.compile(r"(?:19|20)\d\d\s*[.년/-]\s*\d{1,2}\s*[.월/-]\s*\d{1,2}\s*[.일]?")
_PERIOD = re.compile(rf"(?P<a>{_DATE.pattern})\s*[~∼-]\s*(?P<b>{_DATE.pattern})")
_AUTHORITY = re.compile(r"[가-힣\s]{2,}(?:청장|시장|군수|경찰청장|지방경찰청장)\s*$")
_LICENSE_TYPE = re.compile(r"[12]\s*종\s*(?:보\s*통|대\s*형|소\s*형|특\s*수|원\s*동\s*기)")
_CODE = re.compile(r"^(?=[A-Z0-9]*[A-Z])[A-Z0-9]{5,6}$")
_KINDS = (
    ("dl", "Driver's License", label_pattern("운전면허", "자동차운전")),
    ("ac", "Alien Registration Card", label_pattern("외국인등록", "RESIDENCECARD", "ALIEN")),
    ("ic", "ID Card", label_pattern("주민등록증")),
)


def _vo(line: Line, text: str, *, formatted: dict[str, str] | None = None, key: str = "") -> ValueObject:
    start = line.text.find(text)
    words = words_between(line, start, start + len(text)) if start >= 0 else line.words
    return value_object(text, words, formatted=formatted, key_text=key)


def _date_vo(line: Line, text: str) -> ValueObject | None:
    formatted = format_date(text)
    return _vo(line, text.strip(), formatted=formatted) if formatted else None


def _kind(rows: list[Line]) -> tuple[str, str]:
    text = " ".join(r.text for r in rows).upper()
    for key, idtype, pattern in _KINDS:
        if pattern.search(text):
            return key, idtype
    return ("dl", "Driver's License") if license_number(rows) else ("ic", "ID Card")


def _tail_fields(rows: list[Line], start: int, out: dict[str, list[ValueObject]]) -> int:
    """Address rows after ``start`` up to the first date row; then that date and the issuing office."""
    address: list[Line] = []
    i = start
    while (
        i < len(rows)
        and not _DATE.search(rows[i].text)
        and not label_pattern("갱신", "적성").search(rows[i].text)
    ):
        address.append(rows[i])
        i += 1
    if address:
        words = tuple(w for ln in address for w in ln.words)
        out["address"] = [value_object(" ".join(ln.text for ln in address), words)]
    for j in range(i, len(rows)):
        line = rows[j]
        period = _PERIOD.search(line.text)
        if period:
            for key, group in (("renewStartDate", "a"), ("renewEndDate", "b")):
                vo = _date_vo(line, period[group])
                if vo:
                    out[key] = [replace(vo, key_text="갱신기간")]
            continue
        date = _DATE.search(line.text)
        if date and "issueDate" not in out:
            vo = _date_vo(line, date.group())
            if vo:
                out["issueDate"] = [vo]
        elif _AUTHORITY.search(line.text) and "issueDate" in out:
            out["authority"] = [_vo(line, line.text.strip())]
            return j
    return len(rows)


def _resident_or_driver(rows: list[Line], kind: str) -> tuple[dict[str, list[ValueObject]], bool]:
    out: dict[str, list[ValueObject]] = {}
    found = personal_number(rows, key_text="")
    if found is None:
        return out, False
    number, at, valid = found
    out["personalNum"] = [number]
    if kind == "dl":
        lic = license_number(rows)
        if lic:
            out["num"] = [lic[0]]
        for line in rows[:at]:
            m = _LICENSE_TYPE.search(line.text)
            if m:
                out["type"] = [_vo(line, m.group(), formatted={"value": re.sub(r"\s", "", m.group())})]
                break
    for line in reversed(rows[:at]):
        m = _NAME.match(line.text)
        if m and not label_pattern("주민등록증", "운전면허").search(line.text):
            out["name"] = [_vo(line, m["v"], formatted={"value": re.sub(r"\s", "", m["v"])})]
            break
    end = _tail_fields(rows, at + 1, out)
    if kind == "dl":
        _driver_extras(rows, end, out)
    return out, valid and "name" in out


def _driver_extras(rows: list[Line], end: int, out: dict[str, list[ValueObject]]) -> None:
    """Condition (``조건``), organ donor mark and the identification code printed after the office."""
    condition = label_pattern("조건")
    for line in rows:
        m = condition.search(line.text)
        if m:
            value = line.text[m.end() :].strip(" :：")
            value = re.split(r"\s{2,}|\s(?=장기)", value)[0].strip()
            if value:
                out["condition"] = [_vo(line, value, key="조건")]
        if label_pattern("장기기증").search(line.text):
            out["organDonation"] = [
                _vo(line, "장기기증") if "장기기증" in line.text else value_object("장기기증")
            ]
    for line in rows[end:]:
        for word in line.words:
            if _CODE.match(word.text):
                out["code"] = [value_object(word.text, (word,))]


class IdCardExtractor:
    """Korean identity cards → CLOVA ``idCard`` (``idtype``, ``rois``, ``isConfident``, one of ic/dl/ac)."""

    model = "id-card"
    result_key = "idCard"

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        rows = merged_rows(page)
        if not rows:
            return {}
        kind, idtype = _kind(rows)
        if kind == "ac":
            fields, confident = alien_fields(rows, image)
        else:
            fields, confident = _resident_or_driver(rows, kind)
        if not fields:
            return {}
        outline = card_outline(image.pixels) if image is not None else None
        outline = outline or text_outline(page)
        return {
            "idtype": idtype,
            "rois": [outline] if outline else [],
            "isConfident": confident,
            kind: fields,
        }
