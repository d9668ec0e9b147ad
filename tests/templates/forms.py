"""Render small fill-in forms with Pillow, fill copies with values, and distort them like phone photos.

Shared by the template tests and ``benchmarks/templates.py``: nothing here is committed as an image, every
form is drawn at test time from the fonts Debian ships (Nanum for Korean, Noto CJK for Japanese).
"""

from __future__ import annotations

import hashlib
import io
import json
import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hanji.templates.candidates import TemplateSpec

NANUM = "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
NANUM_BOLD = "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"
NOTO_CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
NOTO_CJK_BOLD = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
JA_INDEX = 0  # NotoSansCJK-Regular.ttc face 0 is the Japanese one

PAGE = (1000, 1300)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: how it is drawn and how the template describes it.

    ``kind``: ``line`` (a box to write in), ``underline`` (a rule to write on), ``boxes`` (``parts``
    separate boxes, e.g. a phone number in three), ``chars`` (one box per character) or ``checkbox``.
    """

    name: str
    label: str
    kind: str = "line"
    value_type: str = "text"
    width: int = 420
    parts: int = 1


@dataclass(frozen=True)
class FormSpec:
    title: str
    fields: tuple[FieldSpec, ...]
    language: str = "ko"
    subtitle: str = ""
    seed: int = 0
    footer: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    table_columns: tuple[int, ...] = ()
    """Widths of a ruled table drawn under the fields (none when empty); ``values["items"]`` fills it."""
    table_rows: int = 0


def _font(language: str, size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    if language == "ja":
        return ImageFont.truetype(NOTO_CJK_BOLD if bold else NOTO_CJK, size, index=JA_INDEX)
    return ImageFont.truetype(NANUM_BOLD if bold else NANUM, size)


def _field_boxes(spec: FieldSpec, x: int, y: int, height: int) -> list[list[int]]:
    if spec.kind == "checkbox":
        return [[x, y + (height - 34) // 2, 34, 34]]
    if spec.kind in ("boxes", "chars"):
        gap = 30 if spec.kind == "boxes" else 6
        part = (spec.width - gap * (spec.parts - 1)) // spec.parts
        return [[x + k * (part + gap), y, part, height] for k in range(spec.parts)]
    return [[x, y, spec.width, height]]


def render_form(spec: FormSpec, values: dict[str, Any] | None = None) -> tuple[Image.Image, dict[str, Any]]:
    """Draw ``spec`` (blank when ``values`` is None) and return it with its template definition.

    Args:
        spec: the form's title and fields.
        values: field name -> text (a list of texts for ``boxes``/``chars``), or bool for checkboxes.

    Returns:
        The RGB page and the definition (title box and field boxes in this page's pixels).
    """
    values = values or {}
    image = Image.new("RGB", PAGE, "white")
    draw = ImageDraw.Draw(image)
    rng = np.random.default_rng(spec.seed)
    title_font = _font(spec.language, 46, bold=True)
    label_font = _font(spec.language, 26)
    value_font = _font(spec.language, 30)
    # A header band and a seed-dependent logo give each form its own landmarks to match on.
    draw.rectangle([40, 40, 960, 150], outline="black", width=3)
    for k in range(6):
        cx, cy = 90 + int(rng.integers(0, 60)), 70 + int(rng.integers(0, 50))
        draw.ellipse(
            [cx - 8 - 3 * k, cy - 8 - 3 * k, cx + 8 + 3 * k, cy + 8 + 3 * k], outline="black", width=2
        )
    title_box = [200, 60, 720, 70]
    draw.text((210, 68), spec.title, font=title_font, fill="black")
    if spec.subtitle:
        draw.text((60, 165), spec.subtitle, font=label_font, fill=(60, 60, 60))
    fields: list[dict[str, Any]] = []
    y = 230
    row_height = 56
    for fs in spec.fields:
        draw.text((60, y + 12), fs.label, font=label_font, fill="black")
        boxes = _field_boxes(fs, 330, y, row_height)
        for bx, by, bw, bh in boxes:
            if fs.kind == "underline":
                draw.line([bx, by + bh - 4, bx + bw, by + bh - 4], fill="black", width=2)
            else:
                draw.rectangle([bx, by, bx + bw, by + bh], outline="black", width=2)
        if fs.kind == "boxes":
            for bx, by, _bw, _bh in boxes[1:]:
                draw.text((bx - 21, by + 12), "-", font=label_font, fill="black")
        value = values.get(fs.name)
        if fs.kind == "checkbox":
            if value:
                bx, by, bw, bh = boxes[0]
                draw.line([bx + 6, by + bh // 2, bx + bw // 2 - 2, by + bh - 7], fill="black", width=5)
                draw.line([bx + bw // 2 - 2, by + bh - 7, bx + bw - 5, by + 5], fill="black", width=5)
        elif value:
            parts = value if isinstance(value, list) else [value]
            for (bx, by, bw, _bh), text in zip(boxes, parts, strict=False):
                if fs.kind == "chars":
                    tw = draw.textlength(text, font=value_font)
                    draw.text((bx + (bw - tw) / 2, by + 10), text, font=value_font, fill=(20, 20, 90))
                else:
                    draw.text((bx + 12, by + 10), text, font=value_font, fill=(20, 20, 90))
        fields.append(
            {
                "name": fs.name,
                "boxes": boxes,
                "value_type": fs.value_type,
                "checkbox": fs.kind == "checkbox",
                "validation": {},
            }
        )
        y += row_height + 34
    draw.line([40, y + 10, 960, y + 10], fill="black", width=2)
    if spec.footer:
        draw.text((60, y + 30), spec.footer, font=label_font, fill="black")
    tables: list[dict[str, Any]] = []
    if spec.table_columns:
        box = _draw_table(draw, spec, (60, y + 90), values.get("items") or [], value_font)
        tables.append({"name": "items", "box": [box[0] - 15, box[1] - 15, box[2] + 30, box[3] + 30]})
    for k in range(4):  # a stamp-like grid at the bottom right: more landmarks
        draw.rectangle([700 + 60 * k, 1150, 750 + 60 * k, 1230], outline="black", width=2)
    definition = {"title": {"box": title_box}, "fields": fields, "tables": tables}
    return image, definition


def _draw_table(
    draw: ImageDraw.ImageDraw,
    spec: FormSpec,
    origin: tuple[int, int],
    rows: list[list[str]],
    font: ImageFont.FreeTypeFont,
) -> list[int]:
    """A ruled grid of ``table_rows`` rows; returns its ``[x, y, w, h]``."""
    x0, y0 = origin
    row_height = 56
    width = sum(spec.table_columns)
    height = row_height * spec.table_rows
    draw.rectangle([x0, y0, x0 + width, y0 + height], outline="black", width=2)
    for r in range(1, spec.table_rows):
        draw.line([x0, y0 + r * row_height, x0 + width, y0 + r * row_height], fill="black", width=2)
    x = x0
    for w in spec.table_columns[:-1]:
        x += w
        draw.line([x, y0, x, y0 + height], fill="black", width=2)
    for r, row in enumerate(rows[: spec.table_rows]):
        x = x0
        for w, text in zip(spec.table_columns, row, strict=False):
            draw.text((x + 12, y0 + r * row_height + 10), text, font=font, fill=(20, 20, 90))
            x += w
    return [x0, y0, width, height]


# --- distortions --------------------------------------------------------------------------


def rotate(image: Image.Image, degrees: float) -> Image.Image:
    """Turn counter-clockwise by ``degrees`` on a white background, keeping the whole page."""
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")


def scale(image: Image.Image, factor: float) -> Image.Image:
    w, h = image.size
    return image.resize((max(1, round(w * factor)), max(1, round(h * factor))), Image.Resampling.LANCZOS)


def perspective(image: Image.Image, strength: float = 0.08, seed: int = 0) -> Image.Image:
    """Pull the corners in by up to ``strength`` of the page size, as a photo taken at an angle."""
    w, h = image.size
    rng = np.random.default_rng(seed)
    pad = int(max(w, h) * strength)
    canvas = Image.new("RGB", (w + 2 * pad, h + 2 * pad), "white")
    canvas.paste(image, (pad, pad))
    src = [(pad, pad), (pad + w, pad), (pad + w, pad + h), (pad, pad + h)]
    dst = [(x + rng.uniform(-pad, pad) * 0.9, y + rng.uniform(-pad, pad) * 0.9) for x, y in src]
    coeffs = _perspective_coeffs(dst, src)
    return canvas.transform(
        canvas.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor="white"
    )


def _perspective_coeffs(target: list[tuple[float, float]], source: list[tuple[float, float]]) -> list[float]:
    # Pillow wants the map from output pixels back to input pixels.
    rows = []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(rows, dtype=float)
    b = np.array([c for pair in source for c in pair], dtype=float)
    return [float(v) for v in np.linalg.solve(a, b)]


def jpeg(image: Image.Image, quality: int = 30) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("RGB")


def crop_margin(image: Image.Image, share: float = 0.03) -> Image.Image:
    """Cut a thin strip off every side, as a scan that missed the page edge."""
    w, h = image.size
    dx, dy = int(w * share), int(h * share)
    return image.crop((dx, dy, w - dx, h - dy))


def to_array(image: Image.Image) -> np.ndarray:
    return np.asarray(image.convert("RGB"), dtype=np.uint8).copy()


def to_png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def angle_between(a: float, b: float) -> float:
    return abs((a - b + 180) % 360 - 180) if math.isfinite(a) and math.isfinite(b) else 0.0


KOREAN_FORM = FormSpec(
    title="회원 가입 신청서",
    subtitle="Membership Application Form",
    fields=(
        FieldSpec("name", "성명 Name", "line", "text", 420),
        FieldSpec("phone", "전화 Phone", "boxes", "phone", 420, 3),
        FieldSpec("birth", "생년월일 Date", "line", "date", 420),
        FieldSpec("amount", "금액 Amount", "underline", "number", 360),
        FieldSpec("email", "이메일 Email", "line", "email", 520),
        FieldSpec("agree", "동의 Agree", "checkbox"),
    ),
    footer="위 내용이 사실임을 확인합니다.",
    seed=1,
)

TABLE_FORM = FormSpec(
    title="Parts Order",
    language="en",
    fields=(FieldSpec("buyer", "Buyer", "line", "text", 420), FieldSpec("rush", "Rush", "checkbox")),
    seed=5,
    table_columns=(300, 160, 200),
    table_rows=3,
)


def template_spec(template_id: int, name: str, definition: dict[str, Any], sample: bytes) -> TemplateSpec:
    """A candidate as the Template flow takes it (what ``task_template`` builds from a stored template)."""
    return TemplateSpec(
        id=template_id,
        name=name,
        definition_json=json.dumps(definition, ensure_ascii=False),
        sample_key=hashlib.sha256(sample).hexdigest(),
        sample=sample,
    )
