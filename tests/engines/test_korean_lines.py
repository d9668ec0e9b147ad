"""Korean lines that mix Hangul with digits and Latin keep both, on real renders (Nanum fonts)."""

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from hanji.engines import recognize

pytestmark = pytest.mark.slow

NANUM = "/usr/share/fonts/truetype/nanum"


def _render(lines: list[str], font_file: str, size: int = 30) -> np.ndarray:
    font = ImageFont.truetype(f"{NANUM}/{font_file}", size)
    image = Image.new("RGB", (1100, 70 + 60 * len(lines)), (250, 250, 248))
    draw = ImageDraw.Draw(image)
    for k, text in enumerate(lines):
        draw.text((40, 35 + 60 * k), text, font=font, fill=(20, 20, 20))
    return np.array(image)


LINES = [
    "성명 HONG GILDONG",
    "카드번호 8291-10**-****-2476",
    "사업자등록번호 605-73-19728",
    "승인번호 35295070",
    "합계 금액 ₩45,000",
]


@pytest.mark.parametrize("font_file", ["NanumGothic.ttf", "NanumMyeongjo.ttf"])
def test_mixed_korean_lines_keep_their_latin_and_digits(font_file: str) -> None:
    page = recognize(_render(LINES, font_file), ["ko"])
    got = [line.text for line in page.lines]
    assert got == LINES


def test_a_single_digit_is_a_digit() -> None:
    image = np.full((200, 400, 3), 250, np.uint8)
    font = ImageFont.truetype(f"{NANUM}/NanumGothic.ttf", 30)
    canvas = Image.fromarray(image)
    draw = ImageDraw.Draw(canvas)
    draw.text((60, 40), "수량", font=font, fill=(20, 20, 20))
    draw.text((260, 40), "2", font=font, fill=(20, 20, 20))
    draw.text((60, 120), "단가", font=font, fill=(20, 20, 20))
    draw.text((260, 120), "7", font=font, fill=(20, 20, 20))
    page = recognize(np.array(canvas), ["ko"])
    assert [line.text for line in page.lines] == ["수량", "2", "단가", "7"]


def test_an_english_page_reads_the_same_in_a_korean_domain() -> None:
    from .samples import box_matched_cer, load_image, load_truth

    image = load_image("en_receipt")
    korean = box_matched_cer(recognize(image, ["ko"]), load_truth("en_receipt"))
    english = box_matched_cer(recognize(image, ["en"]), load_truth("en_receipt"))
    assert korean <= english * 1.1 + 0.005
