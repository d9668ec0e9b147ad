"""SYNTHETIC business cards (Korean, Japanese, English) photographed on a desk, with ground truth."""

from __future__ import annotations

import random

from . import common as c
from . import world as w

_KO_DEPTS = ("영업팀", "개발본부", "경영지원팀", "마케팅팀", "기술연구소", "해외사업부")
_KO_POSITIONS = ("대표이사", "부장", "과장", "팀장", "대리", "선임연구원", "이사", "차장")
_JP_DEPTS = ("営業部", "総務部", "開発部", "経理部", "技術本部", "人事部", "海外事業部")
_JP_POSITIONS = ("部長", "課長", "係長", "代表取締役", "主任", "取締役", "課長代理")
_EN_DEPTS = ("Sales Division", "Engineering Department", "Marketing Department", "Finance Division")
_EN_POSITIONS = ("Sales Manager", "Senior Engineer", "Product Manager", "Director", "CEO", "Consultant")
_ROMAN = {"김": "kim", "이": "lee", "박": "park", "최": "choi", "정": "jung", "강": "kang", "조": "cho"}
_ROMAN |= {"윤": "yoon", "장": "jang", "임": "lim", "한": "han", "오": "oh", "서": "seo", "신": "shin"}
_ROMAN |= {"권": "kwon", "황": "hwang", "송": "song"}
_DOMAINS = ("hanbit", "nuri", "gaon", "mirae", "saebom", "daon", "haneul")
# Contact labels per language: (tel, mobile, fax, email, homepage); the first tuple is the short style.
_LABELS = {
    "ko": (("T", "M", "F", "E", ""), ("전화", "휴대폰", "팩스", "이메일", "홈페이지")),
    "ja": (("TEL", "携帯", "FAX", "E-mail", "URL"), ("電話", "携帯", "FAX", "Mail", "")),
    "en": (("T", "M", "F", "E", ""), ("Tel", "Mobile", "Fax", "Email", "Web")),
}


def _korean(rng: random.Random) -> dict[str, str]:
    name = c.person_name(rng)
    domain = rng.choice(_DOMAINS)
    stem = c.company(rng)
    t = {"name": name, "company": rng.choice((f"(주){stem}", f"주식회사 {stem}", stem + " 주식회사"))}
    t |= {"department": rng.choice(_KO_DEPTS), "position": rng.choice(_KO_POSITIONS)}
    t |= {"address": c.address(rng), "tel": w.ko_phone(rng), "mobile": w.ko_phone(rng, True)}
    t |= {
        "fax": w.ko_phone(rng),
        "email": f"{_ROMAN.get(name[0], 'park')}{rng.randint(1, 99)}@{domain}.co.kr",
    }
    t["homepage"] = f"www.{domain}.co.kr"
    return t


def _japanese(rng: random.Random) -> dict[str, str]:
    s, g, sr, gr = w.jp_name(rng)
    t = {"name": f"{s} {g}", "nameFurigana": f"{sr} {gr}", "company": w.jp_company(rng)}
    t |= {"department": rng.choice(_JP_DEPTS), "position": rng.choice(_JP_POSITIONS)}
    zip_code = f"〒{rng.randint(100, 999)}-{rng.randint(0, 9999):04d}"
    t |= {"zip": zip_code, "address": w.jp_address(rng), "tel": w.jp_phone(rng)}
    t |= {"mobile": w.jp_phone(rng, True), "fax": w.jp_phone(rng)}
    domain = rng.choice(("fujitec", "aoba", "hokuto", "yamato", "koyo"))
    t |= {"email": f"{sr.lower() if sr.isascii() else 'info'}{rng.randint(1, 99)}@{domain}.co.jp"}
    t["homepage"] = f"https://www.{domain}.co.jp"
    return t


def _english(rng: random.Random) -> dict[str, str]:
    name = w.en_name(rng)
    company = w.en_company(rng)
    domain = company.split()[0].lower()
    t = {"name": name, "company": company, "department": rng.choice(_EN_DEPTS)}
    t |= {"position": rng.choice(_EN_POSITIONS), "address": w.en_address(rng), "tel": w.en_phone(rng)}
    t |= {"mobile": w.en_phone(rng), "fax": w.en_phone(rng)}
    t |= {"email": f"{name.split()[0].lower()}.{name.split()[1].lower()}@{domain}.com"}
    t["homepage"] = f"www.{domain}.com"
    return t


def render(rng: random.Random, lang: str | None = None) -> c.SyntheticDoc:
    """One card (``lang``: ``ko``, ``ja`` or ``en``; random when None) photographed on a desk."""
    lang = lang or rng.choice(("ko", "ja", "en"))
    t = {"ko": _korean, "ja": _japanese, "en": _english}[lang](rng)
    img, draw = c.canvas(1050, 600, rng)
    flang = "ja" if lang == "ja" else "ko"
    style = rng.choice(("sans", "serif")) if lang != "en" else "sans"
    small, big = w.font(style, 24, flang), w.font(f"{style}-bold", rng.randint(52, 62), flang)
    ink = (20, 20, 20)
    # Company (bold) at the top, the name big in the middle-left, contacts at the bottom.
    draw.text((60, 45), t["company"], font=w.font(f"{style}-bold", 32, flang), fill=(30, 40, 110))
    y = 150
    if "nameFurigana" in t:
        draw.text((64, y - 38), t["nameFurigana"], font=w.font(style, 20, flang), fill=(60, 60, 60))
    name = t["name"] if lang != "ko" or rng.random() < 0.5 else " ".join(t["name"])
    draw.text((60, y), name, font=big, fill=ink)
    name_right = int(draw.textlength(name, font=big)) + 60
    if rng.random() < 0.5:
        draw.text((name_right + 40, y + 24), t["position"], font=w.font(style, 30, flang), fill=ink)
        draw.text((60, y + 85), t["department"], font=small, fill=ink)
    else:
        draw.text((60, y + 85), f"{t['department']}  {t['position']}", font=small, fill=ink)
    short, long = _LABELS[lang]
    labels = short if rng.random() < 0.5 else long
    rows = [(labels[0], "tel"), (labels[1], "mobile"), (labels[2], "fax"), (labels[3], "email")]
    if labels[4] or rng.random() < 0.5:
        rows.append((labels[4], "homepage"))
    else:
        del t["homepage"]
    address = f"{t['zip']} {t['address']}" if "zip" in t else t["address"]
    y = 600 - 48 * (len(rows) // 2 + 2) - 20
    draw.text((60, y), address, font=small, fill=ink)
    for i, (label, key) in enumerate(rows):
        x, yy = 60 + 470 * (i % 2), y + 48 * (1 + i // 2)
        draw.text((x, yy), f"{label}  {t[key]}" if label else t[key], font=small, fill=ink)
    t.pop("zip", None)
    doc = c.photograph(img, rng, background=rng.randint(60, 110), angle=2.0)
    return c.SyntheticDoc(doc, t, "name-card", {"languages": [lang] if lang != "ko" else ["ko"]})
