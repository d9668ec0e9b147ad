"""``biz-license``: Korean business registration certificate (사업자등록증), personal or corporate.

Every field sits after a printed label on its row; the registration number is also recognised by
its shape and verified by the National Tax Service check digit.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hanji.core.document_fields import DocumentFields
from hanji.core.result import Line, Page
from hanji.core.text_reader import PageImage
from hanji.documents.checksums import biz_number_valid
from hanji.documents.labelled import Labelled, find_labelled, label_pattern, merged_rows, spaced
from hanji.documents.values import ValueObject, digits_only, format_date, value_object

BIZ_NUMBER = re.compile(r"(?<!\d)\d{3}\s*-?\s*\d{2}\s*-?\s*\d{5}(?!\d)")
_CORP_NUMBER = re.compile(r"(?<!\d)\d{6}\s*-\s*\d{7}(?!\d)")
_DATE = re.compile(r"(?:19|20)\d\d\s*[년./-]\s*\d{1,2}\s*[월./-]\s*\d{1,2}\s*일?")
_TITLE = label_pattern("사업자등록증")
_CORPORATE = label_pattern("법인사업자", "법인명")
_PERSONAL = label_pattern("일반과세자", "간이과세자", "면세사업자", "개인사업자")
_PRINTED_TAX = label_pattern("법인사업자", "일반과세자", "간이과세자", "면세사업자", "개인사업자")
_CORP_NAME = re.compile(spaced("법인명") + r"(?:\s*\(\s*" + spaced("단체명") + r"\s*\))?")
_BIZ_LABEL = re.compile(r"(?<!인)(?<!인\s)" + spaced("등록번호"))

# (field, keyText, label, next label on the same row that ends the value)
_TEXT_FIELDS: tuple[tuple[str, str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        "companyName",
        "상호",
        re.compile(spaced("상호") + r"(?:\s*\(\s*" + spaced("법인명") + r"\s*\))?"),
        None,
    ),
    ("corpName", "법인명(단체명)", _CORP_NAME, None),
    ("repName", "대표자", label_pattern("대표자", "성명"), label_pattern("생년월일")),
    ("coRepName", "공동사업자", label_pattern("공동사업자", "공동대표"), None),
    ("bisAddress", "사업장 소재지", label_pattern("사업장소재지"), None),
    ("headAddress", "본점 소재지", label_pattern("본점소재지"), None),
    ("bisType", "업태", label_pattern("업태"), label_pattern("종목")),
    ("bisItem", "종목", label_pattern("종목"), None),
    ("issuanceReason", "발급사유", label_pattern("발급사유"), None),
)
_DATE_FIELDS = (
    ("openDate", "개업연월일", label_pattern("개업연월일", "개업일")),
    ("birth", "생년월일", label_pattern("생년월일")),
)
_PERSON_FIELDS = {"repName", "coRepName"}


def _labelled_object(found: Labelled, formatted: dict[str, str] | None = None) -> ValueObject:
    return value_object(found.text, found.words, formatted=formatted, key_text=found.key_text)


def _register_number(rows: list[Line]) -> ValueObject | None:
    """The 등록번호: after its label if there, else any number of its shape; a valid check digit wins."""
    best: tuple[int, ValueObject] | None = None
    for i, row in enumerate(rows):
        labelled = bool(_BIZ_LABEL.search(row.text))
        for m in BIZ_NUMBER.finditer(row.text):
            digits = digits_only(m.group())
            valid = biz_number_valid(digits)
            found = find_labelled([row], "등록번호" if labelled else "", re.compile(r"^"), value=BIZ_NUMBER)
            if found is None:
                continue
            vo = _labelled_object(found, {"value": f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"})
            if not valid:
                # An unverified number is still reported, flagged by a halved confidence.
                vo = replace(vo, confidence=round(vo.confidence / 2, 4))
            rank = 2 * valid + labelled
            if best is None or rank > best[0]:
                best = (rank, vo)
        if best is not None and (best[0] == 3 or i > 8):
            break
    return best[1] if best else None


def _issuance_date(rows: list[Line], after: int) -> ValueObject | None:
    """The unlabelled date printed above the tax office's name, below every labelled field."""
    for row in reversed(rows[after + 1 :]):
        m = _DATE.search(row.text)
        formatted = format_date(m.group()) if m else None
        if m and formatted:
            found = find_labelled([row], "", re.compile(r"^"), value=_DATE)
            if found is not None:
                return _labelled_object(found, formatted)
    return None


class BizLicenseExtractor:
    """사업자등록증 → CLOVA ``bizLicense`` fields, each a one-element list of value objects."""

    model = "biz-license"
    result_key = "bizLicense"

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        rows = merged_rows(page)
        out: dict[str, list[ValueObject]] = {}
        title = find_labelled(rows, "", re.compile(r"^"), value=_TITLE)
        if title is not None:
            out["documentType"] = [_labelled_object(title, {"value": "사업자등록증"})]
        head = " ".join(r.text for r in rows[:6])
        corporate = bool(_CORPORATE.search(" ".join(r.text for r in rows)))
        printed = find_labelled(rows[:6], "", re.compile(r"^"), value=_PRINTED_TAX)
        if printed is not None or corporate or _PERSONAL.search(head):
            tax = "법인사업자" if corporate else "개인사업자"
            vo = _labelled_object(printed, {"value": tax}) if printed else value_object(tax, confidence=0.5)
            out["taxType"] = [vo]
        number = _register_number(rows)
        if number is not None:
            out["registerNumber"] = [number]
        corp_no = find_labelled(rows, "법인등록번호", label_pattern("법인등록번호"), value=_CORP_NUMBER)
        if corp_no is not None:
            out["corpRegisterNum"] = [_labelled_object(corp_no, {"value": re.sub(r"\s", "", corp_no.text)})]
        last_row = 0
        for key, key_text, label, stop in _TEXT_FIELDS:
            found = find_labelled(rows, key_text, label, stop=stop)
            if found is None:
                continue
            last_row = max(last_row, found.row)
            formatted = {"value": re.sub(r"\s", "", found.text)} if key in _PERSON_FIELDS else None
            out[key] = [_labelled_object(found, formatted)]
        for key, key_text, label in _DATE_FIELDS:
            found = find_labelled(rows, key_text, label, value=_DATE)
            if found is not None:
                last_row = max(last_row, found.row)
                out[key] = [_labelled_object(found, format_date(found.text))]
        issued = _issuance_date(rows, last_row)
        if issued is not None:
            out["issuanceDate"] = [issued]
        return out
