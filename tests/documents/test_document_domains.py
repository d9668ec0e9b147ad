"""Name cards, medical receipts and Japanese/English invoices: number formats and layout rules, no OCR."""

import random

import pytest
from benchmarks.synthetic import world

from hanji.clova.document import render_fields
from hanji.core.geometry import Quad
from hanji.core.result import Line, Page, Word
from hanji.documents import get_extractor
from hanji.documents.checksums import jp_corporate_check_digit, jp_corporate_number_valid
from hanji.documents.values import format_date


def _page(*rows: tuple[float, float, str]) -> Page:
    """A page of one-line rows ``(x, height, text)``, 60 px apart, words split on spaces."""
    lines = []
    for i, (x0, h, text) in enumerate(rows):
        x, y, words = x0, 40.0 + 60 * i, []
        for t in text.split():
            w = len(t) * h * 0.6
            words.append(Word(t, Quad.from_sequence([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]), 0.9))
            x += w + h * 0.5
        lines.append(Line(tuple(words)))
    return Page(0, 1200, 40 + 60 * len(rows) + 40, tuple(lines))


def test_japanese_corporate_numbers() -> None:
    # Published 法人番号 (Toyota Motor, Sony Group): the leading digit checks the other twelve.
    assert jp_corporate_number_valid("1180301018771") and jp_corporate_number_valid("5010401067252")
    assert not jp_corporate_number_valid("1180301018772") and not jp_corporate_number_valid("118030101877")
    assert jp_corporate_check_digit("180301018771") == "1"


@pytest.mark.parametrize("seed", range(10))
def test_generated_registration_numbers_are_valid(seed: int) -> None:
    number = world.jp_registration(random.Random(seed))
    assert number.startswith("T") and jp_corporate_number_valid(number[1:])


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024年3月15日", "2024-03-15"),
        ("令和6年3月5日", "2024-03-05"),
        ("平成元年1月8日", "1989-01-08"),
        ("Date: March 15, 2024", "2024-03-15"),
        ("Mar. 3rd 2024", "2024-03-03"),
        ("15 Mar 2024", "2024-03-15"),
    ],
)
def test_japanese_and_english_dates(text: str, iso: str) -> None:
    assert format_date(text) == dict(zip(("year", "month", "day"), iso.split("-"), strict=True))


def _values(result: dict, key: str) -> list[str]:
    return [vo["formatted"]["value"] for vo in result.get(key, [])]


def test_korean_name_card_labels_and_glued_labels() -> None:
    page = _page(
        (60, 30, "( 주 ) 한빛테크"),
        (60, 70, "김 민 준 대표이사"),
        (60, 24, "경영지원팀"),
        (60, 24, "서울특별시 강남구 테헤란로 123, 5층"),
        (60, 24, "T02-555-1234"),
        (60, 24, "M 010-1234-5678"),
        (60, 24, "팩스 02-555-1299"),
        (60, 24, "Eminjun@hanbit.co.kr"),
        (60, 24, "www.hanbit.co.kr"),
    )
    r = render_fields(get_extractor("name-card").extract(page))
    assert _values(r, "name") == ["김민준"] and _values(r, "position") == ["대표이사"]
    assert _values(r, "company") == ["(주)한빛테크"] and _values(r, "department") == ["경영지원팀"]
    assert _values(r, "tel") == ["02-555-1234"] and r["tel"][0]["keyText"] == "T"
    assert _values(r, "mobile") == ["010-1234-5678"] and _values(r, "fax") == ["02-555-1299"]
    assert _values(r, "email") == ["minjun@hanbit.co.kr"] and _values(r, "homepage") == ["www.hanbit.co.kr"]
    assert _values(r, "address") == ["서울특별시 강남구 테헤란로 123, 5층"]


def test_japanese_name_card_furigana_and_merged_roles() -> None:
    page = _page(
        (60, 30, "青葉工業株式会社"),
        (60, 20, "タカハシ ハナコ"),
        (60, 70, "高橋 花子"),
        (60, 24, "海外事業部代表取締役"),
        (60, 24, "〒583-6219 大阪府大阪市北区梅田1-16-1"),
        (60, 24, "携带080-8297-5363"),
    )
    r = render_fields(get_extractor("name-card").extract(page))
    assert _values(r, "name") == ["高橋花子"] and _values(r, "nameFurigana") == ["タカハシ ハナコ"]
    assert _values(r, "department") == ["海外事業部"] and _values(r, "position") == ["代表取締役"]
    assert _values(r, "address") == ["大阪府大阪市北区梅田1-16-1"]
    assert _values(r, "mobile") == ["080-8297-5363"]


def test_english_name_card_keeps_department_out_of_the_name() -> None:
    page = _page(
        (60, 30, "Northwind Labs Co., Ltd."),
        (60, 24, "Finance Division"),
        (60, 58, "James Bennett"),
        (60, 24, "Tel +1 796-555-3594"),
    )
    r = render_fields(get_extractor("name-card").extract(page))
    assert _values(r, "name") == ["James Bennett"] and _values(r, "department") == ["Finance Division"]
    assert _values(r, "company") == ["Northwind Labs Co., Ltd."] and _values(r, "tel") == ["+1 796-555-3594"]


def test_medical_receipt_period_and_already_paid_is_not_paid() -> None:
    page = _page(
        (60, 24, "진료비 영수증"),
        (300, 20, "환자성명"),
        (300, 24, "홍길동"),
        (60, 24, "진료기간 2024.03.02 ~ 2024.03.05"),
        (60, 24, "이미 납부한 금액 10,000"),
        (60, 24, "납부한 금액 45,600"),
    )
    r = render_fields(get_extractor("medical-receipt").extract(page))
    assert r["patientName"]["formatted"] == {"value": "홍길동"}
    period = r["visitDate"]["formatted"]
    assert period["start"] == {"year": "2024", "month": "03", "day": "02"} and period["end"]["day"] == "05"
    assert r["paidAmount"]["formatted"] == {"value": "45600"}


def test_english_invoice_totals_skip_subtotal_and_percentages() -> None:
    page = _page(
        (60, 24, "Subtotal $1,200.00"),
        (60, 24, "Tax (10%) $120.00"),
        (60, 24, "Total $1,320.00"),
    )
    r = render_fields(get_extractor("invoice").extract(page))
    assert r["totalSupplyPrice"]["formatted"] == {"value": "1200.00"}
    assert r["totalTaxPrice"]["formatted"] == {"value": "120.00"}
    assert r["totalPrice"]["formatted"] == {"value": "1320.00"}


def test_japanese_invoice_adds_up_both_tax_rates() -> None:
    page = _page(
        (60, 24, "請求書"),
        (60, 24, "小計 ¥1,100"),
        (60, 24, "消费税(10%) ¥100"),
        (60, 24, "消費税 (8%) ¥8"),
        (60, 24, "合計 ¥1,208"),
    )
    r = render_fields(get_extractor("invoice").extract(page))
    assert r["totalTaxPrice"]["formatted"] == {"value": "108"}
    assert len(r["totalTaxPrice"]["boundingPolys"]) == 2
    assert r["totalPrice"]["formatted"] == {"value": "1208"}
