"""Word boxes are where the words are (recogniser positions, not a share of the line by length)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from hanji.core.geometry import Box
from hanji.engines import recognize

pytestmark = pytest.mark.slow

FONTS = {
    "en": "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "ko": "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
}
LINES = {
    "en": [
        "Invoice No. 2024-0381 issued on 14 March",
        "Total due: 1,250.00 USD by wire transfer",
        "Ship to 221B Baker Street, London NW1 6XE",
        "Questions? Call +44 20 7946 0958 or write",
        "to billing@example.com before 30 April",
        "i am ok",
    ],
    "ko": [
        "대표자 성명 김민준 사업자등록번호 605-73-19728",
        "서울특별시 강남구 테헤란로 152, 3층",
        "합계 금액 45,000원 부가세 4,500원",
        "전화 02-555-1234 이메일 minjun@hanbit.co.kr",
        "발행일 2026년 3월 14일 담당자 이서연",
    ],
}


def _page(lang: str) -> tuple[np.ndarray, list[tuple[str, Box]]]:
    font = ImageFont.truetype(FONTS[lang], 30)
    image = Image.new("RGB", (1300, 60 + 70 * len(LINES[lang])), (252, 252, 250))
    draw = ImageDraw.Draw(image)
    truth: list[tuple[str, Box]] = []
    for k, text in enumerate(LINES[lang]):
        x, y = 40.0, 40.0 + 70 * k
        # A word's box spans its line's height (as a reader's boxes do), and its own width.
        _, top, _, bottom = draw.textbbox((x, y), text, font=font)
        for word in text.split(" "):
            left, _, right, _ = draw.textbbox((x, y), word, font=font)
            draw.text((x, y), word, font=font, fill=(15, 15, 15))
            truth.append((word, Box(left, top, right, bottom)))
            x = right + draw.textlength(" ", font=font) * 1.6
    return np.array(image), truth


def _iou(a: Box, b: Box) -> float:
    inter = a.intersection_area(b)
    return inter / (a.area + b.area - inter) if inter else 0.0


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_fields_overlap_their_printed_words(lang: str) -> None:
    image, truth = _page(lang)
    page = recognize(image, [lang])
    words = page.words
    assert len(words) >= 0.9 * len(truth)
    hits = 0
    for word in words:
        best = max(_iou(word.quad.bbox, box) for _, box in truth)
        hits += best >= 0.5
    assert hits >= 0.95 * len(words), [(w.text, w.quad.bbox) for w in words]
