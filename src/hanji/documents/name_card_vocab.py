"""What business cards print: contact labels, company suffixes, position and department words.

Kept apart from the extractor so the word lists (which grow with every new card style) can be read
and extended without touching the layout logic. Longer alternatives come first so that ``Email``
wins over ``E`` and ``代表取締役`` over ``取締役``.
"""

from __future__ import annotations

import re


def _alternation(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Label before a phone number → field. Single letters only count right before the number.
PHONE_LABELS: dict[str, tuple[str, ...]] = {
    "mobile": (
        "Mobile",
        "Mob",
        "Cell",
        "HP",
        "H.P",
        "H.P.",
        "M",
        "C",
        "携帯",
        "携带",
        "携帯電話",
        "휴대폰",
        "휴대전화",
        "핸드폰",
        "모바일",
    ),
    "fax": ("Fax", "FAX", "F", "ファックス", "팩스"),
    "tel": (
        "Tel",
        "TEL",
        "Phone",
        "Office",
        "Direct",
        "T",
        "P",
        "D",
        "電話",
        "代表",
        "直通",
        "전화",
        "대표전화",
        "사무실",
    ),
}
PHONE_LABEL = re.compile(
    r"(?P<label>" + _alternation(tuple(w for ws in PHONE_LABELS.values() for w in ws)) + r")\s*[.:：]?\s*$",
    re.I,
)
PHONE = re.compile(r"(?<![\d@.])\+?\(?\d[\d\s().\-]{6,}\d(?![\d@])")
EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
EMAIL_LABEL = re.compile(r"^(?:e-?mail|mail|メール|이메일)\s*[.:：]?\s*", re.I)
URL = re.compile(r"(?:https?://)?(?:www\.)?[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+(?:/[\w\-./]*)?")
URL_LABEL = re.compile(r"(?:URL|Web|Website|Homepage|HP|홈페이지|웹)\s*[.:：]?\s*$", re.I)
ADDRESS_LABEL = re.compile(r"^(?:Address|Add|Addr|주소|住所)\s*[.:：]?\s*", re.I)
ZIP = re.compile(r"^(?:〒?\s*\d{3}\s*-\s*\d{4}|\(?\d{5}\)?(?=\s+\D))\s*")

COMPANY = re.compile(
    r"\(\s*[주유株有]\s*\)|㈜|㈱|주식회사|유한회사|株式会社|有限会社|合同会社"
    r"|\b(?:Inc|Co|Ltd|LLC|Corp|Corporation|Company|GmbH|Limited|PLC)\b\.?",
    re.I,
)
POSITIONS = (
    "대표이사",
    "대표",
    "회장",
    "사장",
    "부사장",
    "전무",
    "상무",
    "이사",
    "본부장",
    "실장",
    "부장",
    "차장",
    "과장",
    "팀장",
    "대리",
    "주임",
    "사원",
    "연구원",
    "선임연구원",
    "책임연구원",
    "수석연구원",
    "매니저",
    "代表取締役",
    "代表取締役社長",
    "取締役",
    "社長",
    "副社長",
    "専務",
    "常務",
    "部長",
    "次長",
    "課長",
    "課長代理",
    "係長",
    "主任",
    "室長",
    "所長",
    "マネージャー",
    "CEO",
    "CTO",
    "CFO",
    "COO",
    "President",
    "Vice President",
    "Director",
    "Manager",
    "Sales Manager",
    "Product Manager",
    "General Manager",
    "Engineer",
    "Senior Engineer",
    "Consultant",
    "Partner",
    "Chief Executive Officer",
    "Chief Technology Officer",
    "Founder",
    "Associate",
    "Specialist",
)
POSITION = re.compile(
    r"(?:(?:Senior|Junior|Lead|Chief|Head|Assistant|Associate)\s+)?(?:" + _alternation(POSITIONS) + r")\s*$"
)
DEPARTMENT = re.compile(
    r"(?:팀|본부|사업부|연구소|센터|부|실|部|課|本部|室|事業部|センター|グループ"
    r"|Department|Dept\.?|Division|Team|Group|Office|Lab)\s*$",
    re.I,
)
ADDRESS = re.compile(
    r"〒|[都道府県].{0,6}?[市区町村郡]|(?:특별시|광역시|[도시])\s*\S+[구군시]\s|\S+[로길]\s*\d"
    r"|\b(?:Street|St\.|Avenue|Ave\.?|Road|Rd\.|Boulevard|Blvd\.?|Suite|Floor)\b|,\s*[A-Z]{2}\s+\d{5}",
)
