"""SYNTHETIC Korean 세금계산서 (tax invoice): supplier and buyer blocks side by side, item table, totals."""

from __future__ import annotations

import random

from . import common as c

_GOODS = ("노트북", "모니터", "사무용 의자", "복합기 토너", "외장 하드", "키보드", "소프트웨어 라이선스")
_GOODS += ("컨설팅 용역", "유지보수", "프린터 용지", "네트워크 장비", "책상")


def _party(rng: random.Random, prefix: str) -> dict[str, str]:
    return {
        f"{prefix}.name": c.company(rng),
        f"{prefix}.bizNum": c.biz_number(rng, rng.random() < 0.5),
        f"{prefix}.repName": c.person_name(rng),
        f"{prefix}.address": c.address(rng),
    }


def _truth(rng: random.Random) -> dict[str, str]:
    t = _party(rng, "supplier") | _party(rng, "buyer")
    t["issueDate"] = c.iso(c.date(rng, 2021, 2025))
    supply_total = 0
    for i, name in enumerate(rng.sample(_GOODS, rng.randint(1, 4))):
        count, unit = rng.randint(1, 20), rng.randint(1, 300) * 1000
        supply = count * unit
        supply_total += supply
        t |= {f"items.{i}.name": name, f"items.{i}.count": str(count), f"items.{i}.unitPrice": str(unit)}
        t |= {f"items.{i}.supplyPrice": str(supply), f"items.{i}.taxPrice": str(supply // 10)}
    tax_total = sum(int(v) for k, v in t.items() if k.endswith(".taxPrice"))
    t |= {"totalSupplyPrice": str(supply_total), "totalTaxPrice": str(tax_total)}
    t["totalPrice"] = str(supply_total + tax_total)
    return t


def _money(v: str) -> str:
    return f"{int(v):,}"


def render(rng: random.Random) -> c.SyntheticDoc:
    """One invoice page (1400 × 1000), lightly photographed."""
    t = _truth(rng)
    img, draw = c.canvas(1400, 1000, rng)
    body = "myeongjo" if rng.random() < 0.3 else "gothic"
    f, fb = c.font(body, 24), c.font(f"{body}-bold", 46)
    ink = (15, 15, 15)
    draw.text((700, 60), "세 금 계 산 서", font=fb, fill=ink, anchor="mm")
    draw.line((700, 110, 700, 470), fill=(90, 90, 90), width=2)
    for x0, who, prefix in ((50, "공급자", "supplier"), (730, "공급받는자", "buyer")):
        draw.text((x0, 120), who, font=c.font(f"{body}-bold", 28), fill=ink)
        rows = (("등록번호", "bizNum"), ("상호", "name"), ("성명", "repName"), ("주소", "address"))
        for i, (label, key) in enumerate(rows):
            draw.text((x0, 180 + 62 * i), label, font=f, fill=(50, 50, 50))
            draw.text((x0 + 120, 180 + 62 * i), t[f"{prefix}.{key}"], font=f, fill=ink)
    y, m, d = t["issueDate"].split("-")
    draw.text((50, 500), f"작성일자  {y}-{m}-{d}", font=f, fill=ink)
    cols = (("품목", 50, "name"), ("수량", 520, "count"), ("단가", 680, "unitPrice"))
    cols += (("공급가액", 900, "supplyPrice"), ("세액", 1160, "taxPrice"))
    draw.line((40, 560, 1360, 560), fill=(90, 90, 90), width=2)
    for label, x, _ in cols:
        draw.text((x, 575), label, font=f, fill=(50, 50, 50))
    draw.line((40, 620, 1360, 620), fill=(90, 90, 90), width=1)
    i = 0
    while f"items.{i}.name" in t:
        for _, x, key in cols:
            value = t[f"items.{i}.{key}"]
            draw.text(
                (x, 640 + 55 * i), value if key in ("name", "count") else _money(value), font=f, fill=ink
            )
        i += 1
    draw.line((40, 880, 1360, 880), fill=(90, 90, 90), width=2)
    for x in (500, 660, 880, 1140):  # the ruled grid of a printed tax invoice
        draw.line((x - 15, 560, x - 15, 880), fill=(120, 120, 120), width=1)
    draw.text((50, 900), "합계", font=f, fill=ink)
    totals = (
        ("공급가액", "totalSupplyPrice", 200),
        ("세액", "totalTaxPrice", 620),
        ("합계금액", "totalPrice", 940),
    )
    for label, key, x in totals:
        draw.text((x, 900), f"{label} {_money(t[key])}", font=f, fill=ink)
    return c.SyntheticDoc(c.photograph(img, rng, angle=1.0), t, "invoice")
