"""Receipt header and labels: a 대표 / TEL row above the address does not end the store block, a
``주소 :`` line is the address without its label, and values carry the label printed beside them
(``keyText``) — on pages built from lines, with the rules alone and with the shipped line model."""

from __future__ import annotations

from typing import Any

import pytest

from hanji.clova.document import render_fields
from hanji.core.result import Line, Page
from hanji.documents.checksums import biz_number_check_digit
from hanji.documents.receipt import extract_receipt
from hanji.documents.receipt_model import shipped_line_model
from tests.documents.lines import text_line

_NUMBER = "210812345" + biz_number_check_digit("210812345")
BIZ = f"{_NUMBER[:3]}-{_NUMBER[3:5]}-{_NUMBER[5:]}"


def _line(text: str, x: float, y: float, pitch: float = 14.0) -> Line:
    return text_line(text, x, y, char_width=pitch, gap=pitch, height=20, confidence=0.96)


def _right(text: str, right: float, y: float, pitch: float = 14.0) -> Line:
    """A line printed flush right, ending at ``right`` (a till slip's value column)."""
    width = pitch * (len(text.replace(" ", "")) + text.count(" "))
    return _line(text, right - width, y, pitch)


def _receipt(*lines: Line) -> Page:
    return Page(0, 640, 800, lines)


@pytest.fixture(params=["rules", "model"])
def read(request: pytest.FixtureRequest) -> Any:
    model = shipped_line_model() if request.param == "model" else None
    return lambda page: render_fields(extract_receipt(page, model))


def _slip(*header: Line) -> Page:
    """A Korean till slip: name on top, ``header`` rows, then the date, an item and the total."""
    return _receipt(
        _line("(주)한빛마트 망원점", 40, 40),
        *header,
        _line("일시 : 2026-03-05 14:22:31", 40, 300),
        _line("신라면", 40, 350),
        _right("9,000", 600, 350),
        _line("합계", 40, 400),
        _right("9,000", 600, 400),
    )


def test_address_below_a_row_of_representative_and_phone_is_read(read: Any) -> None:
    page = _slip(
        _line("사업자번호 :", 40, 92),
        _right(BIZ, 600, 92),
        _line("대표 : 김민준", 40, 144),
        _right("TEL 02-335-1234", 600, 144),
        _line("서울특별시 마포구 월드컵로 12", 40, 196),
    )
    store = read(page)["storeInfo"]
    assert [a["text"] for a in store["addresses"]] == ["서울특별시 마포구 월드컵로 12"]
    assert store["tel"][0]["text"] == "02-335-1234" and store["tel"][0]["keyText"] == "TEL"


def test_a_representative_and_phone_read_as_one_line_do_not_end_the_header(read: Any) -> None:
    page = _slip(_line(f"사업자번호 : {BIZ}", 40, 92), _line("대표 : 김민준 TEL 02-335-1234", 40, 144))
    page = _receipt(*page.lines[:3], _line("서울특별시 마포구 월드컵로 12", 40, 196), *page.lines[3:])
    assert read(page)["storeInfo"]["addresses"][0]["text"] == "서울특별시 마포구 월드컵로 12"


def test_a_labelled_address_is_the_address_without_its_label(read: Any) -> None:
    page = _slip(
        _line("대표 : 김민준", 40, 92),
        _right("TEL 02-335-1234", 600, 92),
        _line("주소 : 서울특별시 마포구 월드컵로 12", 40, 144),
    )
    address = read(page)["storeInfo"]["addresses"]
    assert [(a["text"], a["keyText"]) for a in address] == [("서울특별시 마포구 월드컵로 12", "주소")]
    assert len(address[0]["boundingPolys"]) == 4  # the value's words, not the label's


def test_a_label_alone_takes_the_value_printed_right_of_it(read: Any) -> None:
    page = _slip(_line("주소 :", 40, 92), _right("서울특별시 마포구 월드컵로 12", 600, 92))
    address = read(page)["storeInfo"]["addresses"][0]
    assert (address["text"], address["keyText"]) == ("서울특별시 마포구 월드컵로 12", "주소")


def test_an_english_header_still_ends_the_address_at_its_phone_line(read: Any) -> None:
    page = _receipt(
        _line("SYARIKAT PERNIAGAAN GIN KEE", 40, 40),
        _line("(81109-A)", 40, 70),
        _line("NO 29, JALAN AIR PANAS,", 40, 100),
        _line("53200, KUALA LUMPUR.", 40, 130),
        _line("TEL : 03-40210276", 40, 160),
        _line("COUNTER 2 KIOSK", 40, 190),
        _line("Date: 02/01/2018", 40, 220),
        _line("Total Sales (Inclusive of GST) :", 40, 400),
        _right("13.25", 600, 400),
    )
    out = read(page)
    assert out["storeInfo"]["addresses"][0]["text"] == "NO 29, JALAN AIR PANAS, 53200, KUALA LUMPUR."
    assert out["storeInfo"]["tel"][0]["keyText"] == "TEL"
    assert out["paymentInfo"]["date"]["keyText"] == "Date"
    assert out["totalPrice"]["price"]["keyText"] == "Total Sales (Inclusive of GST)"


def test_address_lines_read_out_of_order_are_joined_top_to_bottom() -> None:
    page = _receipt(
        _line("ASO ELECTRICAL TRADING SDN BHD", 40, 40),
        _line("AXIS 40400 SHAH ALAM, SELANGOR.", 40, 130),
        _line("SECTION 25, TAMAN INDUSTRIES,", 40, 100),
        _line("NO 31G, JALAN SEPADU C 25/C,", 40, 70),
        _line("GST NO:000683900928", 40, 160),
    )
    address = render_fields(extract_receipt(page, None))["storeInfo"]["addresses"][0]["text"]
    assert (
        address
        == "NO 31G, JALAN SEPADU C 25/C, SECTION 25, TAMAN INDUSTRIES, AXIS 40400 SHAH ALAM, SELANGOR."
    )


def test_business_number_date_and_time_name_their_labels(read: Any) -> None:
    page = _slip(_line("사업자번호 :", 40, 92), _right(BIZ, 600, 92))
    out = read(page)
    assert (out["storeInfo"]["bizNum"]["text"], out["storeInfo"]["bizNum"]["keyText"]) == (BIZ, "사업자번호")
    payment = out["paymentInfo"]
    assert (payment["date"]["keyText"], payment["time"]["keyText"]) == ("일시", "일시")
    assert out["totalPrice"]["price"]["keyText"] == "합계"


@pytest.mark.parametrize(
    ("printed", "biz_key", "date_key", "time_key"),
    [
        ((f"사업자등록번호: {BIZ}", "거래일시 : 2026-03-05 14:22"), "사업자등록번호", "거래일시", "거래일시"),
        ((f"등록번호 {BIZ}", "DATE : 05/03/2026 TIME : 14:22"), "등록번호", "DATE", "TIME"),
        ((f"ROC {BIZ}", "DATE/TIME: 05/03/2026 14:22"), "ROC", "DATE/TIME", "DATE/TIME"),
        ((BIZ, "Date: 05/03/2026 14:22"), "", "Date", ""),
        ((BIZ, "2026-03-05 14:22"), "", "", ""),
    ],
)
def test_labels_on_the_values_own_line(
    printed: tuple[str, str], biz_key: str, date_key: str, time_key: str
) -> None:
    page = _receipt(
        _line("(주)한빛마트 망원점", 40, 40), _line(printed[0], 40, 92), _line(printed[1], 40, 300)
    )
    out = render_fields(extract_receipt(page, None))
    assert out["storeInfo"]["bizNum"]["keyText"] == biz_key
    assert out["paymentInfo"]["date"]["keyText"] == date_key
    assert out["paymentInfo"]["time"]["keyText"] == time_key


def test_a_labelled_store_name_drops_its_label_and_a_merchant_number_is_no_name(read: Any) -> None:
    page = _receipt(
        _line("영수증", 40, 20),
        _line("가맹점번호 : 00123456", 40, 50),
        _line("상호 : 한빛문구", 40, 80),
        _line("전화 02-123-4567", 40, 110),
        _line("2026-03-05", 40, 140),
    )
    store = read(page)["storeInfo"]
    assert (store["name"]["text"], store["name"]["keyText"]) == ("한빛문구", "상호")
    assert [(t["text"], t["keyText"]) for t in store["tel"]] == [("02-123-4567", "전화")]


def test_totals_and_card_payment_name_their_labels_without_the_amount() -> None:
    page = _receipt(
        _line("BOOK TA.K (TAMAN DAYA) SDN BHD", 40, 40),
        _line("Round d Total (RM): 9.00", 40, 300),
        _line("신용카드 9.00", 40, 330),
        _line("승인번호 : 30012345", 40, 360),
    )
    out = render_fields(extract_receipt(page, None))
    assert out["totalPrice"]["price"]["keyText"] == "Round d Total (RM)"
    assert out["totalPrice"]["creditCardPrice"]["keyText"] == "신용카드"
    assert (out["paymentInfo"]["confirmNum"]["text"], out["paymentInfo"]["confirmNum"]["keyText"]) == (
        "30012345",
        "승인번호",
    )


def test_a_letter_t_inside_a_word_is_not_a_phone_label() -> None:
    page = _receipt(_line("(NOID GST 001226018816)", 40, 40), _line("MT161201806020100", 40, 70))
    assert "tel" not in render_fields(extract_receipt(page, None)).get("storeInfo", {})
