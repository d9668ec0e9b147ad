"""``invoice`` (Hanji extension): Korean 세금계산서 — supplier and buyer blocks, item table, totals.

Japanese and English invoices are read by :mod:`hanji.documents.invoice_foreign`, chosen by the
page's script.

The two parties are printed side by side with the same labels, so the page is cut at the buyer
block's left edge and each half is read as a form of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from hanji.core.document_fields import DocumentFields, FieldNode, FieldValue
from hanji.core.result import Line, Page
from hanji.core.text_reader import PageImage
from hanji.documents.biz_license import BIZ_NUMBER
from hanji.documents.checksums import biz_number_valid
from hanji.documents.invoice_foreign import extract_foreign
from hanji.documents.invoice_items import find_items
from hanji.documents.labelled import Labelled, find_labelled, label_pattern, merged_rows
from hanji.documents.language import estimate_language
from hanji.documents.values import ValueObject, digits_only, format_date, value_object

# Won amounts have no decimals; Tesseract reads some thousands commas as dots, so both are separators.
MONEY = re.compile(r"(?<![\d.,])\d(?:[\d,.]*\d)?(?!\d)")
_DATE = re.compile(r"(?:19|20)\d\d\s*[-./년]\s*\d{1,2}\s*[-./월]\s*\d{1,2}\s*일?")
_BUYER = label_pattern("공급받는자")
_PARTY_FIELDS = (
    ("name", "상호", label_pattern("상호(법인명)", "상호"), label_pattern("성명")),
    ("repName", "성명", label_pattern("성명(대표자)", "성명", "대표자"), None),
    ("address", "주소", label_pattern("사업장주소", "사업장 소재지", "주소"), None),
)
_TOTALS = (
    ("totalSupplyPrice", "공급가액", label_pattern("공급가액")),
    ("totalTaxPrice", "세액", label_pattern("세액")),
    ("totalPrice", "합계금액", label_pattern("합계금액", "총액")),
)


def money_object(found: Labelled) -> ValueObject:
    """A won amount: thousands separators (read as ``,`` or ``.``) dropped."""
    return value_object(
        found.text, found.words, formatted={"value": digits_only(found.text)}, key_text=found.key_text
    )


def _halves(page: Page, top: float, bottom: float) -> tuple[Page, Page] | None:
    """The supplier (left) and buyer (right) blocks between ``top`` and ``bottom``."""
    buyer = next((ln for ln in page.lines if _BUYER.search(ln.text.replace(" ", ""))), None)
    if buyer is None:
        return None
    cut = buyer.bbox.left - 0.5 * buyer.bbox.height
    block = [ln for ln in page.lines if top <= ln.bbox.center.y < bottom]
    left = tuple(ln for ln in block if ln.bbox.center.x < cut)
    right = tuple(ln for ln in block if ln.bbox.center.x >= cut)
    return Page(0, page.width, page.height, left), Page(0, page.width, page.height, right)


def _party(half: Page) -> dict[str, list[ValueObject]]:
    rows = merged_rows(half)
    out: dict[str, list[ValueObject]] = {}
    for row in rows:
        m = BIZ_NUMBER.search(row.text)
        if m:
            found = find_labelled([row], "등록번호", label_pattern("등록번호"), value=BIZ_NUMBER)
            found = found or find_labelled([row], "", re.compile("^"), value=BIZ_NUMBER)
            if found is not None:
                d = digits_only(found.text)
                vo = value_object(
                    found.text,
                    found.words,
                    formatted={"value": f"{d[:3]}-{d[3:5]}-{d[5:]}"},
                    key_text=found.key_text,
                )
                if not biz_number_valid(d):
                    vo = replace(vo, confidence=round(vo.confidence / 2, 4))
                out["bizNum"] = [vo]
                break
    for key, key_text, label, stop in _PARTY_FIELDS:
        found = find_labelled(rows, key_text, label, stop=stop)
        if found is not None:
            formatted = {"value": re.sub(r"\s", "", found.text)} if key == "repName" else None
            out[key] = [value_object(found.text, found.words, formatted=formatted, key_text=key_text)]
    return out


def _first_row(rows: list[Line], pattern: re.Pattern[str]) -> int | None:
    return next((i for i, r in enumerate(rows) if pattern.search(r.text)), None)


class InvoiceExtractor:
    """세금계산서 / 請求書 / invoice → ``invoice`` {supplier, buyer, issueDate, items, totals}."""

    model = "invoice"
    result_key = "invoice"

    def is_available(self) -> bool:
        return True

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        lang = estimate_language(page)
        if lang != "ko":  # kanji without kana (a short 請求書) is still read as Japanese
            return extract_foreign(page, "en" if lang == "en" else "ja")
        rows = merged_rows(page)
        out: dict[str, FieldNode] = {}
        totals: dict[str, FieldValue] = {}
        date_row = _first_row(rows, label_pattern("작성일자", "작성일", "발행일"))
        items_row = _first_row(rows, label_pattern("품목"))
        limit = min(i for i in (date_row, items_row, len(rows)) if i is not None)
        bottom = rows[limit].bbox.top if limit < len(rows) else float(page.height)
        halves = _halves(page, 0.0, bottom)
        if halves is not None:
            for key, half in zip(("supplier", "buyer"), halves, strict=True):
                party = _party(half)
                if party:
                    out[key] = {k: v[0] for k, v in party.items()}
        issued = find_labelled(rows, "작성일자", label_pattern("작성일자", "작성일", "발행일"), value=_DATE)
        if issued is not None:
            out["issueDate"] = value_object(
                issued.text, issued.words, formatted=format_date(issued.text), key_text="작성일자"
            )
        items, end = find_items(rows, MONEY)
        if items:
            out["items"] = list(items)
        total_rows = rows[end:] if items else rows
        total_at = _first_row(total_rows, label_pattern("합계"))
        if total_at is not None:
            tail = total_rows[total_at:]
            for key, key_text, label in _TOTALS:
                found = find_labelled(tail, key_text, label, value=MONEY)
                if found is not None:
                    totals[key] = money_object(found)
        return out | _checked_totals(totals, items)


def _is_subsequence(short: str, long: str) -> bool:
    it = iter(long)
    return all(ch in it for ch in short)


def _checked_totals(
    totals: dict[str, FieldValue], items: list[dict[str, FieldValue]]
) -> dict[str, FieldValue]:
    """Repair totals where OCR read a thousands comma as an extra ``1`` (``1,528,000`` → ``11528000``).

    The totals must equal the item sums (and supply + tax the grand total); a read total that holds
    the expected digits plus extra ones is replaced by the expected amount, confidence halved.
    """
    out = dict(totals)
    expected: dict[str, int] = {}
    for key, column in (("totalSupplyPrice", "supplyPrice"), ("totalTaxPrice", "taxPrice")):
        if items and all(column in it for it in items):
            expected[key] = sum(int(it[column].value or 0) for it in items)
        elif key in out:
            expected[key] = int(out[key].value or 0)
    if len(expected) == 2:
        expected["totalPrice"] = expected["totalSupplyPrice"] + expected["totalTaxPrice"]
    for key, value in expected.items():
        vo = out.get(key)
        if vo is None or vo.value == str(value):
            continue
        if len(vo.value) > len(str(value)) and _is_subsequence(str(value), vo.value):
            out[key] = replace(vo, formatted={"value": str(value)}, confidence=round(vo.confidence / 2, 4))
    return out
