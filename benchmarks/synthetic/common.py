"""Shared pieces of the SYNTHETIC Korean document renderers: fonts, random valid data, photo distortion.

Everything here is random and made up; the numbers carry correct check digits so that extractors'
validation is exercised, but no real person or business is described.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hanji.documents.checksums import biz_number_check_digit, rrn_check_digit

NANUM = "/usr/share/fonts/truetype/nanum"
FONTS = {
    "gothic": f"{NANUM}/NanumGothic.ttf",
    "gothic-bold": f"{NANUM}/NanumGothicBold.ttf",
    "myeongjo": f"{NANUM}/NanumMyeongjo.ttf",
    "myeongjo-bold": f"{NANUM}/NanumMyeongjoBold.ttf",
    "barun": f"{NANUM}/NanumBarunGothic.ttf",
}
SURNAMES = (
    "김",
    "이",
    "박",
    "최",
    "정",
    "강",
    "조",
    "윤",
    "장",
    "임",
    "한",
    "오",
    "서",
    "신",
    "권",
    "황",
    "송",
)
GIVEN = (
    "민준",
    "서연",
    "도윤",
    "지우",
    "하준",
    "서윤",
    "예준",
    "지민",
    "시우",
    "수아",
    "주원",
    "하은",
    "현우",
)
CITIES = (
    ("서울특별시", ("강남구", "마포구", "종로구", "송파구", "영등포구")),
    ("부산광역시", ("해운대구", "수영구", "동래구")),
    ("인천광역시", ("연수구", "남동구")),
    ("대전광역시", ("유성구", "서구")),
    ("경기도", ("성남시 분당구", "수원시 영통구", "고양시 일산동구")),
)
ROADS = ("테헤란로", "월드컵북로", "세종대로", "올림픽로", "센텀중앙로", "대학로", "판교역로", "중앙로")
COMPANY_STEMS = (
    "한빛",
    "푸른솔",
    "새봄",
    "대한",
    "미래",
    "하늘",
    "우리",
    "동해",
    "세종",
    "가온",
    "누리",
    "다온",
)
COMPANY_KINDS = ("상사", "테크", "물산", "정보", "유통", "식품", "건설", "소프트", "디자인", "전자")
BIS_TYPES = (("도매 및 소매업", "전자상거래"), ("제조업", "전자부품"), ("서비스업", "소프트웨어 개발"))
BIS_TYPES += (("정보통신업", "응용 소프트웨어"), ("건설업", "실내건축"), ("음식점업", "한식"))


@dataclass
class SyntheticDoc:
    """One rendered page: RGB pixels, ground truth (field path → normalised value) and the seed used."""

    image: np.ndarray
    truth: dict[str, str]
    family: str
    extra: dict[str, Any] = field(default_factory=dict)


def font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(FONTS[name], size)


def person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def address(rng: random.Random) -> str:
    city, districts = rng.choice(CITIES)
    extra = rng.choice(("", f", {rng.randint(2, 12)}층"))
    return f"{city} {rng.choice(districts)} {rng.choice(ROADS)} {rng.randint(1, 399)}{extra}"


def company(rng: random.Random) -> str:
    return rng.choice(COMPANY_STEMS) + rng.choice(COMPANY_KINDS)


def biz_number(rng: random.Random, corporate: bool) -> str:
    """A valid 사업자등록번호 ``NNN-NN-NNNNN``; the middle code 81–88 marks a corporation."""
    mid = rng.choice((81, 86, 87)) if corporate else rng.randint(10, 79)
    payload = f"{rng.randint(101, 699)}{mid:02d}{rng.randint(0, 9999):04d}"
    full = payload + biz_number_check_digit(payload)
    return f"{full[:3]}-{full[3:5]}-{full[5:]}"


def date(rng: random.Random, lo: int, hi: int) -> tuple[int, int, int]:
    return rng.randint(lo, hi), rng.randint(1, 12), rng.randint(1, 28)


def rrn(rng: random.Random, birth: tuple[int, int, int], alien: bool = False) -> str:
    """A 주민등록번호 (or 외국인등록번호 when ``alien``) ``YYMMDD-SNNNNNC`` with a valid check digit."""
    y, m, d = birth
    sex = rng.randint(1, 2) + (2 if y >= 2000 else 0) + (4 if alien else 0)
    payload = f"{y % 100:02d}{m:02d}{d:02d}{sex}{rng.randint(0, 99999):05d}"
    full = payload + rrn_check_digit(payload)
    return f"{full[:6]}-{full[6:]}"


def iso(d: tuple[int, int, int]) -> str:
    return f"{d[0]:04d}-{d[1]:02d}-{d[2]:02d}"


def canvas(w: int, h: int, rng: random.Random) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    img = Image.new("RGB", (w, h), tuple(rng.randint(238, 252) for _ in range(3)))
    return img, ImageDraw.Draw(img)


def photograph(
    img: Image.Image, rng: random.Random, *, background: int = 0, angle: float = 1.5
) -> np.ndarray:
    """Light camera-like damage: small rotation and perspective, blur, noise and JPEG.

    ``background`` (a grey level) adds a 70 px desk margin around the page, as for a card photo.
    """
    arr = np.asarray(img.convert("RGB")).copy()
    if background:
        bg = tuple(int(background + rng.randint(-10, 10)) for _ in range(3))
        arr = cv2.copyMakeBorder(arr, 70, 70, 70, 70, cv2.BORDER_CONSTANT, value=bg)
    h, w = arr.shape[:2]
    j = 0.012 * min(w, h)
    src = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    dst = src + np.float32([[rng.uniform(-j, j), rng.uniform(-j, j)] for _ in range(4)])
    m = cv2.getPerspectiveTransform(src, dst)
    rot = cv2.getRotationMatrix2D((w / 2, h / 2), rng.uniform(-angle, angle), 1.0)
    m = np.vstack([rot, [0, 0, 1]]) @ m
    edge = tuple(int(v) for v in arr[2, 2])
    arr = cv2.warpPerspective(arr, m, (w, h), borderValue=edge)
    arr = cv2.GaussianBlur(arr, (3, 3), rng.uniform(0.2, 0.8))
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 4, arr.shape)
    arr = np.clip(arr.astype(np.float64) + noise, 0, 255).astype(np.uint8)
    ok, buf = cv2.imencode(".jpg", arr, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(70, 92)])
    assert ok
    out: np.ndarray = cv2.imdecode(buf, cv2.IMREAD_UNCHANGED)
    return out
