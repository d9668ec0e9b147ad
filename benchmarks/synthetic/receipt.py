"""SYNTHETIC till receipts with line items, in the layouts real tills print (Korean and English).

Layouts (``LAYOUTS``):

- ``ko-row``: 상품명 / 단가 / 수량 / 금액 columns, one row an item;
- ``ko-two``: the name on one row, the barcode, unit price, quantity and amount on the row below;
- ``en-row``: DESCRIPTION / QTY / PRICE / AMOUNT columns, one row an item (some as ``2 x 3.50``);
- ``en-code``: a code row, the name row, then ``QTY PC * UNIT DISC AMOUNT`` (a Malaysian POS layout);
- ``en-after``: ``CODE QTY U.PRICE TOTAL`` on one row and the name on the row below it.

Ground truth keys follow the CLOVA receipt result: ``subResults.0.items.N.name``, ``.count``,
``.code``, ``.price.unitPrice``, ``.price.price``; and ``totalPrice.price``.
"""

from __future__ import annotations

import random

from PIL import ImageDraw, ImageFont

from . import common as c

LAYOUTS = ("ko-row", "ko-two", "en-row", "en-code", "en-after")

_KO_GOODS = ("신라면 5입", "서울우유 1L", "제주삼다수 2L", "햇반 210g", "동원참치 150g", "바나나")
_KO_GOODS += ("대란 30구", "국산콩두부 300g", "코카콜라 1.5L", "새우깡 90g", "참기름 320ml", "양파 1.5kg")
_KO_GOODS += ("아메리카노", "카페라떼 L", "크루아상", "종량제봉투 20L", "물티슈 100매", "건전지 AA 4입")
_EN_GOODS = ("MILO 3IN1 18X33G", "GARDENIA CLASSIC", "MINERAL WATER 1.5L", "NASI LEMAK AYAM", "TEH TARIK")
_EN_GOODS += ("A4 PAPER 80GSM", "PEN BLUE 0.5MM", "KOPI O KOSONG", "ROTI CANAI", "DUCT TAPE 48MM")
_EN_GOODS += ("SUGAR 1KG", "INSTANT NOODLE CURRY", "DETERGENT 2KG", "ICE LEMON TEA", "BATTERY AA 4S")


def _money(value: int, korean: bool) -> str:
    """``value`` in won (``4,250``) or in cents (``12.50``)."""
    return f"{value:,}" if korean else f"{value // 100:,}.{value % 100:02d}"


def _items(rng: random.Random, korean: bool) -> list[tuple[str, int, int, str]]:
    """(name, count, unit price, code) rows; prices in won or cents."""
    names = rng.sample(_KO_GOODS if korean else _EN_GOODS, rng.randint(2, 6))
    rows = []
    for name in names:
        unit = rng.randint(8, 900) * 10 if korean else rng.randint(50, 4999)
        count = rng.choice((1, 1, 1, 2, 2, 3, 4, 6))
        code = "880" + "".join(str(rng.randint(0, 9)) for _ in range(10)) if korean else ""
        if not korean:
            code = "955" + "".join(str(rng.randint(0, 9)) for _ in range(10))
        rows.append((name, count, unit, code))
    return rows


def render(rng: random.Random, layout: str | None = None) -> c.SyntheticDoc:
    """One receipt (720 px wide), lightly photographed."""
    layout = layout or rng.choice(LAYOUTS)
    korean = layout.startswith("ko")
    rows = _items(rng, korean)
    face = rng.choice(("gothic", "barun", "myeongjo"))
    size = rng.randint(21, 25)
    f = c.font(face, size)
    fb = c.font(f"{face}-bold" if face != "barun" else "gothic-bold", size + 8)
    height = 560 + 3 * (size + 14) * len(rows)
    img, draw = c.canvas(720, height, rng)
    ink = (20, 20, 20)
    pitch = size + 14
    y = 40
    store = (c.company(rng) + rng.choice((" 마트", " 편의점", " 카페"))) if korean else _store(rng)
    draw.text((360, y), store, font=fb, fill=ink, anchor="mm")
    y += 2 * pitch
    day = c.date(rng, 2019, 2025)
    stamp = f"{c.iso(day)} {rng.randint(8, 21):02d}:{rng.randint(0, 59):02d}"
    draw.text((40, y), ("거래일시 " if korean else "DATE: ") + stamp, font=f, fill=ink)
    y += pitch
    draw.line((30, y, 690, y), fill=ink, width=2)
    y += 12
    truth: dict[str, str] = {}
    right = (430, 520, 680)  # unit, qty, amount column right edges
    if layout == "en-code":
        right = (430, 560, 680)
    header = {
        "ko-row": ("상품명", "단가", "수량", "금액"),
        "ko-two": ("상품명", "단가", "수량", "금액"),
        "en-row": ("DESCRIPTION", "PRICE", "QTY", "AMOUNT"),
        "en-code": ("CODE/DESC", "PRICE", "DISC", "AMOUNT"),
        "en-after": ("ITEM", "U.PRICE", "QTY", "TOTAL"),
    }[layout]
    draw.text((40, y), header[0], font=f, fill=ink)
    for text, edge in zip(header[1:], right, strict=True):
        draw.text((edge, y), text, font=f, fill=ink, anchor="ra")
    y += pitch
    draw.line((30, y, 690, y), fill=ink, width=1)
    y += 12
    total = 0
    for n, (name, count, unit, code) in enumerate(rows):
        amount = count * unit
        total += amount
        key = f"subResults.0.items.{n}"
        truth |= {f"{key}.name": name, f"{key}.count": str(count)}
        truth |= {
            f"{key}.price.unitPrice": _plain(unit, korean),
            f"{key}.price.price": _plain(amount, korean),
        }
        cells = (_money(unit, korean), str(count), _money(amount, korean))
        if layout in ("ko-row", "en-row"):
            if layout == "en-row" and count > 1 and rng.random() < 0.4:
                draw.text((40, y), name, font=f, fill=ink)
                y += pitch
                draw.text((70, y), f"{count} x {_money(unit, korean)}", font=f, fill=ink)
                draw.text((right[2], y), cells[2], font=f, fill=ink, anchor="ra")
            else:
                draw.text((40, y), name, font=f, fill=ink)
                _cells(draw, y, (cells[0], cells[1], cells[2]), right, f, ink)
            y += pitch
        elif layout == "ko-two":
            truth[f"{key}.code"] = code
            draw.text((40, y), f"{n + 1:03d} {name}", font=f, fill=ink)
            y += pitch
            draw.text((60, y), code, font=f, fill=ink)
            _cells(draw, y, cells, right, f, ink)
            y += pitch
        elif layout == "en-code":
            truth[f"{key}.code"] = code
            draw.text((40, y), code, font=f, fill=ink)
            y += pitch
            draw.text((40, y), name, font=f, fill=ink)
            y += pitch
            draw.text((60, y), f"{count} PC *", font=f, fill=ink)
            _cells(draw, y, (f"{unit / 100:.3f}", "0.00", cells[2]), right, f, ink)
            y += pitch
        else:  # en-after
            short = code[-4:]
            truth[f"{key}.code"] = short
            draw.text((40, y), short, font=f, fill=ink)
            _cells(draw, y, cells, right, f, ink)
            y += pitch
            draw.text((40, y), name, font=f, fill=ink)
            y += pitch
    draw.line((30, y, 690, y), fill=ink, width=1)
    y += 14
    label = (
        rng.choice(("합계", "합계금액", "결제금액"))
        if korean
        else rng.choice(("TOTAL", "GRAND TOTAL", "TOTAL (RM)"))
    )
    draw.text((40, y), label, font=fb, fill=ink)
    draw.text((680, y), _money(total, korean), font=fb, fill=ink, anchor="ra")
    truth["totalPrice.price"] = _plain(total, korean)
    y += pitch + 12
    paid = -(-total // 1000) * 1000  # rounded up to the next 1,000 won or 10.00
    tail = (
        (("받은금액", paid), ("거스름돈", paid - total))
        if korean
        else (("CASH", paid), ("CHANGE", paid - total))
    )
    for text, value in tail:
        draw.text((40, y), text, font=f, fill=ink)
        draw.text((680, y), _money(value, korean), font=f, fill=ink, anchor="ra")
        y += pitch
    image = c.photograph(img.crop((0, 0, 720, y + 40)), rng, angle=1.0)
    languages = ["ko"] if korean else ["en"]
    return c.SyntheticDoc(image, truth, "receipt", {"languages": languages, "layout": layout})


def _cells(
    draw: ImageDraw.ImageDraw,
    y: int,
    cells: tuple[str, str, str],
    right: tuple[int, int, int],
    f: ImageFont.FreeTypeFont,
    ink: tuple[int, int, int],
) -> None:
    for text, edge in zip(cells, right, strict=True):
        draw.text((edge, y), text, font=f, fill=ink, anchor="ra")


def _plain(value: int, korean: bool) -> str:
    """The amount as the extractor formats it: digits, and two decimals where the till prints cents."""
    return str(value) if korean else f"{value // 100}.{value % 100:02d}"


def _store(rng: random.Random) -> str:
    stem = rng.choice(("KEDAI", "RESTORAN", "SYARIKAT", "PASAR MINI", "STATIONERY"))
    name = rng.choice(("MAJU JAYA", "SRI INDAH", "BINTANG", "UNIQUE", "GOLDEN LEAF", "SENTOSA"))
    return f"{stem} {name} SDN BHD"
