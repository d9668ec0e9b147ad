"""SYNTHETIC data for the Japanese and English documents: Noto CJK fonts, names, companies, addresses.

Everything is made up; the Japanese 適格請求書 registration numbers carry a valid 法人番号 check digit.
"""

from __future__ import annotations

import random

from PIL import ImageFont

from hanji.documents.checksums import jp_corporate_check_digit

NOTO = "/usr/share/fonts/opentype/noto"
# Index inside the .ttc collections: 0 JP, 1 KR, 2 SC, 3 TC (Noto CJK's documented order).
_TTC = {"sans": "NotoSansCJK-Regular.ttc", "sans-bold": "NotoSansCJK-Bold.ttc"}
_TTC |= {"serif": "NotoSerifCJK-Regular.ttc", "serif-bold": "NotoSerifCJK-Bold.ttc"}

JP_SURNAMES = (("佐藤", "サトウ"), ("鈴木", "スズキ"), ("高橋", "タカハシ"), ("田中", "タナカ"))
JP_SURNAMES += (("伊藤", "イトウ"), ("渡辺", "ワタナベ"), ("山本", "ヤマモト"), ("中村", "ナカムラ"))
JP_GIVEN = (("太郎", "タロウ"), ("花子", "ハナコ"), ("健一", "ケンイチ"), ("美咲", "ミサキ"))
JP_GIVEN += (("翔太", "ショウタ"), ("陽子", "ヨウコ"), ("大輔", "ダイスケ"), ("直樹", "ナオキ"))
JP_STEMS = ("山田", "東和", "富士", "北斗", "青葉", "朝日", "大和", "光陽")
JP_KINDS = ("商事", "工業", "システム", "電機", "物産", "製作所", "精機", "技研")
JP_ADDRESSES = (
    "東京都千代田区丸の内{a}-{b}-{c}",
    "大阪府大阪市北区梅田{a}-{b}-{c}",
    "神奈川県横浜市西区みなとみらい{a}-{b}-{c}",
    "愛知県名古屋市中村区名駅{a}-{b}-{c}",
    "福岡県福岡市博多区博多駅前{a}-{b}-{c}",
    "東京都港区芝浦{a}-{b}-{c}",
)
EN_FIRST = ("James", "Emily", "Michael", "Sarah", "David", "Laura", "Daniel", "Olivia", "Henry", "Grace")
EN_LAST = ("Carter", "Bennett", "Hughes", "Foster", "Morgan", "Reed", "Parker", "Collins", "Turner")
EN_STEMS = ("Northwind", "Bluepeak", "Harbor", "Crestline", "Silverleaf", "Redwood", "Brightpath")
EN_KINDS = ("Systems", "Analytics", "Labs", "Trading", "Logistics", "Software", "Devices")
EN_SUFFIXES = ("Inc.", "Co., Ltd.", "LLC", "Corp.", "Ltd.")
EN_STREETS = ("Market Street", "Oak Avenue", "Harbor Road", "Pine Street", "Mission Boulevard")
EN_CITIES = ("San Francisco, CA 94103", "Austin, TX 78701", "Seattle, WA 98104", "Boston, MA 02110")


def font(style: str, size: int, lang: str = "ja") -> ImageFont.FreeTypeFont:
    """A Noto CJK face (``sans``/``serif``[``-bold``]) for ``lang`` (``ja``, ``ko``, ``zh``)."""
    index = {"ja": 0, "ko": 1, "zh": 2}[lang]
    return ImageFont.truetype(f"{NOTO}/{_TTC[style]}", size, index=index)


def jp_name(rng: random.Random) -> tuple[str, str, str, str]:
    """Surname, given name and their katakana readings."""
    (s, sr), (g, gr) = rng.choice(JP_SURNAMES), rng.choice(JP_GIVEN)
    return s, g, sr, gr


def jp_company(rng: random.Random) -> str:
    stem = rng.choice(JP_STEMS) + rng.choice(JP_KINDS)
    return rng.choice((f"株式会社{stem}", f"{stem}株式会社", f"{stem}合同会社"))


def jp_address(rng: random.Random) -> str:
    return rng.choice(JP_ADDRESSES).format(a=rng.randint(1, 5), b=rng.randint(1, 20), c=rng.randint(1, 30))


def jp_phone(rng: random.Random, mobile: bool = False) -> str:
    if mobile:
        return f"{rng.choice(('090', '080', '070'))}-{rng.randint(1000, 9999)}-{rng.randint(1000, 9999)}"
    return f"{rng.choice(('03', '06', '045', '052'))}-{rng.randint(100, 9999)}-{rng.randint(1000, 9999)}"


def jp_registration(rng: random.Random) -> str:
    """An 適格請求書 registration number ``T`` + 13 digits with a valid 法人番号 check digit."""
    base = f"{rng.randint(1, 9)}{rng.randint(0, 10**11 - 1):011d}"
    return f"T{jp_corporate_check_digit(base)}{base}"


def en_name(rng: random.Random) -> str:
    return f"{rng.choice(EN_FIRST)} {rng.choice(EN_LAST)}"


def en_company(rng: random.Random) -> str:
    return f"{rng.choice(EN_STEMS)} {rng.choice(EN_KINDS)} {rng.choice(EN_SUFFIXES)}"


def en_address(rng: random.Random) -> str:
    return f"{rng.randint(10, 2999)} {rng.choice(EN_STREETS)}, {rng.choice(EN_CITIES)}"


def en_phone(rng: random.Random) -> str:
    return f"+1 {rng.randint(201, 989)}-555-{rng.randint(1000, 9999)}"


def ko_phone(rng: random.Random, mobile: bool = False) -> str:
    if mobile:
        return f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}"
    return f"{rng.choice(('02', '031', '051', '042'))}-{rng.randint(200, 9999)}-{rng.randint(1000, 9999)}"
