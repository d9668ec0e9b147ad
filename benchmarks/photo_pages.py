"""Deterministic phone-photo OCR sets: business pages and single lines, with line-quad ground truth.

    python -m benchmarks.photo_pages --out benchmarks/out/photo/tune --fonts tune --pages 20
    python -m benchmarks.photo_pages --out benchmarks/out/photo/held-out --fonts held-out

Writes ``OUT/<set>/img/NNN.jpg`` and ``OUT/<set>/box/NNN.csv`` — the layout of
``../shared/data/rendered/<lang>/`` that ``../shared/tools/ocr_eval.py`` scores: one line per visual
text line, ``x1,y1,x2,y2,x3,y3,x4,y4,text`` with the corners clockwise from top-left in the photo's
pixels (mapped through the page's own homography), the text being everything after the 8th comma.

Sets: ``ko-photo``, ``ja-photo``, ``zh-photo`` (Traditional), ``en-photo`` — A4 pages of 14-22 lines
photographed on a desk; ``ko-lines-clean`` / ``ko-lines-photo`` — the same Korean lines, one per
image, as a tight black-on-white crop and as a small blurred, noisy phone crop (GT box = the image).
``--fonts tune`` and ``--fonts held-out`` use disjoint font families and, by default, different seeds,
so results can be checked on fonts and text never tuned on.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import re
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from benchmarks.photo_camera import encode_jpeg, photograph, photograph_line, plan_shot, smooth_noise
from benchmarks.photo_text import WRITERS, Writer

PAGE_W, PAGE_H = 1240, 1754
PAGE_SETS = {"ko-photo": "ko", "ja-photo": "ja", "zh-photo": "zh", "en-photo": "en"}
LINE_SETS = {"ko-lines-clean": "ko", "ko-lines-photo": "ko"}
SETS = {**PAGE_SETS, **LINE_SETS}
SPLITS = ("tune", "held-out")
DEFAULT_SEED = {"tune": 1, "held-out": 2}
DEFAULT_PAGES = 20
DEFAULT_OUT = Path(__file__).resolve().parent / "out" / "photo"

# Font families per language; everything else that qualifies is held out.
TUNE = {
    "ko": {"NanumGothic", "NanumMyeongjo", "NanumBarunGothic", "Noto Sans CJK KR"},
    "ja": {"Noto Sans CJK JP"},
    "zh": {"Noto Sans CJK TC"},
    "en": {"DejaVu Sans", "DejaVu Serif"},
}
FC_LANG = {"ko": "ko", "ja": "ja", "zh": "zh-tw", "en": "en"}
NOTO_REGION = {"ko": "KR", "ja": "JP", "zh": "TC", "en": "JP"}
# Handwriting, brush, old-Hangul, coding and monospaced faces are not what business documents use.
SKIP_FAMILY = re.compile(r"Pen|Brush|YetHangul|Coding|Mono|Math|Pilgi|Barunpen", re.IGNORECASE)
SKIP_STYLE = re.compile(r"Italic|Oblique|UltraLight|ExtraLight|Thin", re.IGNORECASE)
LATIN_FAMILY = re.compile(r"^(DejaVu|Liberation|Noto) (Sans|Serif)( Condensed)?$")
REF_TEXT = {"ko": "한국어", "ja": "日本語", "zh": "中國語", "en": "Hg"}


@dataclass(frozen=True)
class Face:
    path: str
    index: int
    family: str
    style: str
    bold: bool


@functools.lru_cache(maxsize=512)
def load_font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def font_of(face: Face, size: int) -> ImageFont.FreeTypeFont:
    return load_font(face.path, face.index, max(8, size))


@functools.lru_cache(maxsize=128)
def ink_ratio(face: Face, lang: str) -> float:
    """Height of the language's reference glyphs as a fraction of the font size."""
    box = font_of(face, 200).getbbox(REF_TEXT[lang], anchor="ls")
    return (box[3] - box[1]) / 200


def _wanted(lang: str, family: str) -> bool:
    if SKIP_FAMILY.search(family):
        return False
    noto = re.fullmatch(r"Noto (Sans|Serif) CJK (\w+)", family)
    if noto:
        return noto.group(2) == NOTO_REGION[lang]
    if lang == "en":
        return bool(LATIN_FAMILY.match(family))
    return lang == "ko"  # ja/zh: only the Noto CJK families are trusted to cover the text


@functools.lru_cache(maxsize=8)
def discover_faces(lang: str) -> tuple[Face, ...]:
    """Installed faces that cover ``lang`` and suit a business document, in a stable order."""
    fmt = "%{file}\t%{index}\t%{family}\t%{style}\n"
    out = subprocess.run(
        ["fc-list", "--format", fmt, f":lang={FC_LANG[lang]}"], capture_output=True, text=True
    )
    faces = []
    for row in sorted(set(out.stdout.splitlines())):
        path, index, families, styles = row.split("\t")
        family, style = families.split(",")[0], styles.split(",")[0]
        if "Condensed" in styles:
            family += " Condensed"
        if _wanted(lang, family) and not SKIP_STYLE.search(style):
            faces.append(Face(path, int(index), family, style, bool(re.search(r"Bold|Black|Heavy", style))))
    return tuple(faces)


def font_families(lang: str, split: str) -> dict[str, list[Face]]:
    """Families of one split: ``tune`` is the fixed list in TUNE, ``held-out`` everything else."""
    families: dict[str, list[Face]] = {}
    for face in discover_faces(lang):
        if (face.family in TUNE[lang]) == (split == "tune"):
            families.setdefault(face.family, []).append(face)
    if not families:
        raise SystemExit(
            f"no {split} fonts for {lang}: install fonts-nanum, fonts-unfonts-core, fonts-noto-cjk ..."
        )
    return families


@dataclass(frozen=True)
class Typeface:
    regular: Face
    bold: Face


def pick_typeface(rng: random.Random, families: dict[str, list[Face]]) -> Typeface:
    faces = families[rng.choice(sorted(families))]
    plain = [f for f in faces if not f.bold] or faces
    usual = [f for f in plain if f.style in ("Regular", "Book")] or plain
    regular = rng.choice(usual if rng.random() < 0.8 else plain)
    return Typeface(regular, rng.choice([f for f in faces if f.bold] or [regular]))


Box = tuple[float, float, float, float]


class PageCanvas:
    """A page being laid out top to bottom; every drawn text run becomes one ground-truth line."""

    def __init__(
        self, writer: Writer, typeface: Typeface, rng: random.Random, size: int, lead: float
    ) -> None:
        self.w, self.tf, self.r, self.size, self.lead = writer, typeface, rng, size, lead
        white = rng.randint(236, 252)
        paper = (white, white - rng.randint(0, 3), white - rng.randint(0, 8))  # white to slightly warm
        self.img = Image.new("RGB", (PAGE_W, PAGE_H), paper)
        self.draw = ImageDraw.Draw(self.img)
        self.left, self.right = rng.randint(80, 150), PAGE_W - rng.randint(80, 150)
        self.y, self.bottom = float(rng.randint(80, 150)), PAGE_H - rng.randint(90, 140)
        self.top = self.y
        self.ink = (rng.randint(10, 45),) * 3
        self.label_ink = self.ink if rng.random() < 0.6 else (rng.randint(60, 95),) * 3
        self.tab = self.left + rng.uniform(0.2, 0.3) * (self.right - self.left)
        self.gt: list[tuple[Box, str]] = []
        self.marks: list[Box] = []  # rules and table grids, which the seal must not cover either

    def font(self, mult: float = 1.0, bold: bool = False) -> ImageFont.FreeTypeFont:
        return font_of(self.tf.bold if bold else self.tf.regular, round(self.size * mult))

    def put(
        self, x: float, baseline: float, text: str, font: ImageFont.FreeTypeFont, fill: tuple[int, ...]
    ) -> None:
        self.draw.text((x, baseline), text, font=font, fill=fill, anchor="ls")
        left, top, right, bottom = self.draw.textbbox((x, baseline), text, font=font, anchor="ls")
        pad = max(2.0, 0.08 * font.size)
        self.gt.append(((left - pad, top - pad, right + pad, bottom + pad), text))

    def take_row(self, mult: float, height: float | None = None) -> tuple[float, float] | None:
        """Reserve the next row; returns its (top, baseline) or None when the page is full."""
        size = self.size * mult
        rise = height if height is not None else self.lead * size
        if self.y + rise > self.bottom:
            return None
        top = self.y
        self.y += rise
        return top, top + (0.88 * size if height is None else (height + 0.8 * size) / 2)

    def line(
        self, text: str, align: str = "left", mult: float = 1.0, bold: bool = False, indent: float = 0
    ) -> bool:
        font = self.font(mult, bold)
        width = font.getlength(text)
        indent = self.size * indent if align == "left" else 0
        if width + indent > self.right - self.left or not (row := self.take_row(mult)):
            return False
        x = {"left": self.left + indent, "right": self.right - width}.get(align, (PAGE_W - width) / 2)
        self.put(x, row[1], text, font, self.ink)
        return True

    def far(self, label: str, value: str) -> bool:
        """Label and value a tab apart on one row: two ground-truth lines."""
        font = self.font()
        x = max(self.tab, self.left + font.getlength(label) + 3 * self.size)
        if x + font.getlength(value) > self.right or not (row := self.take_row(1.0)):
            return False
        self.put(self.left, row[1], label, self.font(bold=self.r.random() < 0.3), self.label_ink)
        self.put(x, row[1], value, font, self.ink)
        return True

    def columns(self, a: str, b: str) -> bool:
        font, mid = self.font(), self.left + 0.52 * (self.right - self.left)
        too_wide = (
            font.getlength(a) > mid - self.left - 2.5 * self.size or mid + font.getlength(b) > self.right
        )
        if too_wide or not (row := self.take_row(1.0)):
            return False
        self.put(self.left, row[1], a, font, self.ink)
        self.put(mid, row[1], b, font, self.ink)
        return True

    def rule(self) -> None:
        y = self.y + 0.2 * self.size
        self.marks.append((self.left, y - 3, self.right, y + 3))
        self.draw.line(
            (self.left, y, self.right, y),
            fill=(self.r.randint(40, 140),) * 3,
            width=self.r.randint(1, 3),
        )
        self.y += 0.6 * self.size

    def grid_row(
        self, texts: list[str], xs: list[float], numeric: list[bool], shade: bool, bold: bool
    ) -> bool:
        """One ruled table row with its cell borders; each non-empty cell is a ground-truth line."""
        height = 1.9 * self.size
        if not (row := self.take_row(1.0, height)):
            return False
        top, baseline = row
        self.marks.append((xs[0], top, xs[-1], top + height))
        gray = (self.r.randint(60, 120),) * 3
        if shade:
            self.draw.rectangle((xs[0], top, xs[-1], top + height), fill=(self.r.randint(222, 238),) * 3)
        for x in xs:
            self.draw.line((x, top, x, top + height), fill=gray, width=2)
        for y in (top, top + height):
            self.draw.line((xs[0], y, xs[-1], y), fill=gray, width=2)
        font, pad = self.font(bold=bold), 0.6 * self.size
        for text, x0, x1, num in zip(texts, xs[:-1], xs[1:], numeric, strict=True):
            if text:
                x = x1 - pad - font.getlength(text) if num else x0 + pad
                self.put(x, baseline, text, font, self.ink)
        return True

    def column_edges(self, rows: list[list[str]], fill: bool) -> list[float] | None:
        font, pad = self.font(), 0.6 * self.size
        widths = [max(font.getlength(r[k]) for r in rows) + 2 * pad for k in range(len(rows[0]))]
        spare = self.right - self.left - sum(widths)
        if spare < 0:
            return None
        if fill:
            widths = [w + spare * w / sum(widths) for w in widths]
        edges = [float(self.left)]
        for w in widths:
            edges.append(edges[-1] + w)
        return edges

    def table(self, budget: int) -> None:
        head, body, numeric = self.w.table()
        body = body[: max(1, budget // len(head) - 1)]  # the header takes one row of the budget
        edges = self.column_edges([head, *body], self.r.random() < 0.7)
        if edges is None:
            return
        self.y += 0.3 * self.size
        shade = self.r.random() < 0.5
        if self.grid_row(head, edges, [False] * len(head), shade, bold=self.r.random() < 0.5):
            for cells in body:
                if not self.grid_row(cells, edges, numeric, False, False):
                    break
        self.y += 0.8 * self.size

    def cells(self) -> None:
        texts = self.w.cells()
        edges = self.column_edges([texts], self.r.random() < 0.5)
        if edges is not None:
            self.y += 0.2 * self.size
            self.grid_row(texts, edges, [False] * len(texts), False, False)
            self.y += 0.4 * self.size

    def stamp(self) -> None:
        """A red seal in a blank spot on the right (decoration, not ground truth)."""
        radius = 1.3 * self.size
        for _ in range(30):
            cx = self.r.uniform(self.right - 6 * self.size, self.right - radius)
            cy = self.r.uniform(self.size * 4, self.y)
            box = (cx - radius - 6, cy - radius - 6, cx + radius + 6, cy + radius + 6)
            taken = [g for g, _ in self.gt] + self.marks
            if all(box[2] < g[0] or box[0] > g[2] or box[3] < g[1] or box[1] > g[3] for g in taken):
                break
        else:
            return
        layer = Image.new("RGBA", self.img.size, (0, 0, 0, 0))
        ink = (
            self.r.randint(180, 215),
            self.r.randint(25, 60),
            self.r.randint(30, 60),
            self.r.randint(140, 200),
        )
        draw = ImageDraw.Draw(layer)
        draw.ellipse(
            (cx - radius, cy - radius, cx + radius, cy + radius), outline=ink, width=max(3, round(radius / 9))
        )
        text = self.w.seal()
        font = font_of(self.tf.bold, round(1.5 * radius / max(2, len(text)) * 1.2))
        draw.text((cx, cy), text, font=font, fill=ink, anchor="mm")
        self.img = Image.alpha_composite(self.img.convert("RGBA"), layer).convert("RGB")
        self.draw = ImageDraw.Draw(self.img)


def _spaced_title(rng: random.Random, lang: str, title: str) -> str:
    """CJK document titles are often letter-spaced (``견 적 서``)."""
    if lang != "en" and len(title) <= 5 and " " not in title and rng.random() < 0.35:
        return " ".join(title)
    return title


def compose_page(writer_type: type[Writer], typeface: Typeface, rng: random.Random, size: int) -> PageCanvas:
    """Lay out one business page of 14-22 ground-truth lines spread over 60-95 % of its height.

    The layout runs twice from the same random state: the first run measures how tall the content
    is at a tight line pitch, the second uses the pitch that fills the chosen share of the page.
    """
    fill = rng.uniform(0.6, 0.95)
    state = rng.getstate()
    first = _compose(writer_type(rng), typeface, rng, size, 1.5)
    used = (first.y - first.top) / (first.bottom - first.top)
    rng.setstate(state)
    return _compose(writer_type(rng), typeface, rng, size, min(2.8, max(1.5, 1.5 * fill / max(used, 0.05))))


def _compose(writer: Writer, typeface: Typeface, rng: random.Random, size: int, lead: float) -> PageCanvas:
    page = PageCanvas(writer, typeface, rng, size, lead)
    target = rng.randint(14, 22)
    if rng.random() < 0.85:
        align = rng.choice(("center", "center", "left"))
        page.line(_spaced_title(rng, writer.lang, writer.title()), align, rng.uniform(1.45, 1.9), bold=True)
        if rng.random() < 0.3:
            page.line(writer.subtitle(), align, 0.95)
        if rng.random() < 0.6:
            page.rule()

    def field_line() -> None:
        label, value = writer.field()
        page.line(label + writer.sep() + value, bold=rng.random() < 0.1)

    def amount() -> None:
        label, value = writer.amount()
        text = label + writer.sep() + value if label else value
        if label and rng.random() < 0.3:
            page.far(label, value)
        else:
            page.line(text, "right" if rng.random() < 0.4 else "left", bold=rng.random() < 0.2)

    def date_line() -> None:
        label, value = writer.date_line()
        page.line(label + writer.sep() + value if label else value, "right" if rng.random() < 0.4 else "left")

    kinds: list[tuple[float, Callable[[], object]]] = [
        (2.2, field_line),
        (1.0, lambda: page.far(*writer.field())),
        (0.9, lambda: page.columns(*(a + writer.sep() + b for a, b in (writer.field(), writer.field())))),
        (0.6, lambda: page.line(writer.address())),
        (0.5, lambda: page.line(writer.company(), bold=rng.random() < 0.4)),
        (1.2, amount),
        (0.6, date_line),
        (1.0, lambda: page.line(writer.mixed())),
        (1.4, lambda: page.line(writer.sentence(), indent=rng.choice((0, 0, 1)))),
        (0.5, page.cells),
        (0.3, page.rule),
    ]
    weights = [k[0] for k in kinds]
    tables = 0
    for _ in range(300):
        if len(page.gt) >= target or page.y + page.lead * size > page.bottom:
            break
        if tables == 0 and 22 - len(page.gt) >= 8 and rng.random() < 0.06:
            tables += 1
            page.table(22 - len(page.gt))
            continue
        rng.choices(kinds, weights)[0][1]()
    if rng.random() < 0.35:
        page.stamp()
    return page


def _paper_texture(img: Image.Image, rng: random.Random) -> np.ndarray:
    """Slightly uneven paper and toner: low-frequency tone plus fine grain."""
    nrng = np.random.default_rng(rng.getrandbits(64))
    arr = np.asarray(img).astype(np.float32)
    h, w = arr.shape[:2]
    arr *= (1 + 0.015 * smooth_noise(nrng, h, w, 6))[..., None]
    arr += rng.uniform(1.0, 2.5) * nrng.standard_normal((h, w)).astype(np.float32)[..., None]
    out: np.ndarray = np.clip(arr, 0, 255).astype(np.uint8)
    return out


def quad_rows(quads: np.ndarray, texts: list[str]) -> str:
    rows = []
    for quad, text in zip(quads, texts, strict=True):
        rows.append(",".join(str(round(float(v))) for v in quad.reshape(-1)) + "," + text)
    return "\n".join(rows) + "\n"


def render_page(
    lang: str, families: dict[str, list[Face]], rng: random.Random
) -> tuple[bytes, str, dict[str, object]]:
    """One photographed page: JPEG bytes, the box csv and a few facts for meta.json."""
    shot = plan_shot(rng, PAGE_H)
    typeface = pick_typeface(rng, families)
    text_px = rng.uniform(18, 24)  # body text height in the final photo
    size = round(text_px / (shot.scale * ink_ratio(typeface.regular, lang)))
    page = compose_page(WRITERS[lang], typeface, rng, size)
    jpeg, homography = photograph(_paper_texture(page.img, rng), shot, rng)
    boxes = np.array(
        [[(b[0], b[1]), (b[2], b[1]), (b[2], b[3]), (b[0], b[3])] for b, _ in page.gt], np.float64
    )
    quads = cv2.perspectiveTransform(boxes.reshape(-1, 1, 2), homography).reshape(-1, 4, 2)
    facts = {"font": typeface.regular.family, "style": typeface.regular.style, "font_px": size}
    facts |= {"text_px": round(text_px, 1), "lines": len(page.gt), "size": [shot.width, shot.height]}
    return jpeg, quad_rows(quads, [t for _, t in page.gt]), facts


def line_text(writer: Writer, rng: random.Random) -> str:
    """One line of the same kinds the pages use, for the single-line sets."""
    label, value = writer.field()
    amount_label, amount = writer.amount()
    date_label, date = writer.date_line()
    head, body, _ = writer.table()
    choices = [
        label + writer.sep() + value,
        label + writer.sep() + value,
        value,
        writer.address(),
        writer.company(),
        amount_label + writer.sep() + amount if amount_label else amount,
        date_label + writer.sep() + date if date_label else date,
        writer.mixed(),
        writer.sentence(),
        writer.sentence(),
        rng.choice(writer.cells()),
        rng.choice(body)[0 if head[0] != "No" else 1],
    ]
    return rng.choice(choices)


def _line_image(
    text: str, face: Face, size: int, margins: tuple[int, ...], paper: int, ink: int
) -> np.ndarray:
    font = font_of(face, size)
    left, top, right, bottom = font.getbbox(text, anchor="ls")
    ml, mt, mr, mb = margins
    img = Image.new("RGB", (right - left + ml + mr, bottom - top + mt + mb), (paper,) * 3)
    ImageDraw.Draw(img).text((ml - left, mt - top), text, font=font, fill=(ink,) * 3, anchor="ls")
    return np.asarray(img)


def render_line(
    set_name: str, families: dict[str, list[Face]], seed: int, i: int
) -> tuple[bytes, str, dict[str, object]]:
    """Line ``i`` of a line set; the clean and photo sets share text and font for the same ``i``."""
    pick = random.Random(f"{seed}/ko-lines/{i}")
    text = line_text(WRITERS["ko"](pick), pick)
    tf = pick_typeface(pick, families)
    face = tf.bold if pick.random() < 0.15 else tf.regular
    rng = random.Random(f"{seed}/{set_name}/{i}")
    if set_name == "ko-lines-clean":
        size = rng.randint(28, 44)
        img = _line_image(text, face, size, tuple(rng.randint(3, 8) for _ in range(4)), 255, 0)
        jpeg, (w, h) = encode_jpeg(img, 95), (img.shape[1], img.shape[0])
        facts: dict[str, object] = {"font": face.family, "style": face.style, "font_px": size}
    else:
        size, text_px = 64, rng.uniform(18, 24)
        scale = text_px / (size * ink_ratio(face, "ko"))
        margins = tuple(round(rng.uniform(4, 14) / scale) for _ in range(4))
        img = _line_image(text, face, size, margins, rng.randint(200, 245), rng.randint(15, 70))
        jpeg, (w, h) = photograph_line(img, scale, rng)
        facts = {"font": face.family, "style": face.style, "text_px": round(text_px, 1)}
    box = f"0,0,{w - 1},0,{w - 1},{h - 1},0,{h - 1},{text}\n"
    return jpeg, box, facts


def generate(out: Path, sets: list[str], *, seed: int, pages: int, lines: int, split: str) -> None:
    """Write the named sets under ``out``; same arguments, same bytes."""
    for set_name in sets:
        lang = SETS[set_name]
        families = font_families(lang, split)
        folder = out / set_name
        for sub in ("img", "box"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
            for old in (folder / sub).glob("*.*"):
                old.unlink()
        count = pages if set_name in PAGE_SETS else lines
        items = []
        for i in range(count):
            if set_name in PAGE_SETS:
                jpeg, box, facts = render_page(lang, families, random.Random(f"{seed}/{set_name}/{i}"))
            else:
                jpeg, box, facts = render_line(set_name, families, seed, i)
            (folder / "img" / f"{i:03d}.jpg").write_bytes(jpeg)
            (folder / "box" / f"{i:03d}.csv").write_text(box, encoding="utf-8")
            items.append({"id": f"{i:03d}", **facts})
        meta = {"set": set_name, "lang": lang, "seed": seed, "fonts": split, "families": sorted(families)}
        (folder / "meta.json").write_text(
            json.dumps(meta | {"items": items}, ensure_ascii=False, indent=1) + "\n"
        )
        print(f"{set_name}: {count} images in {folder} ({split} fonts, seed {seed})", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument(
        "--out", type=Path, default=None, help="output folder (default benchmarks/out/photo/<fonts>)"
    )
    ap.add_argument("--seed", type=int, default=None, help="default: 1 for tune, 2 for held-out")
    ap.add_argument("--pages", type=int, default=DEFAULT_PAGES, help="images per page set")
    ap.add_argument("--lines", type=int, default=None, help="images per line set (default 10 x pages)")
    ap.add_argument("--fonts", choices=SPLITS, default="tune")
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    a = ap.parse_args()
    sets = a.sets.split(",")
    if unknown := [s for s in sets if s not in SETS]:
        ap.error(f"unknown sets: {', '.join(unknown)}")
    seed = DEFAULT_SEED[a.fonts] if a.seed is None else a.seed
    lines = 10 * a.pages if a.lines is None else a.lines
    generate(a.out or DEFAULT_OUT / a.fonts, sets, seed=seed, pages=a.pages, lines=lines, split=a.fonts)


if __name__ == "__main__":
    main()
