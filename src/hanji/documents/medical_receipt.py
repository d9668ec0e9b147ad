"""``medical-receipt`` → ``medicalReceipt``: Korean 진료비 (계산서·)영수증.

The official form (국민건강보험 요양급여 별지 서식) prints the patient block as a grid with labels
above their values, the fee table with one row per fee item (진찰료, 입원료, 검사료 …) and columns
for the patient's share (본인부담금), the insurer's share (공단부담금), fully self-paid (전액본인부담)
and uninsured care (비급여), then the totals box. ``uninsuredAmount`` is the 비급여 column; the
전액본인부담 column is read to keep columns aligned but is not part of Hanji's item schema.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hanji.core.document_fields import DocumentFields, FieldNode
from hanji.core.result import Line, Page, Word
from hanji.core.text_reader import PageImage
from hanji.documents.invoice import MONEY, money_object
from hanji.documents.invoice_items import ItemTable, find_items
from hanji.documents.labelled import find_labelled, label_pattern, merged_rows, spaced
from hanji.documents.spans import words_between
from hanji.documents.values import ValueObject, format_date, value_object

_DATE = r"(?:19|20)\d\d\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*일?"
_PERIOD = re.compile(rf"(?P<start>{_DATE})(?:\s*[~∼〜-]\s*(?P<end>{_DATE}))?")
_HOSPITAL = re.compile(r"\S*(?:병원|의원|의료원|보건소|치과|한의원|의료재단)$")
_NAME = re.compile(r"[가-힣](?:\s?[가-힣]){1,3}")
_PATIENT_LABEL = label_pattern("환자성명", "환자명", "수진자명", "성명")
_PERIOD_LABEL = label_pattern("진료기간", "진료일자", "진료일", "입원기간")
_ALREADY_PAID = label_pattern("이미납부한금액", "이미납부한")
FEE_TABLE = ItemTable(
    columns=(
        # The patient's partial share; never the "전액본인부담" header that contains the same letters.
        ("patientAmount", "본인부담금", re.compile(r"(?<!액)(?<!액\s)" + spaced("본인부담금"))),
        ("insuredAmount", "공단부담금", label_pattern("공단부담금", "공단부담")),
        ("fullAmount", "전액본인부담", label_pattern("전액본인부담")),
        ("uninsuredAmount", "비급여", label_pattern("비급여")),
    ),
    name=label_pattern("항목", "구분"),
    end=label_pattern("합계", "진료비총액", "소계"),
    name_key_text="항목",
)
_TOTALS = (
    ("totalAmount", "진료비 총액", label_pattern("진료비총액")),
    ("patientPayAmount", "환자부담 총액", label_pattern("환자부담총액", "환자부담금총액")),
    ("paidAmount", "납부한 금액", label_pattern("납부한금액", "수납금액")),
)


def value_below(rows: list[Line], label: re.Pattern[str], value: re.Pattern[str]) -> tuple[str, list[Word]]:
    """The value under a grid label: words of the next row that sit in the label's column.

    The column runs from the label's left edge to the next label-like word's left edge on the
    header row; the value row's words whose centres fall there are joined.
    """
    for i, row in enumerate(rows[:-1]):
        m = label.search(row.text)
        if m is None:
            continue
        words = words_between(row, m.start(), m.end())
        left = words[0].quad.bbox.left - words[0].quad.height
        after = [w.quad.bbox.left for w in row.words if w.quad.bbox.left > words[-1].quad.bbox.right]
        right = min(after) if after else float("inf")
        below = [w for w in rows[i + 1].words if left <= w.quad.center.x < right]
        text = " ".join(w.text for w in below)
        found = value.search(text)
        if found:
            return found.group(), below
    return "", []


def _period(rows: list[Line]) -> ValueObject | None:
    """진료기간 ``start ~ end`` (an outpatient visit prints one day, or the same day twice)."""
    text, words = value_below(rows, _PERIOD_LABEL, _PERIOD)
    if not text:
        found = find_labelled(rows, "진료기간", _PERIOD_LABEL, value=_PERIOD, below=True)
        if found is None:
            return None
        text, words = found.text, list(found.words)
    m = _PERIOD.search(text)
    assert m is not None
    start, end = format_date(m["start"]), format_date(m["end"] or m["start"])
    if start is None or end is None:
        return None
    return value_object(text, words, formatted={"start": start, "end": end}, key_text="진료기간")


def _hospital(rows: list[Line]) -> ValueObject | None:
    label = label_pattern("요양기관명칭", "요양기관명", "기관명칭", "병원명", "상호")
    found = find_labelled(rows, "요양기관명칭", label)
    if found is not None:
        return value_object(found.text, found.words, key_text=found.key_text)
    for row in rows:
        for word in row.words:
            if _HOSPITAL.fullmatch(word.text) and len(word.text) > 2:
                return value_object(word.text, [word])
    return None


class MedicalReceiptExtractor:
    """진료비 영수증 → ``medicalReceipt`` {hospitalName, patientName, visitDate, items, totals}."""

    model = "medical-receipt"
    result_key = "medicalReceipt"

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        rows = merged_rows(page)
        out: dict[str, FieldNode] = {}
        hospital = _hospital(rows)
        if hospital is not None:
            out["hospitalName"] = hospital
        name, words = value_below(rows, _PATIENT_LABEL, _NAME)
        if name:
            used = [w for w in words if w.text in name]
            out["patientName"] = value_object(
                name, used, formatted={"value": re.sub(r"\s", "", name)}, key_text="환자성명"
            )
        period = _period(rows)
        if period is not None:
            out["visitDate"] = period
        items, end = find_items(rows, MONEY, FEE_TABLE)
        if items:
            kept = [{k: v for k, v in item.items() if k != "fullAmount"} for item in items]
            for item in kept:
                if "name" in item:  # the form's item names are single words OCR splits (입 원 료)
                    read = item["name"]
                    item["name"] = replace(read, formatted={"value": re.sub(r"\s", "", read.text)})
            out["items"] = kept
        totals = [r for r in rows[end:] if not _ALREADY_PAID.search(r.text)]
        for key, key_text, label in _TOTALS:
            found = find_labelled(totals, key_text, label, value=MONEY)
            if found is not None:
                out[key] = money_object(found)
        return out
