"""Document fields real clients read: a personal licence's 성 명 is repName; a receipt's business
number is bizNum, never part of its address; a card number that fails Luhn gets a second look and
otherwise a clearly low confidence."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from hanji.clova.document import render_fields
from hanji.core.geometry import Box
from hanji.core.result import Line, Page
from hanji.core.text_reader import PageImage, ReadLine
from hanji.documents import get_extractor
from hanji.documents.checksums import biz_number_check_digit, luhn_valid
from tests.documents.lines import text_line


def _line(text: str, x: float, y: float, pitch: float = 14.0) -> Line:
    return text_line(text, x, y, char_width=pitch, gap=pitch, height=20, confidence=0.96)


def test_a_personal_licence_names_its_representative_under_seong_myeong() -> None:
    number = "123456780" + biz_number_check_digit("123456780")
    lines = (
        _line("사 업 자 등 록 증", 200, 40),
        _line("( 일반과세자 )", 220, 80),
        _line(f"등록번호 : {number[:3]}-{number[3:5]}-{number[5:]}", 60, 130),
        _line("상 호 : 한빛문구", 60, 180),
        _line("성 명 : 김민준", 60, 230),
        _line("생 년 월 일 : 1980 년 03 월 05 일", 420, 230),
        _line("개업연월일 : 2015 년 06 월 01 일", 60, 280),
        _line("사업장 소재지 : 서울특별시 마포구 월드컵로 12", 60, 330),
    )
    out = render_fields(get_extractor("biz-license").extract(Page(0, 800, 600, lines)))
    assert out["repName"][0]["text"] == "김민준"
    assert out["companyName"][0]["text"] == "한빛문구"


def test_a_receipts_business_number_is_biz_num_not_an_address() -> None:
    number = "210812345" + biz_number_check_digit("210812345")
    printed = f"{number[:3]}-{number[3:5]}-{number[5:]}"
    lines = (
        _line("(주)한빛마트 망원점", 60, 30),
        _line(printed + " 대표 김민준", 60, 60),
        _line("서울특별시 마포구 월드컵로 12", 60, 90),
        _line("TEL 02-123-4567", 60, 120),
        _line("2026-03-05 14:22", 60, 150),
        _line("합계 12,000", 60, 400),
    )
    store = render_fields(get_extractor("receipt").extract(Page(0, 500, 600, lines)))["storeInfo"]
    assert store["bizNum"]["formatted"]["value"] == number
    assert all(printed not in a["text"] for a in store["addresses"])
    assert store["addresses"][0]["text"] == "서울특별시 마포구 월드컵로 12"


class _Reader:
    """A second look that reads what the card really prints (stands in for the engine's reader)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.crops: list[tuple[int, ...]] = []

    def read_lines(self, image: npt.NDArray[np.uint8], alphabet: str | None = None) -> list[ReadLine]:
        return [ReadLine(self.text, 0.9, Box(0, 0, image.shape[1], image.shape[0]))]

    def read_crop(self, crop: npt.NDArray[np.uint8]) -> ReadLine:
        self.crops.append(crop.shape)
        return ReadLine(self.text, 0.9, Box(0, 0, crop.shape[1], crop.shape[0]))


def _card(number_text: str) -> Page:
    return Page(0, 640, 400, (_line(number_text, 40, 200, 18), _line("VALID THRU 08/29", 300, 260)))


def test_a_card_number_missing_a_digit_is_read_again() -> None:
    assert luhn_valid("4111111111111111")
    reader = _Reader("4111 1111 1111 1111")
    image = PageImage(np.full((400, 640, 3), 255, np.uint8), reader)
    out = render_fields(get_extractor("credit-card").extract(_card("4111 1111 1111 111"), image))
    assert out["number"]["formatted"]["value"] == "4111111111111111"
    assert reader.crops, "the number's region was not read again"
    assert out["number"]["confidenceScore"] > 0.9


def test_a_card_number_that_never_passes_luhn_is_clearly_doubtful() -> None:
    image = PageImage(np.full((400, 640, 3), 255, np.uint8), _Reader("4111 1111 1111 112"))
    out = render_fields(get_extractor("credit-card").extract(_card("4111 1111 1111 111"), image))
    assert not luhn_valid(out["number"]["formatted"]["value"])
    assert out["number"]["confidenceScore"] <= 0.3
