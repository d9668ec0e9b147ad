"""Text for synthetic Korean document lines: syllables drawn evenly (so rare ones are learnt),
CLDR words from babel, and the numbers, amounts, dates, codes and symbols documents print."""

from __future__ import annotations

import functools
import random
import re
import string
from collections.abc import Callable

from hanji.engines.scripts import ks_x_1001_syllables
from hanji.training.charset import FULL_WIDTH, HANGUL_SYLLABLES, SYMBOLS

BUSINESS_WORDS = [
    "주식회사",
    "유한회사",
    "대표이사",
    "대표자",
    "사업자",
    "등록번호",
    "법인",
    "상호",
    "성명",
    "주소",
    "소재지",
    "본점",
    "지점",
    "업태",
    "업종",
    "종목",
    "도매",
    "소매",
    "서비스",
    "제조",
    "발행일",
    "발급일",
    "공급가액",
    "부가세",
    "세액",
    "합계",
    "금액",
    "단가",
    "수량",
    "품목",
    "규격",
    "비고",
    "영수증",
    "거래명세서",
    "세금계산서",
    "청구서",
    "견적서",
    "납품서",
    "계약서",
    "신청서",
    "확인서",
    "증명서",
    "전화",
    "팩스",
    "이메일",
    "담당자",
    "부서",
    "직위",
    "과장",
    "부장",
    "차장",
    "대리",
    "사원",
    "팀장",
    "이사",
    "상무",
    "전무",
    "사장",
    "회장",
    "고객",
    "번호",
    "카드",
    "승인",
    "할부",
    "일시불",
    "결제",
    "현금",
    "신용",
    "체크",
    "잔액",
    "입금",
    "출금",
    "계좌",
    "은행",
    "지급",
    "수령",
    "서명",
    "날인",
    "인감",
    "도장",
    "주민",
    "생년월일",
    "발급",
    "기관",
    "유효기간",
    "만료",
    "갱신",
    "도로명",
    "지번",
    "특별시",
    "광역시",
    "자치시",
    "도",
    "시",
    "군",
    "구",
    "읍",
    "면",
    "동",
    "리",
    "로",
    "길",
    "번길",
    "아파트",
    "빌딩",
    "타워",
    "센터",
    "상가",
    "층",
    "호",
    "원",
    "원정",
    "일금",
    "개",
    "박스",
    "세트",
    "kg",
    "병",
    "봉",
    "장",
    "건",
    "회",
    "월",
    "일",
    "년",
    "시",
    "분",
    "초",
    "오전",
    "오후",
    "합니다",
    "입니다",
    "드립니다",
    "바랍니다",
    "확인",
    "안내",
    "참고",
    "주의",
    "문의",
    "고객센터",
    "감사",
]
SURNAMES = [
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
    "안",
    "송",
    "류",
    "전",
    "홍",
    "고",
    "문",
    "양",
    "손",
    "배",
    "백",
    "허",
    "유",
    "남",
    "심",
    "노",
    "하",
    "곽",
    "성",
    "차",
    "주",
    "우",
    "구",
    "민",
    "진",
    "나",
    "지",
    "엄",
    "채",
    "원",
    "천",
    "방",
    "공",
    "현",
    "함",
    "변",
    "염",
    "여",
    "추",
    "도",
    "소",
    "석",
    "선",
    "설",
    "마",
    "길",
    "연",
    "위",
    "표",
    "명",
    "기",
    "반",
    "왕",
    "금",
    "옥",
    "육",
    "인",
    "맹",
    "제",
    "모",
    "탁",
    "국",
    "어",
    "은",
    "편",
    "용",
    "예",
    "경",
    "봉",
    "사",
    "부",
    "황보",
    "남궁",
    "제갈",
    "선우",
    "독고",
]


@functools.cache
def cldr_words() -> tuple[str, ...]:
    """Korean words from CLDR (territory, language, currency, script and city names, months)."""
    from babel import Locale
    from babel.localedata import load

    locale = Locale("ko")
    words: set[str] = set()
    for names in (locale.territories, locale.languages, locale.currencies, locale.scripts):
        for name in names.values():
            words.update(name.split())
    for zone in load("ko")["time_zones"].values():
        city = zone.get("city")
        if isinstance(city, str):
            words.update(city.split())
    words.update(locale.months["format"]["wide"].values())
    words.update(locale.days["format"]["wide"].values())
    return tuple(sorted(w for w in words if re.fullmatch(r"[가-힣]+", w)))


@functools.cache
def latin_words() -> tuple[str, ...]:
    from babel import Locale

    words: set[str] = set()
    for names in (Locale("en").territories, Locale("en").languages):
        for name in names.values():
            words.update(w for w in re.split(r"[\s()]+", name) if w.isascii() and w.isalpha())
    return tuple(sorted(words))


def _syllable_word(rng: random.Random, pool: str) -> str:
    return "".join(rng.choice(pool) for _ in range(rng.choice((1, 2, 2, 3, 3, 3, 4, 5))))


def _syllables(rng: random.Random, pool: str) -> str:
    return " ".join(_syllable_word(rng, pool) for _ in range(rng.randint(1, 4)))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def _amount(rng: random.Random) -> str:
    value = f"{rng.randint(1, 10 ** rng.randint(2, 8)):,}"
    return rng.choice((f"{value}원", f"₩{value}", f"￦{value}", f"{value} 원", value, f"일금 {value}원정"))


def _date(rng: random.Random) -> str:
    y, m, d = rng.randint(1960, 2039), rng.randint(1, 12), rng.randint(1, 28)
    return rng.choice((f"{y}년 {m}월 {d}일", f"{y}-{m:02d}-{d:02d}", f"{y}.{m:02d}.{d:02d}", f"{y}/{m}/{d}"))


def _code(rng: random.Random) -> str:
    return rng.choice(
        (
            f"{_digits(rng, 3)}-{_digits(rng, 2)}-{_digits(rng, 5)}",
            f"010-{_digits(rng, 4)}-{_digits(rng, 4)}",
            f"0{rng.randint(2, 64)}-{_digits(rng, 3)}-{_digits(rng, 4)}",
            f"{_digits(rng, 6)}-{_digits(rng, 7)}",
            f"{_digits(rng, 4)}-{_digits(rng, 4)}-{_digits(rng, 4)}-{_digits(rng, 4)}",
            f"{rng.randint(0, 99):02d}:{rng.randint(0, 59):02d}",
            f"{rng.randint(1, 100)}%",
            f"{rng.randint(1, 30)}~{rng.randint(31, 99)}",
        )
    )


def _latin(rng: random.Random) -> str:
    word = rng.choice(latin_words())
    return rng.choice(
        (word, word.upper(), word.lower(), f"{word.lower()}@{rng.choice(latin_words()).lower()}.co.kr")
    )


def _name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(
        rng.choice(ks_x_1001_syllables()) for _ in range(rng.choice((1, 2, 2)))
    )


def _company(rng: random.Random) -> str:
    stem = rng.choice(cldr_words()) if rng.random() < 0.5 else _syllable_word(rng, ks_x_1001_syllables())
    return rng.choice((f"(주){stem}", f"㈜{stem}", f"주식회사 {stem}", f"{stem}(주)", f"{stem} 상사"))


def _words(rng: random.Random) -> str:
    parts: list[str] = []
    for _ in range(rng.randint(1, 4)):
        pick = rng.random()
        if pick < 0.35:
            parts.append(rng.choice(BUSINESS_WORDS))
        elif pick < 0.7:
            parts.append(rng.choice(cldr_words()))
        elif pick < 0.8:
            parts.append(_name(rng))
        elif pick < 0.9:
            parts.append(rng.choice((_amount, _date, _code))(rng))
        else:
            parts.append(_latin(rng))
    return " ".join(parts)


def _field(rng: random.Random) -> str:
    label = rng.choice(BUSINESS_WORDS)
    value = rng.choice((_amount, _date, _code, _name, _company, _words, _latin))(rng)
    return rng.choice(
        (
            f"{label}: {value}",
            f"{label} : {value}",
            f"{label} {value}",
            f"※ {label} {value}",
            f"「{label}」 {value}",
            f"[{label}] {value}",
            f"{label}.{value}",
        )
    )


ENDINGS = ("합니다 됩니다 바랍니다 입니다 드립니다 있습니다 없습니다 하십시오 주세요 않습니다 됩니까").split()  # noqa: SIM905


def _sentence(rng: random.Random) -> str:
    """A notice line as receipts and forms print them, ending in a polite verb and a full stop."""
    words = [
        rng.choice((rng.choice(BUSINESS_WORDS), rng.choice(cldr_words()))) for _ in range(rng.randint(1, 4))
    ]
    particle = rng.choice(("은", "는", "이", "가", "을", "를", "에", "의", "로", "에서", ""))
    end = rng.choice((".", ".", ".", "!", "?", "", ")", "'", '"'))
    return " ".join(words) + particle + " " + rng.choice(ENDINGS) + end


def _masked(rng: random.Random) -> str:
    """Card, phone and resident numbers with masked digits, as receipts print them."""
    stars = "*" * rng.randint(2, 4)
    return rng.choice(
        (
            f"{_digits(rng, 4)}-{_digits(rng, 2)}**-****-{_digits(rng, 4)}",
            f"****-****-****-{_digits(rng, 4)}",
            f"010-{stars}-{_digits(rng, 4)}",
            f"{_digits(rng, 6)}-{rng.randint(1, 4)}******",
            f"{rng.choice(BUSINESS_WORDS)} {_digits(rng, 4)}-****-****-{_digits(rng, 4)}",
            f"{_name(rng)[0]}*{_name(rng)[-1]}",
        )
    )


def _punctuated(rng: random.Random) -> str:
    """Latin, digits and ASCII punctuation in the places documents use them."""
    word = rng.choice(latin_words())
    return rng.choice(
        (
            f"www.{word.lower()}.co.kr",
            f"https://{word.lower()}.com/{_digits(rng, 3)}",
            f"No.{_digits(rng, 4)}",
            f"#{_digits(rng, 3)} {word}",
            f"{word.upper()}-{_digits(rng, 3)}_{rng.choice(string.ascii_uppercase)}",
            f"{rng.randint(1, 99)}.{_digits(rng, 2)}%",
            f"({rng.choice(BUSINESS_WORDS)}) {_amount(rng)}",
            f"[{word}] {_date(rng)} {_code(rng)}",
            f"{word}, {rng.choice(latin_words())}; {rng.choice(latin_words()).lower()}!",
            f"Q&A {rng.choice(BUSINESS_WORDS)} = {rng.randint(1, 99)} + {rng.randint(1, 99)}",
            f"{rng.choice(BUSINESS_WORDS)}/{rng.choice(BUSINESS_WORDS)} | {_digits(rng, 5)}",
        )
    )


def _symbols(rng: random.Random) -> str:
    text = _words(rng)
    mark = rng.choice(SYMBOLS)
    return rng.choice((f"{mark} {text}", f"{text} {mark}", f"{mark}{text}"))


def _full_width(rng: random.Random) -> str:
    return "".join(rng.choice(FULL_WIDTH) for _ in range(rng.randint(1, 6))) + " " + _words(rng)


KINDS: tuple[tuple[float, Callable[[random.Random], str]], ...] = (
    (0.20, lambda rng: _syllables(rng, ks_x_1001_syllables())),
    (0.08, lambda rng: _syllables(rng, HANGUL_SYLLABLES)),
    (0.18, _words),
    (0.14, _field),
    (0.10, _sentence),
    (0.06, _masked),
    (0.08, _punctuated),
    (0.05, _company),
    (0.05, lambda rng: " ".join(_latin(rng) for _ in range(rng.randint(1, 4)))),
    (0.04, _symbols),
    (0.02, _full_width),
)


LABEL_FORMS = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0xFFE6: ord("₩")}
"""Full-width forms are drawn as printed but labelled as their ASCII (and ￦ as ₩): the shapes
differ only in spacing, and Hanji answers the ASCII forms (:mod:`hanji.engines.korean`)."""


def label_of(text: str) -> str:
    """What the recogniser is taught to read for drawn ``text``."""
    return text.translate(LABEL_FORMS)


def sample_line(rng: random.Random, max_chars: int = 24) -> str:
    """One line of text, at most ``max_chars`` characters, never blank."""
    weights = [w for w, _ in KINDS]
    while True:
        make = rng.choices([k for _, k in KINDS], weights)[0]
        text = re.sub(r"\s+", " ", make(rng)).strip()[:max_chars].strip()
        if text:
            return text
