"""SYNTHETIC Japanese 請求書 / 適格請求書 and English invoices: parties, item table, tax and totals."""

from __future__ import annotations

import random

from PIL import ImageDraw

from . import common as c
from . import world as w

_JP_GOODS = ("ノートパソコン", "液晶モニター", "事務用チェア", "トナーカートリッジ", "保守サービス")
_JP_GOODS += ("コピー用紙", "ネットワーク機器", "コンサルティング費用", "ソフトウェア利用料", "会議室利用料")
_JP_REDUCED = ("お弁当", "ミネラルウォーター", "コーヒー豆")  # 8 % reduced rate (food)
_EN_GOODS = ("Laptop computer", "Monitor stand", "Consulting services", "Software license", "Cloud hosting")
_EN_GOODS += ("Office chair", "Network switch", "Support plan", "Printer paper", "Design work")
_EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September")
_EN_MONTHS += ("October", "November", "December")


def _items(rng: random.Random, goods: tuple[str, ...], cents: bool) -> list[tuple[str, int, int]]:
    """(name, count, unit price in the smallest unit: yen, or cents)."""
    out = []
    for name in rng.sample(goods, rng.randint(1, 4)):
        unit = rng.randint(500, 150000) if cents else rng.randint(5, 900) * 100
        out.append((name, rng.randint(1, 12), unit))
    return out


def _money(v: int, cents: bool) -> str:
    return f"{v / 100:,.2f}" if cents else f"{v:,}"


def _money_truth(v: int, cents: bool) -> str:
    return f"{v // 100}.{v % 100:02d}" if cents else str(v)


def _japanese(rng: random.Random, draw: ImageDraw.ImageDraw) -> dict[str, str]:
    t = {"supplier.name": w.jp_company(rng), "supplier.address": w.jp_address(rng)}
    t |= {"supplier.bizNum": w.jp_registration(rng), "buyer.name": w.jp_company(rng)}
    y, m, d = c.date(rng, 2023, 2025)
    t["issueDate"] = c.iso((y, m, d))
    items = _items(rng, _JP_GOODS, False)
    if rng.random() < 0.4:
        items.append((rng.choice(_JP_REDUCED), rng.randint(1, 30), rng.randint(1, 30) * 50))
    f, fb = w.font("sans", 24), w.font("sans-bold", 24)
    ink = (15, 15, 15)
    draw.text(
        (700, 60),
        rng.choice(("請求書", "適格請求書", "請 求 書")),
        font=w.font("sans-bold", 48),
        fill=ink,
        anchor="mm",
    )
    labelled = rng.random() < 0.5
    draw.text(
        (60, 150),
        f"請求先：{t['buyer.name']}" if labelled else f"{t['buyer.name']} 御中",
        font=w.font("sans", 30),
        fill=ink,
    )
    x = 820
    if labelled:
        draw.text((x, 130), "発行元", font=f, fill=(80, 80, 80))
    draw.text((x, 165), t["supplier.name"], font=fb, fill=ink)
    draw.text((x, 205), f"〒{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}", font=f, fill=ink)
    draw.text((x, 240), t["supplier.address"], font=f, fill=ink)
    draw.text((x, 275), f"TEL {w.jp_phone(rng)}", font=f, fill=ink)
    draw.text((x, 310), f"登録番号 {t['supplier.bizNum']}", font=f, fill=ink)
    date_text = f"{y}年{m}月{d}日" if rng.random() < 0.7 else f"令和{y - 2018}年{m}月{d}日"
    draw.text((60, 230), f"{rng.choice(('請求日', '発行日'))}  {date_text}", font=f, fill=ink)
    draw.text((60, 270), f"請求番号  {rng.randint(10000, 99999)}", font=f, fill=ink)
    std = sum(n * u for name, n, u in items if name not in _JP_REDUCED)
    red = sum(n * u for name, n, u in items if name in _JP_REDUCED)
    tax = std // 10 + red * 8 // 100
    total = std + red + tax
    draw.text((60, 340), f"ご請求金額  ¥{total:,} (税込)", font=w.font("sans-bold", 32), fill=ink)
    cols = (
        ("品名", 60, "name"),
        ("数量", 640, "count"),
        ("単価", 860, "unitPrice"),
        ("金額", 1120, "supplyPrice"),
    )
    _table(draw, t, cols, [(n + (" ※" if n in _JP_REDUCED else ""), k, u) for n, k, u in items], False, f)
    y0 = 470 + 55 * (len(items) + 1) + 30
    rows = [("小計", std + red), ("消費税 (10%)", std // 10)] + (
        [("消費税 (8%)", red * 8 // 100)] if red else []
    )
    for i, (label, v) in enumerate([*rows, ("合計", total)]):
        draw.text((800, y0 + 50 * i), label, font=f, fill=ink)
        draw.text((1340, y0 + 50 * i), f"¥{v:,}", font=f, fill=ink, anchor="ra")
    if red:
        draw.text((60, y0), "※は軽減税率(8%)対象", font=w.font("sans", 20), fill=(60, 60, 60))
    for i, (name, n, u) in enumerate(items):
        t |= {f"items.{i}.name": name, f"items.{i}.count": str(n), f"items.{i}.unitPrice": str(u)}
        t[f"items.{i}.supplyPrice"] = str(n * u)
    t |= {"totalSupplyPrice": str(std + red), "totalTaxPrice": str(tax), "totalPrice": str(total)}
    return t


def _english(rng: random.Random, draw: ImageDraw.ImageDraw) -> dict[str, str]:
    t = {"supplier.name": w.en_company(rng), "supplier.address": w.en_address(rng)}
    t |= {"buyer.name": w.en_company(rng), "buyer.address": w.en_address(rng)}
    y, m, d = c.date(rng, 2023, 2025)
    t["issueDate"] = c.iso((y, m, d))
    items = _items(rng, _EN_GOODS, True)
    f, fb = w.font("sans", 24, "ko"), w.font("sans-bold", 26, "ko")
    ink = (15, 15, 15)
    draw.text((60, 50), t["supplier.name"], font=w.font("sans-bold", 34, "ko"), fill=ink)
    draw.text((60, 100), t["supplier.address"], font=f, fill=ink)
    draw.text((60, 135), f"Phone {w.en_phone(rng)}", font=f, fill=ink)
    draw.text((1340, 50), "INVOICE", font=w.font("sans-bold", 52, "ko"), fill=(30, 40, 110), anchor="ra")
    date_text = rng.choice(
        (f"{_EN_MONTHS[m - 1]} {d}, {y}", f"{y}-{m:02d}-{d:02d}", f"{d} {_EN_MONTHS[m - 1][:3]} {y}")
    )
    draw.text((900, 140), f"Invoice No: INV-{y}-{rng.randint(1, 9999):04d}", font=f, fill=ink)
    draw.text((900, 180), f"Date: {date_text}", font=f, fill=ink)
    draw.text((60, 220), "Bill To:", font=fb, fill=(80, 80, 80))
    draw.text((60, 260), t["buyer.name"], font=f, fill=ink)
    draw.text((60, 295), t["buyer.address"], font=f, fill=ink)
    cols = (
        ("Description", 60, "name"),
        ("Qty", 640, "count"),
        ("Unit Price", 820, "unitPrice"),
        ("Amount", 1100, "supplyPrice"),
    )
    _table(draw, t, cols, items, True, f)
    subtotal = sum(n * u for _, n, u in items)
    rate, label = rng.choice(((10, "Tax (10%)"), (20, "VAT (20%)"), (8, "Sales Tax (8%)")))
    tax = round(subtotal * rate / 100)
    y0 = 470 + 55 * (len(items) + 1) + 30
    for i, (lb, v) in enumerate((("Subtotal", subtotal), (label, tax), ("Total", subtotal + tax))):
        draw.text((850, y0 + 50 * i), lb, font=fb if lb == "Total" else f, fill=ink)
        draw.text(
            (1340, y0 + 50 * i), f"${_money(v, True)}", font=fb if lb == "Total" else f, fill=ink, anchor="ra"
        )
    for i, (name, n, u) in enumerate(items):
        t |= {
            f"items.{i}.name": name,
            f"items.{i}.count": str(n),
            f"items.{i}.unitPrice": _money_truth(u, True),
        }
        t[f"items.{i}.supplyPrice"] = _money_truth(n * u, True)
    t |= {"totalSupplyPrice": _money_truth(subtotal, True), "totalTaxPrice": _money_truth(tax, True)}
    t["totalPrice"] = _money_truth(subtotal + tax, True)
    return t


def _table(draw: ImageDraw.ImageDraw, t: dict[str, str], cols, items, cents: bool, f) -> None:  # type: ignore[no-untyped-def]
    """The ruled item table: header at y 420, one 55 px row per item, right-aligned amounts."""
    grey = (110, 110, 110)
    draw.line((40, 410, 1360, 410), fill=grey, width=2)
    for label, x, _ in cols:
        draw.text((x, 420), label, font=f, fill=(50, 50, 50))
    draw.line((40, 460, 1360, 460), fill=grey, width=1)
    for i, (name, n, u) in enumerate(items):
        y = 475 + 55 * i
        draw.text((60, y), name, font=f, fill=(15, 15, 15))
        draw.text((cols[1][1] + 40, y), str(n), font=f, fill=(15, 15, 15), anchor="ra")
        draw.text((cols[2][1] + 120, y), _money(u, cents), font=f, fill=(15, 15, 15), anchor="ra")
        draw.text((cols[3][1] + 120, y), _money(n * u, cents), font=f, fill=(15, 15, 15), anchor="ra")
    draw.line((40, 475 + 55 * len(items) + 10, 1360, 475 + 55 * len(items) + 10), fill=grey, width=2)


def render(rng: random.Random, lang: str | None = None) -> c.SyntheticDoc:
    """One invoice page (1400 × 1000; ``lang`` ``ja`` or ``en``, random when None), lightly photographed."""
    lang = lang or rng.choice(("ja", "en"))
    img, draw = c.canvas(1400, 1000, rng)
    t = (_japanese if lang == "ja" else _english)(rng, draw)
    return c.SyntheticDoc(c.photograph(img, rng, angle=1.0), t, "invoice", {"languages": [lang]})
