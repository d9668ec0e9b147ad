"""Render small synthetic table pages with exact ground truth (words and cell structure).

Styles: ``ruled`` (full grid), ``hrules`` (horizontal rules only, as in Korean/Japanese business
documents), ``borderless`` (aligned columns). Languages: ko, ja, en. ``photo`` adds rotation,
blur, uneven light, noise and JPEG, with the word boxes rotated along; ``perspective`` tilts the
page (a homography), blurs harder and moves the word quads with it.

Used by ``benchmarks/tables.py`` and to write the golden files under ``tests/data/tables``:
    python benchmarks/tables_render.py --golden tests/data/tables
"""

from __future__ import annotations

import argparse
import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

FONTS = {
    "ko": ("/usr/share/fonts/truetype/nanum/NanumBarunGothic.ttf", 0),
    "ja": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
    "en": ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0),
}
VOCAB = {
    "ko": {
        "title": "거래 명세서",
        "head": ["품목", "수량", "단가", "금액", "비고"],
        "group": ["구분", "금액", "공급가액", "세액"],
        "items": [
            "사무용 의자",
            "모니터 받침대",
            "무선 키보드",
            "복사 용지",
            "프린터 토너",
            "책상 서랍",
            "회의용 탁자",
            "전자 계산기",
        ],
        "notes": ["긴급", "", "반품", "예약", "", "교환"],
        "cats": ["사무용품", "전산장비", "가구"],
    },
    "ja": {
        "title": "御請求書",
        "head": ["品名", "数量", "単価", "金額", "備考"],
        "group": ["区分", "金額", "税抜", "消費税"],
        "items": [
            "事務用椅子",
            "モニター台",
            "無線キーボード",
            "コピー用紙",
            "トナー",
            "書類棚",
            "会議机",
            "電卓",
        ],
        "notes": ["至急", "", "返品", "予約", "", "交換"],
        "cats": ["事務用品", "電算機器", "家具"],
    },
    "en": {
        "title": "Statement of goods",
        "head": ["Item", "Qty", "Unit price", "Amount", "Note"],
        "group": ["Category", "Amount", "Net", "Tax"],
        "items": [
            "Office chair",
            "Monitor stand",
            "Wireless keyboard",
            "Copy paper",
            "Printer toner",
            "Desk drawer",
            "Meeting table",
            "Calculator",
        ],
        "notes": ["urgent", "", "returned", "booked", "", "swap"],
        "cats": ["Stationery", "IT gear", "Furniture"],
    },
}


@dataclass
class CellSpec:
    row: int
    column: int
    row_span: int
    column_span: int
    text: str


@dataclass
class TableSpec:
    style: str
    cells: list[CellSpec]
    n_rows: int
    n_columns: int
    box: list[float] = field(default_factory=list)


def make_spec(lang: str, style: str, merged: bool, rng: random.Random, n_body: int = 4) -> TableSpec:
    """A goods table; ``merged`` adds a column-spanning header group and (ruled styles) a
    row-spanning category."""
    v = VOCAB[lang]
    items = rng.sample(v["items"], n_body)
    cells: list[CellSpec] = []
    if not merged:
        for c, h in enumerate(v["head"]):
            cells.append(CellSpec(0, c, 1, 1, h))
        for r, it in enumerate(items, start=1):
            q, p = rng.randint(1, 40), rng.randint(1, 90) * 500
            for c, t in enumerate([it, str(q), f"{p:,}", f"{p * q:,}", rng.choice(v["notes"])]):
                cells.append(CellSpec(r, c, 1, 1, t))
        return TableSpec(style, cells, n_body + 1, 5)
    cat, amount, net, tax = v["group"]
    row_spans = style != "borderless"
    cells += [
        CellSpec(0, 0, 2, 1, cat) if row_spans else CellSpec(1, 0, 1, 1, cat),
        CellSpec(0, 1, 2, 1, v["head"][0]) if row_spans else CellSpec(1, 1, 1, 1, v["head"][0]),
        CellSpec(0, 2, 1, 2, amount),
        CellSpec(1, 2, 1, 1, net),
        CellSpec(1, 3, 1, 1, tax),
    ]
    if not row_spans:
        cells += [CellSpec(0, 0, 1, 1, ""), CellSpec(0, 1, 1, 1, "")]
    r = 2
    for k, cat_name in enumerate(rng.sample(v["cats"], 2)):
        n = 2 if k == 0 else 1
        for j in range(n):
            p = rng.randint(1, 90) * 1000
            if row_spans and j == 0:
                cells.append(CellSpec(r, 0, n, 1, cat_name))
            elif not row_spans:
                cells.append(CellSpec(r, 0, 1, 1, cat_name if j == 0 else ""))
            cells += [
                CellSpec(r, 1, 1, 1, items[(r - 2) % len(items)]),
                CellSpec(r, 2, 1, 1, f"{p:,}"),
                CellSpec(r, 3, 1, 1, f"{p // 10:,}"),
            ]
            r += 1
    return TableSpec(style, cells, r, 4)


def _font(lang: str, size: int) -> ImageFont.FreeTypeFont:
    path, index = FONTS[lang]
    return ImageFont.truetype(path, size, index=index)


def draw_table(
    draw: ImageDraw.ImageDraw,
    spec: TableSpec,
    x0: int,
    y0: int,
    font: ImageFont.FreeTypeFont,
    words: list[dict[str, object]],
) -> int:
    """Draw ``spec`` with its top-left at (x0, y0); append word boxes; return the bottom y."""
    pad_x, pad_y, size = 14, 9, int(font.size)
    widths = [60] * spec.n_columns
    for c in spec.cells:
        if c.column_span == 1:
            widths[c.column] = max(widths[c.column], int(font.getlength(c.text)) + 2 * pad_x)
    row_h = size + 2 * pad_y + 4
    xs = [x0]
    for w in widths:
        xs.append(xs[-1] + w + (24 if spec.style == "borderless" else 0))
    ys = [y0 + i * row_h for i in range(spec.n_rows + 1)]
    for c in spec.cells:
        left, right = xs[c.column], xs[c.column + c.column_span]
        top, bottom = ys[c.row], ys[c.row + c.row_span]
        if spec.style == "ruled":
            draw.rectangle([left, top, right, bottom], outline=(30, 30, 30), width=2)
        elif spec.style == "hrules":
            draw.line([left, top, right, top], fill=(30, 30, 30), width=2)
            draw.line([left, bottom, right, bottom], fill=(30, 30, 30), width=2)
        if not c.text:
            continue
        tw = font.getlength(c.text)
        numeric = c.text.replace(",", "").isdigit()
        if c.column_span > 1:
            tx = (left + right - tw) / 2
        elif numeric:
            tx = right - pad_x - tw - (24 if spec.style == "borderless" else 0)
        else:
            tx = left + pad_x
        ty = (top + bottom) / 2 - size / 2 - 2
        draw.text((tx, ty), c.text, font=font, fill=(20, 20, 20))
        offset = 0.0
        for token in c.text.split(" "):
            x0, t, r, b = font.getbbox(token)
            words.append({"text": token, "box": [tx + offset + x0, ty + t, tx + offset + r, ty + b]})
            offset += font.getlength(token + " ")
    spec.box = [xs[0], ys[0], xs[-1], ys[-1]]
    return ys[-1]


def render_page(
    lang: str, specs: list[TableSpec], size: int = 22
) -> tuple[Image.Image, list[dict[str, object]]]:
    """A page with a title and the tables stacked under it (with a sentence of prose between)."""
    font = _font(lang, size)
    page = Image.new("RGB", (1000, 200 + 330 * len(specs)), "white")
    draw = ImageDraw.Draw(page)
    words: list[dict[str, object]] = []
    y = 40
    title = VOCAB[lang]["title"]
    draw.text((60, y), title, font=_font(lang, 30), fill="black")
    x0, t, r, b = _font(lang, 30).getbbox(title)
    words.append({"text": title, "box": [60 + x0, y + t, 60 + r, y + b]})
    y += 80
    for spec in specs:
        y = draw_table(draw, spec, 60, y, font, words) + 70
    return page.crop((0, 0, 1000, y)), words


def photo(
    img: Image.Image, words: list[dict[str, object]], rng: random.Random
) -> tuple[Image.Image, list[dict[str, object]]]:
    """Rotate ±2°, blur, shade, add noise and JPEG; word boxes become rotated quads."""
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-2, 2), 1.0)
    a = cv2.warpAffine(a, m, (w, h), borderValue=(255, 255, 255))
    a = cv2.GaussianBlur(a, (0, 0), 0.9)
    shade = np.linspace(0.8, 1.0, w, dtype=np.float32)[None, :, None]
    a = a * shade * np.array([1.0, 0.97, 0.9], np.float32) + np.random.default_rng(
        rng.randint(0, 9999)
    ).normal(0, 6, a.shape)
    buf = io.BytesIO()
    Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=60)
    out = []
    for wd in words:
        x0, y0, x1, y1 = wd["box"]  # type: ignore[misc]
        pts = np.array([[x0, y0, 1], [x1, y0, 1], [x1, y1, 1], [x0, y1, 1]], np.float64) @ m.T
        out.append({"text": wd["text"], "quad": pts.round(1).tolist()})
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB"), out


def perspective(
    img: Image.Image, words: list[dict[str, object]], rng: random.Random
) -> tuple[Image.Image, list[dict[str, object]]]:
    """A phone held off-axis: corners pulled in by up to 4%, stronger blur, shade, noise, JPEG 55."""
    a = np.asarray(img).astype(np.float32)
    h, w = a.shape[:2]
    src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
    jitter = [(rng.uniform(0, 0.04) * w, rng.uniform(0, 0.04) * h) for _ in range(4)]
    signs = [(1, 1), (-1, 1), (-1, -1), (1, -1)]
    dst = np.array(
        [[x + sx * dx, y + sy * dy] for (x, y), (dx, dy), (sx, sy) in zip(src, jitter, signs, strict=True)],
        np.float32,
    )
    m = cv2.getPerspectiveTransform(src, dst)
    a = cv2.warpPerspective(a, m, (w, h), borderValue=(255, 255, 255))
    a = cv2.GaussianBlur(a, (0, 0), 1.4)
    shade = np.linspace(1.0, 0.8, h, dtype=np.float32)[:, None, None]
    a = a * shade + np.random.default_rng(rng.randint(0, 9999)).normal(0, 6, a.shape)
    buf = io.BytesIO()
    Image.fromarray(np.clip(a, 0, 255).astype(np.uint8)).save(buf, "JPEG", quality=55)
    out = []
    for wd in words:
        x0, y0, x1, y1 = wd["box"]  # type: ignore[misc]
        pts = np.array([[[x0, y0], [x1, y0], [x1, y1], [x0, y1]]], np.float64)
        out.append({"text": wd["text"], "quad": cv2.perspectiveTransform(pts, m)[0].round(1).tolist()})
    return Image.open(io.BytesIO(buf.getvalue())).convert("RGB"), out


def quads(words: list[dict[str, object]]) -> list[dict[str, object]]:
    """Axis-aligned boxes as quads (the layout ``photo`` returns)."""
    out = []
    for wd in words:
        if "quad" in wd:
            out.append(wd)
            continue
        x0, y0, x1, y1 = (round(float(v), 1) for v in wd["box"])  # type: ignore[attr-defined]
        out.append({"text": wd["text"], "quad": [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]})
    return out


def synthetic_set(seed: int = 7) -> list[tuple[str, Image.Image, list[dict[str, object]], list[TableSpec]]]:
    """3 languages × 3 styles × {plain, merged}, clean and photo (36 pages), plus 6 perspective
    pages (ruled and horizontally-ruled, one per language; kept apart in the benchmark)."""
    rng = random.Random(seed)
    out = []
    for lang in ("ko", "ja", "en"):
        for style in ("ruled", "hrules", "borderless"):
            for merged in (False, True):
                specs = [make_spec(lang, style, merged, rng)]
                if merged and style == "ruled":
                    specs.append(make_spec(lang, "hrules", False, rng, n_body=3))
                img, words = render_page(lang, specs)
                name = f"{lang}-{style}{'-merged' if merged else ''}"
                out.append((name, img, quads(words), specs))
                pimg, pwords = photo(img, words, rng)
                out.append((name + "-photo", pimg, pwords, specs))
    # Perspective pages come from their own generator so the pages above stay as they were.
    prng = random.Random(seed + 1)
    for lang in ("ko", "ja", "en"):
        for style in ("ruled", "hrules"):
            specs = [make_spec(lang, style, False, prng)]
            img, words = render_page(lang, specs)
            pimg, pwords = perspective(img, words, prng)
            out.append((f"{lang}-{style}-persp", pimg, pwords, specs))
    return out


def spec_json(specs: list[TableSpec]) -> list[dict[str, object]]:
    return [
        {
            "style": s.style,
            "n_rows": s.n_rows,
            "n_columns": s.n_columns,
            "box": s.box,
            "cells": [c.__dict__ for c in s.cells],
        }
        for s in specs
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--golden", type=Path, help="write golden PNG + JSON files to this folder")
    args = ap.parse_args()
    if not args.golden:
        return
    args.golden.mkdir(parents=True, exist_ok=True)
    keep = {
        "en-ruled",
        "en-ruled-merged",
        "ko-hrules",
        "ja-borderless",
        "ja-hrules-photo",
        "ko-ruled-merged-photo",
        "ko-borderless-merged",
        "ja-hrules-merged",
        "en-hrules-persp",
    }
    for name, img, words, specs in synthetic_set():
        if name in keep:
            image = f"{name}.jpg" if "photo" in name or "persp" in name else f"{name}.png"
            img.convert("L").save(args.golden / image, quality=75, optimize=True)
            (args.golden / f"{name}.json").write_text(
                json.dumps(
                    {"image": image, "words": words, "tables": spec_json(specs)}, ensure_ascii=False, indent=0
                )
                + "\n"
            )


if __name__ == "__main__":
    main()
