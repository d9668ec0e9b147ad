"""Pages drawn at test time with the Nanum fonts Debian ships: a Korean till receipt and a ruled table.

Each page comes with what was printed on it, row by row, so a test can hold OCR answers against it.
Nothing here is a committed image: every page is drawn when a test first asks for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw, ImageFont

from hanji.documents.checksums import biz_number_check_digit

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
NANUM_BOLD = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"

Cell = tuple[int, str, str]
"""``(x, anchor, text)``: ``anchor`` ``"la"`` starts the text at ``x``, ``"ra"`` ends it there."""


@dataclass(frozen=True)
class PrintedPage:
    """A rendered page and its printed rows (each row's cells left to right)."""

    image: Image.Image
    rows: tuple[tuple[str, ...], ...]


def _biz_number() -> str:
    payload = "210812345"
    digits = payload + biz_number_check_digit(payload)
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


BIZ_NUMBER = _biz_number()
"""The receipt's 사업자등록번호 as printed, with a valid National Tax Service check digit."""

RECEIPT_ROWS: tuple[tuple[Cell, ...], ...] = (
    ((40, "la", "(주)한빛마트 망원점"),),
    ((40, "la", "사업자번호 :"), (600, "ra", BIZ_NUMBER)),
    ((40, "la", "대표 : 김민준"), (600, "ra", "TEL 02-335-1234")),
    ((40, "la", "서울특별시 마포구 월드컵로 12"),),
    ((40, "la", "일시 : 2026-03-05 14:22:31"),),
    ((40, "la", "상품명"), (380, "ra", "단가"), (460, "ra", "수량"), (600, "ra", "금액")),
    ((40, "la", "신라면"), (380, "ra", "4,500"), (460, "ra", "2"), (600, "ra", "9,000")),
    ((40, "la", "새우깡"), (380, "ra", "1,800"), (460, "ra", "1"), (600, "ra", "1,800")),
    ((40, "la", "합계"), (600, "ra", "10,800")),
    ((40, "la", "인증번호 :"), (600, "ra", "CB063R1234-5001")),
)
"""A narrow till slip: labels on the left, values and columns far to the right on the same row."""


@cache
def receipt_page() -> PrintedPage:
    """The till receipt of ``RECEIPT_ROWS`` on a 640 px wide page (about a 80 mm slip at 200 dpi)."""
    font = ImageFont.truetype(NANUM, 26)
    pitch, top = 52, 40
    image = Image.new("RGB", (640, top * 2 + pitch * len(RECEIPT_ROWS)), "white")
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(RECEIPT_ROWS):
        for x, anchor, text in row:
            draw.text((x, top + r * pitch), text, font=font, fill="black", anchor=anchor)
    return PrintedPage(image, tuple(tuple(text for _, _, text in row) for row in RECEIPT_ROWS))


TABLE_ROWS: tuple[tuple[str, ...], ...] = (
    ("품목", "수량", "단가", "금액"),
    ("신라면", "2", "4,500", "9,000"),
    ("볼펜", "12", "500", "6,000"),
    ("복사용지", "3", "21,000", "63,000"),
)


@cache
def ruled_table_page() -> PrintedPage:
    """``TABLE_ROWS`` in a fully ruled grid: text left in the first column and the header, numbers right."""
    font = ImageFont.truetype(NANUM, 26)
    bold = ImageFont.truetype(NANUM_BOLD, 26)
    widths, height, x0, y0 = (200, 110, 150, 170), 54, 40, 40
    image = Image.new("RGB", (x0 * 2 + sum(widths), y0 * 2 + height * len(TABLE_ROWS)), "white")
    draw = ImageDraw.Draw(image)
    for r, row in enumerate(TABLE_ROWS):
        x = x0
        for c, (width, text) in enumerate(zip(widths, row, strict=True)):
            top = y0 + r * height
            draw.rectangle([x, top, x + width, top + height], outline="black", width=2)
            if r == 0 or c == 0:
                draw.text((x + 14, top + 13), text, font=bold if r == 0 else font, fill="black")
            else:
                draw.text((x + width - 14, top + 13), text, font=font, fill="black", anchor="ra")
            x += width
    return PrintedPage(image, TABLE_ROWS)
