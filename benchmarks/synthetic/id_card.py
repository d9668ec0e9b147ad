"""SYNTHETIC Korean ID cards: 주민등록증, 운전면허증, 외국인등록증 on a desk background, with ground truth."""

from __future__ import annotations

import random
import string

from PIL import ImageDraw

from . import common as c

_REGIONS = ("11", "12", "13", "14", "15", "16", "28")
_LICENSE_TYPES = ("1종보통", "2종보통", "1종대형", "2종소형")
_ALIENS = (("NGUYEN VAN AN", "VIETNAM"), ("SMITH JOHN", "USA"), ("WANG LI", "CHINA"))
_ALIENS += (("SANTOS MARIA", "PHILIPPINES"), ("KARIMOV ALISHER", "UZBEKISTAN"), ("TANAKA YUKI", "JAPAN"))
_VISAS = ("E-9", "E-7", "D-2", "F-4", "H-2", "F-6")
_POLICE = ("서울특별시경찰청장", "부산광역시경찰청장", "경기도남부경찰청장", "대전광역시경찰청장")


def _dot(d: tuple[int, int, int]) -> str:
    return f"{d[0]}. {d[1]}. {d[2]}."


def _resident(rng: random.Random, draw: ImageDraw.ImageDraw) -> dict[str, str]:
    birth, issued = c.date(rng, 1950, 2004), c.date(rng, 2010, 2025)
    t = {"idtype": "ID Card", "ic.name": c.person_name(rng), "ic.personalNum": c.rrn(rng, birth)}
    t |= {"ic.address": c.address(rng), "ic.issueDate": c.iso(issued)}
    city, districts = rng.choice(c.CITIES)
    t["ic.authority"] = f"{city} {rng.choice(districts).split()[0]}청장"
    draw.text((50, 40), "주민등록증", font=c.font("gothic-bold", 46), fill=(20, 20, 20))
    draw.text((60, 130), t["ic.name"], font=c.font("gothic-bold", 38), fill=(10, 10, 10))
    draw.text((60, 195), t["ic.personalNum"], font=c.font("gothic", 34), fill=(10, 10, 10))
    draw.text((60, 265), t["ic.address"], font=c.font("gothic", 27), fill=(20, 20, 20))
    draw.text((300, 400), _dot(issued), font=c.font("gothic", 26), fill=(20, 20, 20))
    draw.text((240, 450), t["ic.authority"], font=c.font("gothic-bold", 32), fill=(20, 20, 20))
    return t


def _license(rng: random.Random, draw: ImageDraw.ImageDraw) -> dict[str, str]:
    birth, issued = c.date(rng, 1950, 2004), c.date(rng, 2015, 2025)
    num = f"{rng.choice(_REGIONS)}-{issued[0] % 100:02d}-{rng.randint(0, 999999):06d}-{rng.randint(10, 99)}"
    start = (issued[0] + 9, 1, 1)
    t = {"idtype": "Driver's License", "dl.type": rng.choice(_LICENSE_TYPES), "dl.num": num}
    t |= {"dl.name": c.person_name(rng), "dl.personalNum": c.rrn(rng, birth), "dl.address": c.address(rng)}
    t |= {"dl.renewStartDate": c.iso(start), "dl.renewEndDate": c.iso((start[0], 12, 31))}
    t |= {"dl.issueDate": c.iso(issued), "dl.authority": rng.choice(_POLICE)}
    t["dl.code"] = "".join(rng.choices(string.ascii_uppercase + string.digits, k=6))
    t["dl.condition"] = rng.choice(("A", "B", ""))
    t["dl.organDonation"] = "장기기증" if rng.random() < 0.3 else ""
    f, fb = c.font("gothic", 26), c.font("gothic-bold", 30)
    draw.text((40, 30), "자동차운전면허증", font=c.font("gothic-bold", 40), fill=(20, 20, 20))
    draw.text((40, 95), t["dl.type"], font=fb, fill=(10, 10, 10))
    draw.text((220, 95), num, font=fb, fill=(10, 10, 10))
    draw.text((40, 150), t["dl.name"], font=fb, fill=(10, 10, 10))
    draw.text((40, 200), t["dl.personalNum"], font=f, fill=(10, 10, 10))
    draw.text((40, 250), t["dl.address"], font=c.font("gothic", 26), fill=(20, 20, 20))
    period = f"{start[0]}.01.01 ~ {start[0]}.12.31"
    draw.text((40, 305), f"갱신기간 {period}", font=c.font("gothic", 26), fill=(20, 20, 20))
    if t["dl.condition"]:
        draw.text((40, 345), f"조건 : {t['dl.condition']}", font=c.font("gothic", 26), fill=(20, 20, 20))
    if t["dl.organDonation"]:
        draw.text((330, 345), "장기기증", font=c.font("gothic-bold", 26), fill=(160, 30, 30))
    draw.text((40, 400), f"{issued[0]}.{issued[1]:02d}.{issued[2]:02d}", font=f, fill=(20, 20, 20))
    draw.text((40, 450), t["dl.authority"], font=fb, fill=(20, 20, 20))
    draw.text((800, 560), t["dl.code"], font=c.font("barun", 28), fill=(40, 40, 40))
    return t


def _alien(rng: random.Random, draw: ImageDraw.ImageDraw) -> dict[str, str]:
    birth, issued = c.date(rng, 1960, 2004), c.date(rng, 2015, 2025)
    name, country = rng.choice(_ALIENS)
    t = {"idtype": "Alien Registration Card", "ac.alienRegNum": c.rrn(rng, birth, alien=True)}
    t |= {"ac.name": name, "ac.sex": rng.choice("MF"), "ac.nationality": country}
    t |= {"ac.visaType": rng.choice(_VISAS), "ac.issueDate": c.iso(issued)}
    f, small = c.font("gothic", 28), c.font("gothic", 20)
    latin = c.font(rng.choice(("gothic", "barun", "gothic-bold")), 30)
    draw.text((40, 30), "외국인등록증", font=c.font("gothic-bold", 42), fill=(20, 20, 20))
    draw.text((320, 45), "RESIDENCE CARD", font=c.font("gothic-bold", 24), fill=(40, 40, 90))
    rows = (("외국인등록번호", t["ac.alienRegNum"]), ("성명", name), ("성별", t["ac.sex"]))
    rows += (("국가", country), ("체류자격", t["ac.visaType"]), ("발급일자", _dot(issued)))
    for i, (label, value) in enumerate(rows):
        draw.text((40, 120 + 60 * i), label, font=small, fill=(70, 70, 70))
        draw.text(
            (215, 112 + 60 * i), value, font=latin if label in ("성명", "국가") else f, fill=(10, 10, 10)
        )
    return t


def render(rng: random.Random, kind: str | None = None) -> c.SyntheticDoc:
    """One card (``kind``: ``ic``, ``dl`` or ``ac``; random when None) photographed on a desk."""
    kind = kind or rng.choice(("ic", "dl", "ac"))
    img, draw = c.canvas(1000, 630, rng)
    tint = {"ic": (236, 244, 250), "dl": (244, 246, 232), "ac": (238, 240, 250)}[kind]
    draw.rectangle((0, 0, 999, 629), fill=tint)
    draw.rectangle((800, 120, 960, 340), fill=(185, 175, 165))  # photo
    truth = {"ic": _resident, "dl": _license, "ac": _alien}[kind](rng, draw)
    truth = {k: v for k, v in truth.items() if v}
    return c.SyntheticDoc(
        c.photograph(img, rng, background=rng.randint(60, 110), angle=3.0), truth, "id-card"
    )
