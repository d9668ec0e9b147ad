"""Renders the committed Korean line crops (run from the repository root; the PNGs are committed,
so tests never need the fonts): ``.venv/bin/python tests/data/ocr/korean_lines/render.py``.

Each line is drawn once in NanumGothic (a face the recogniser trained on) and once in UnDotum (one it
never saw), 32 px, black on white, with the margins a line detector leaves."""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

HERE = Path(__file__).resolve().parent
FONTS = {
    "nanumgothic": "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "undotum": "/usr/share/fonts/truetype/unfonts-core/UnDotum.ttf",
}
LINES = [
    "대표자 김똘똘",
    "서울특별시 강남구 테헤란로 152",
    "합계 금액 45,000원",
    "사업자등록번호 123-45-67890",
    "깡통 뙤약볕 쌉싸름",
    "주식회사 한빛소프트",
    "전화 02-1234-5678",
    "꿰뚫다 괜찮아요 읊조리다",
]


def render(text: str, font_path: str) -> Image.Image:
    font = ImageFont.truetype(font_path, 32)
    left, top, right, bottom = font.getbbox(text)
    image = Image.new("RGB", (right - left + 16, bottom - top + 12), "white")
    ImageDraw.Draw(image).text((8 - left, 6 - top), text, font=font, fill="black")
    return image


def main() -> None:
    truth = {}
    for face, path in FONTS.items():
        for n, text in enumerate(LINES):
            name = f"{face}-{n}.png"
            render(text, path).save(HERE / name)
            truth[name] = text
    (HERE / "truth.json").write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n")


if __name__ == "__main__":
    main()
