"""SYNTHETIC 사업자등록증 (business registration certificate), personal or corporate, with ground truth."""

from __future__ import annotations

import random

from . import common as c

_OFFICES = ("강남세무서장", "마포세무서장", "해운대세무서장", "성남세무서장", "유성세무서장")
_REASONS = ("신규", "재발급", "정정")


def _truth(rng: random.Random, corporate: bool) -> tuple[dict[str, str], dict[str, str]]:
    """(ground truth by CLOVA field, extra printed strings)."""
    open_d = c.date(rng, 2005, 2024)
    bis_type, bis_item = rng.choice(c.BIS_TYPES)
    name = c.company(rng)
    t = {
        "documentType": "사업자등록증",
        "taxType": "법인사업자" if corporate else "개인사업자",
        "registerNumber": c.biz_number(rng, corporate),
        "repName": c.person_name(rng),
        "openDate": c.iso(open_d),
        "bisAddress": c.address(rng),
        "bisType": bis_type,
        "bisItem": bis_item,
        "issuanceDate": c.iso(c.date(rng, max(open_d[0], 2015), 2025)),
        "issuanceReason": rng.choice(_REASONS),
    }
    if corporate:
        t["corpName"] = "주식회사 " + name
        t["corpRegisterNum"] = f"{rng.randint(110111, 285011)}-{rng.randint(0, 9999999):07d}"
        t["headAddress"] = t["bisAddress"] if rng.random() < 0.5 else c.address(rng)
    else:
        t["companyName"] = name
        t["birth"] = c.iso(c.date(rng, 1955, 2000))
    return t, {"office": rng.choice(_OFFICES)}


def _kdate(iso: str) -> str:
    y, m, d = iso.split("-")
    return f"{y} 년 {m} 월 {d} 일"


def render(rng: random.Random) -> c.SyntheticDoc:
    """One certificate page (A4-ish at ~100 dpi), lightly photographed."""
    corporate = rng.random() < 0.5
    t, extra = _truth(rng, corporate)
    serif = rng.random() < 0.5
    body, bold = ("myeongjo", "myeongjo-bold") if serif else ("gothic", "gothic-bold")
    img, draw = c.canvas(1000, 1300, rng)
    f, fb = c.font(body, 27), c.font(bold, 52)
    draw.rectangle((40, 40, 960, 1260), outline=(60, 60, 60), width=3)
    draw.text((500, 130), "사 업 자 등 록 증", font=fb, fill=(10, 10, 10), anchor="mm")
    sub = "(법인사업자)" if corporate else "(일반과세자)"
    draw.text((500, 200), sub, font=f, fill=(20, 20, 20), anchor="mm")
    rows: list[tuple[str, str]] = [("등록번호", t["registerNumber"])]
    if corporate:
        rows += [("법인명(단체명)", t["corpName"]), ("대 표 자", t["repName"])]
        rows += [("개업연월일", _kdate(t["openDate"])), ("법인등록번호", t["corpRegisterNum"])]
        rows += [("사업장 소재지", t["bisAddress"]), ("본점 소재지", t["headAddress"])]
    else:
        rows += [("상 호", t["companyName"]), ("대 표 자", t["repName"])]
        rows += [("개업연월일", _kdate(t["openDate"])), ("생년월일", _kdate(t["birth"]))]
        rows += [("사업장 소재지", t["bisAddress"])]
    y = 290
    for label, value in rows:
        draw.text((90, y), f"{label} :", font=f, fill=(20, 20, 20))
        draw.text((330, y), value, font=f, fill=(10, 10, 10))
        y += 62
    draw.text((90, y), "사업의 종류 :", font=f, fill=(20, 20, 20))
    draw.text((330, y), f"업태  {t['bisType']}", font=f, fill=(10, 10, 10))
    draw.text((330, y + 50), f"종목  {t['bisItem']}", font=f, fill=(10, 10, 10))
    y += 130
    draw.text((90, y), "발급사유 :", font=f, fill=(20, 20, 20))
    draw.text((330, y), t["issuanceReason"], font=f, fill=(10, 10, 10))
    draw.text((500, 1080), _kdate(t["issuanceDate"]), font=f, fill=(10, 10, 10), anchor="mm")
    draw.text((500, 1160), extra["office"], font=c.font(bold, 36), fill=(10, 10, 10), anchor="mm")
    draw.ellipse((690, 1120, 790, 1200), outline=(200, 40, 40), width=4)  # seal
    return c.SyntheticDoc(c.photograph(img, rng), t, "biz-license", extra)
