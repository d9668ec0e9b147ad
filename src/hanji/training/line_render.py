"""Synthetic line crops: Korean text drawn in an installed font, cropped as a detector would, and
aged like a phone photo (blur, low resolution, noise, JPEG, light gradients, strokes, tilt)."""

from __future__ import annotations

import functools
import io
import random
import subprocess
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

HANDWRITING = ("Pen", "Brush", "Barunpen", "Pilgi")
VALIDATION_FAMILIES = ("Un", "Baekmuk")
"""UnFonts and Baekmuk never reach training: lines in them measure fonts the model has not seen."""


@dataclass(frozen=True)
class Font:
    path: str
    index: int
    family: str

    @property
    def handwriting(self) -> bool:
        return any(mark in self.family for mark in HANDWRITING)

    @property
    def split(self) -> str:
        baekmuk = self.path.split("/")[-2] == "baekmuk"
        return "validation" if baekmuk or self.family.startswith("Un") else "train"


@functools.cache
def korean_fonts() -> tuple[Font, ...]:
    """Installed faces that draw Korean, one per file and collection index, in a stable order."""
    out = subprocess.run(
        ["fc-list", "--format", "%{file}\t%{index}\t%{family}\n", ":lang=ko"], capture_output=True, text=True
    )
    fonts = []
    for row in sorted(set(out.stdout.splitlines())):
        path, index, families = row.split("\t")
        family = families.split(",")[0]
        if "YetHangul" in family or ("CJK" in family and "KR" not in family) or "Mono" in family:
            continue
        fonts.append(Font(path, int(index), family))
    return tuple(fonts)


def fonts(split: str, handwriting: bool | None = None) -> tuple[Font, ...]:
    picked = tuple(
        f
        for f in korean_fonts()
        if f.split == split and (handwriting is None or f.handwriting == handwriting)
    )
    if not picked:
        raise RuntimeError(f"no {split} Korean fonts: install fonts-nanum, fonts-unfonts-core, fonts-baekmuk")
    return picked


@functools.lru_cache(maxsize=256)
def _face(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def draw(text: str, font: Font, rng: random.Random) -> np.ndarray[Any, Any]:
    """``text`` in ``font``, dark on light, cropped with the margins a line detector leaves."""
    size = rng.randint(26, 60)
    face = _face(font.path, font.index, size)
    left, top, right, bottom = face.getbbox(text)
    ink = rng.randint(0, 90)
    paper = rng.randint(185, 255)
    tint = [min(255, paper + rng.randint(-12, 12)) for _ in range(3)]
    pad_y = [rng.uniform(0.04, 0.4) * size for _ in range(2)]
    pad_x = [rng.uniform(0.05, 0.9) * size for _ in range(2)]
    width = int(right - left + pad_x[0] + pad_x[1]) + 2
    height = int(bottom - top + pad_y[0] + pad_y[1]) + 2
    image = Image.new("RGB", (width, height), tuple(tint))
    pen = ImageDraw.Draw(image)
    colour = (ink, ink, ink) if rng.random() < 0.8 else (ink, ink, min(255, ink + rng.randint(40, 140)))
    stroke = 1 if size > 40 and rng.random() < 0.15 else 0
    pen.text(
        (pad_x[0] - left, pad_y[0] - top),
        text,
        font=face,
        fill=colour,
        stroke_width=stroke,
        stroke_fill=colour,
    )
    if rng.random() < 0.08:  # an underline or a table rule touching the line
        y = height - 1 - rng.randint(0, 3)
        pen.line((0, y, width, y), fill=colour, width=rng.randint(1, 2))
    if rng.random() < 0.06:  # the foot of the line above, cut by the crop
        pen.rectangle(
            (rng.randint(0, width // 2), 0, rng.randint(width // 2, width), rng.randint(0, 2)), fill=colour
        )
    return np.asarray(image)


def age(crop: np.ndarray[Any, Any], rng: random.Random) -> np.ndarray[Any, Any]:
    """A phone camera's version of a clean crop."""
    out: Any = crop.astype(np.float32)
    h, w = out.shape[:2]
    if rng.random() < 0.5:  # tilt and a little perspective
        shift = rng.uniform(-0.03, 0.03) * h
        src = np.array([[0, 0], [w, 0], [w, h], [0, h]], np.float32)
        dst = np.array(
            [[0, shift], [w, -shift], [w + rng.uniform(-2, 2), h - shift], [rng.uniform(-2, 2), h + shift]],
            np.float32,
        )
        matrix = cv2.getPerspectiveTransform(src, dst)
        out = cv2.warpPerspective(out, matrix, (w, h), borderMode=cv2.BORDER_REPLICATE)
    if rng.random() < 0.2:  # thicker or thinner strokes
        kernel = np.ones((2, 2), np.uint8)
        out = (cv2.erode if rng.random() < 0.6 else cv2.dilate)(out, kernel)
    if rng.random() < 0.6:  # captured small: 10-22 px of text height, then scaled back up
        scale = min(1.0, rng.uniform(10, 24) / h * 1.4)
        small = cv2.resize(
            out, (max(4, int(w * scale)), max(4, int(h * scale))), interpolation=cv2.INTER_AREA
        )
        out = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    if rng.random() < 0.5:
        out = cv2.GaussianBlur(out, (0, 0), rng.uniform(0.3, 1.3))
    if rng.random() < 0.5:  # uneven light across the line
        ramp = np.linspace(rng.uniform(0.55, 1.0), rng.uniform(0.85, 1.05), w, dtype=np.float32)
        out = out * (ramp[None, :, None] if rng.random() < 0.5 else ramp[::-1][None, :, None])
    if rng.random() < 0.6:
        out = out + np.random.default_rng(rng.randrange(1 << 30)).normal(0, rng.uniform(2, 14), out.shape)
    aged: np.ndarray[Any, Any] = np.clip(out, 0, 255).astype(np.uint8)
    if rng.random() < 0.6:
        buffer = io.BytesIO()
        Image.fromarray(aged).save(buffer, format="JPEG", quality=rng.randint(25, 90))
        aged = np.asarray(Image.open(io.BytesIO(buffer.getvalue())).convert("RGB"))
    return aged


def sample_crop(text: str, font: Font, rng: random.Random, photo_share: float = 0.6) -> np.ndarray[Any, Any]:
    crop = draw(text, font, rng)
    return age(crop, rng) if rng.random() < photo_share else crop
