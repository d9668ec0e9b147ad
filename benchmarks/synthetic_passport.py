"""Render SYNTHETIC passport data pages (random holder, valid TD3 MRZ) with photo-like distortion.

For benchmarks and tests only: the people and numbers are random, never real documents.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from hanji.documents.checksums import mrz_check_digit

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
SANS = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
_COUNTRIES = ("KOR", "UTO", "DEU", "FRA", "USA", "JPN", "GBR", "NLD")
_SURNAMES = ("KIM", "LEE", "PARK", "ERIKSSON", "MUELLER", "DUBOIS", "SMITH", "TANAKA", "VAN DER BERG")
_GIVEN = ("MINJUN", "SEOYEON", "ANNA MARIA", "JOHN", "HANA", "LUCAS", "EMMA", "JI HOON")


@dataclass(frozen=True)
class SyntheticPassport:
    image: np.ndarray
    lines: tuple[str, str]
    truth: dict[str, str]


def _date(rng: random.Random, lo: int, hi: int) -> str:
    return f"{rng.randint(lo, hi) % 100:02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"


def make_mrz(rng: random.Random) -> tuple[tuple[str, str], dict[str, str]]:
    """Random holder and a TD3 MRZ whose check digits are all correct."""
    country = rng.choice(_COUNTRIES)
    surname, given = rng.choice(_SURNAMES), rng.choice(_GIVEN)
    number = rng.choice(string.ascii_uppercase) + "".join(rng.choices(string.digits + "ABCDEFGHJKLMN", k=8))
    birth, expire = _date(rng, 1940, 2005), _date(rng, 2026, 2036)
    sex = rng.choice("MF")
    personal = "".join(rng.choices(string.digits, k=rng.choice((0, 7, 9)))).ljust(14, "<")
    names = (surname.replace(" ", "<") + "<<" + given.replace(" ", "<")).ljust(39, "<")[:39]
    line1 = f"P<{country}{names}"
    body = number + mrz_check_digit(number) + country + birth + mrz_check_digit(birth) + sex
    body += expire + mrz_check_digit(expire) + personal + mrz_check_digit(personal)
    comp = body[0:10] + body[13:20] + body[21:43]
    line2 = body + mrz_check_digit(comp)
    truth = {
        "num": number,
        "surName": surname,
        "givenName": given,
        "birthDate": birth,
        "expireDate": expire,
        "sex": sex,
        "nationality": country,
        "issueCountry": country,
        "personalNum": personal.strip("<"),
    }
    return (line1, line2), truth


def render(rng: random.Random) -> SyntheticPassport:
    """A data page: printed fields above the MRZ, then blur, noise, rotation and JPEG."""
    lines, truth = make_mrz(rng)
    w, h = 1300, 900
    img = Image.new("RGB", (w, h), tuple(rng.randint(215, 245) for _ in range(3)))
    draw = ImageDraw.Draw(img)
    sans, mono = ImageFont.truetype(SANS, 30), ImageFont.truetype(MONO, 38)
    draw.rectangle((60, 160, 360, 560), fill=(180, 170, 160))  # photo placeholder
    draw.text((60, 60), f"PASSPORT  {truth['issueCountry']}", font=sans, fill=(40, 40, 90))
    for i, (label, value) in enumerate(
        (
            ("Surname", truth["surName"]),
            ("Given names", truth["givenName"]),
            ("Passport No.", truth["num"]),
            ("Sex", truth["sex"]),
        )
    ):
        draw.text((420, 170 + 90 * i), label, font=ImageFont.truetype(SANS, 20), fill=(90, 90, 90))
        draw.text((420, 195 + 90 * i), value, font=sans, fill=(20, 20, 20))
    for i, line in enumerate(lines):
        draw.text((50, 700 + 70 * i), line, font=mono, fill=(15, 15, 15))
    arr = cv2.cvtColor(np.asarray(img), cv2.COLOR_RGB2BGR)
    angle = rng.uniform(-2.5, 2.5)
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, rng.uniform(0.55, 0.9))
    arr = cv2.warpAffine(arr, m, (w, h), borderValue=(200, 200, 200))
    arr = cv2.GaussianBlur(arr, (3, 3), rng.uniform(0.3, 1.1))
    noise = np.random.default_rng(rng.randint(0, 2**31)).normal(0, 6, arr.shape)
    arr = np.clip(arr.astype(np.float64) + noise, 0, 255).astype(np.uint8)
    _, buf = cv2.imencode(".jpg", arr, [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 85)])
    return SyntheticPassport(cv2.imdecode(buf, cv2.IMREAD_COLOR), lines, truth)
