"""The real engines on small real page crops (see tests/data/ocr/README.md)."""

import numpy as np
import pytest

from hanji.engines import recognize

from .samples import box_matched_cer, load_image, load_truth

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("sample", "lang", "engine", "bound", "substring"),
    [
        ("ko_cldr", "ko", None, 0.08, "인도네시아"),
        ("ja_cldr", "ja", None, 0.08, "セントルシア"),
        ("zh_cldr", "zh-TW", None, 0.08, "索拉什特拉文"),
        ("en_receipt", "en", None, 0.15, "JOHOR BAHRU"),  # SROIE truth has typos (BND, NO.53)
        ("en_receipt", "en", "tesseract", 0.25, "TAMAN DAYA"),
    ],
)
def test_reads_real_text(sample: str, lang: str, engine: str | None, bound: float, substring: str) -> None:
    image = load_image(sample)
    page = recognize(image, [lang], engine)
    assert (page.width, page.height, page.rotation) == (image.shape[1], image.shape[0], 0)
    assert substring.replace(" ", "") in page.text.replace(" ", "")
    assert box_matched_cer(page, load_truth(sample)) <= bound
    assert all(0.0 <= w.confidence <= 1.0 for w in page.words)


def test_korean_lines_keep_digits_and_won_sign() -> None:
    page = recognize(load_image("ko_cldr"), ["ko"])
    assert "₩536,119" in page.text.replace(" ", "")
    assert any(line.engine == "tesseract" for line in page.lines)


@pytest.mark.parametrize("rotation", [90, 180, 270])
def test_turned_pages_are_read_with_boxes_in_the_original(rotation: int) -> None:
    image = load_image("ja_cldr")
    turned = np.ascontiguousarray(np.rot90(image, k=rotation // 90))  # counter-clockwise
    page = recognize(turned, ["ja"])
    assert page.rotation == rotation
    assert "アディゲ語" in page.text.replace(" ", "")
    h, w = turned.shape[:2]
    for word in page.words:
        for p in word.quad.points:
            assert -2 <= p.x <= w + 2 and -2 <= p.y <= h + 2


def test_two_column_page_reads_column_by_column() -> None:
    left, right = load_image("ja_cldr"), load_image("zh_cldr")
    height = max(left.shape[0], right.shape[0]) + 80
    page_image = np.full((height, left.shape[1] + right.shape[1] + 80, 3), 235, np.uint8)
    page_image[20 : 20 + left.shape[0], : left.shape[1]] = left
    page_image[60 : 60 + right.shape[0], left.shape[1] + 80 :] = right
    page = recognize(page_image, ["ja"])
    text = page.text.replace(" ", "")
    # Every Japanese line comes before every Chinese one.
    assert text.index("キナライア語") < text.index("克里米亞")
    assert text.index("イヌクティトット語") < text.index("セントルシア") < text.index("キナライア語")


@pytest.mark.parametrize(("sample", "lang"), [("ko_cldr", "ko"), ("en_receipt", "en"), ("zh_cldr", "zh-TW")])
def test_pages_upside_down_are_turned_back(sample: str, lang: str) -> None:
    turned = np.ascontiguousarray(load_image(sample)[::-1, ::-1])
    assert recognize(turned, [lang]).rotation == 180


def test_a_single_upright_korean_line_is_never_turned() -> None:
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype("/usr/share/fonts/truetype/nanum/NanumGothic.ttf", 30)
    for text in ("세액 13,710", "미래물산", "합계 45,000원"):
        image = Image.new("RGB", (int(font.getlength(text)) + 8, 44), "white")
        ImageDraw.Draw(image).text((4, 4), text, font=font, fill="black")
        page = recognize(np.array(image), ["ko"])
        assert page.rotation == 0, text
