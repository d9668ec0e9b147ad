"""A picture of what was read: the input with each field's box and value drawn on it (builder test page)."""

from __future__ import annotations

import io
from functools import cache
from typing import Final

from PIL import Image, ImageDraw, ImageFont

from hanji.core.geometry import Quad
from hanji.core.template_reading import FieldKind, TemplatePage
from hanji.intake.page import RgbImage

FONT_PATHS: Final = (
    "/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
MAX_SIDE: Final = 1600
"""Previews are for eyes, not OCR: large scans are shrunk so the PNG stays small."""


@cache
def _font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    for path in FONT_PATHS:
        try:
            return ImageFont.truetype(path, size)
        except OSError:
            continue
    return ImageFont.load_default()


def _points(quad: Quad, factor: float) -> list[tuple[float, float]]:
    return [(p.x * factor, p.y * factor) for p in quad.points]


RED: Final = (220, 0, 0)


def _tick_box(draw: ImageDraw.ImageDraw, x: float, y: float, size: int, checked: bool) -> None:
    """A square (ticked when ``checked``) of ``size`` px at (x, y), in the value colour."""
    inset = size * 0.15
    box = (x + inset, y + inset, x + size - inset, y + size - inset)
    draw.rectangle(box, outline=RED, width=max(1, size // 10))
    if checked:
        left, top, right, bottom = box
        width = max(2, size // 7)
        draw.line(
            [(left + 2, (top + bottom) / 2), ((left + right) / 2 - 1, bottom - 3)], fill=RED, width=width
        )
        draw.line([((left + right) / 2 - 1, bottom - 3), (right - 1, top + 2)], fill=RED, width=width)


def draw_preview(image: RgbImage, page: TemplatePage) -> bytes:
    """PNG of ``image`` with the matched template's title (green), field boxes (blue), values (red) and
    table areas (orange, with the cells found in them)."""
    picture = Image.fromarray(image).convert("RGB")
    factor = min(1.0, MAX_SIDE / max(picture.size))
    if factor < 1.0:
        picture = picture.resize((round(picture.width * factor), round(picture.height * factor)))
    draw = ImageDraw.Draw(picture)
    font = _font(max(12, round(18 * max(factor, 0.6))))
    if page.template is None:
        draw.text((10, 10), "NOT_FOUND: not found matched template", fill=(200, 0, 0), font=font)
    if page.title is not None:
        draw.polygon(_points(page.title.quad, factor), outline=(0, 160, 0), width=3)
    for field in page.fields:
        for quad in [b.quad for b in field.boxes] or [field.quad]:
            draw.polygon(_points(quad, factor), outline=(0, 90, 220), width=2)
        x, y = _points(field.quad, factor)[0]
        size = int(font.size) if isinstance(font, ImageFont.FreeTypeFont) else 16
        top = max(0.0, y - size - 2)
        checkbox = field.kind is FieldKind.CHECKBOX
        label = f"{field.name}: " if checkbox else f"{field.name}: {field.text}"
        draw.text((x, top), label, fill=RED, font=font)
        if checkbox:
            # Drawn, not a glyph: the Korean fonts here have no ✔ or ☐ (they showed as empty boxes).
            _tick_box(draw, x + draw.textlength(label, font=font), top, size, bool(field.checked))
    for area in page.tables or ():
        draw.polygon(_points(area.quad, factor), outline=(230, 120, 0), width=3)
        for cell in area.table.cells if area.table is not None else ():
            draw.polygon(_points(cell.quad, factor), outline=(230, 120, 0), width=1)
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=False)
    return buffer.getvalue()
