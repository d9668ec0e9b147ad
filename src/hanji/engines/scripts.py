"""Which writing system a text is in, and the Tesseract language packs for Hanji's codes."""

from __future__ import annotations

import functools
from collections.abc import Sequence

TESSERACT_LANGS: dict[str, str] = {
    "ko": "kor",
    "ja": "jpn",
    "zh-TW": "chi_tra",
    "zh-CN": "chi_sim",
    "en": "eng",
}


def tesseract_lang_string(languages: Sequence[str]) -> str:
    """Map Hanji codes to a Tesseract ``lang`` value such as ``"kor+eng"`` (English always last)."""
    packs = [TESSERACT_LANGS[code] for code in languages if code in TESSERACT_LANGS and code != "en"]
    packs = list(dict.fromkeys(packs))
    return "+".join([*packs, "eng"])


def is_hangul(ch: str) -> bool:
    """True for Hangul syllables and jamo (the letters PP-OCR's dictionary lacks)."""
    o = ord(ch)
    return 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F


def is_syllable(ch: str) -> bool:
    """True for precomposed Hangul syllables (a lone jamo is more often noise than a letter)."""
    return 0xAC00 <= ord(ch) <= 0xD7A3


@functools.cache
def ks_x_1001_syllables() -> str:
    """The 2,350 syllables of KS X 1001 (EUC-KR rows 0xB0-0xC8), in code order: the set nearly every
    Korean document draws on (the other 8,822 modern syllables are names' and slang's rarities)."""
    out = []
    for lead in range(0xB0, 0xC9):
        for trail in range(0xA1, 0xFF):
            try:
                out.append(bytes((lead, trail)).decode("euc-kr"))
            except UnicodeDecodeError:
                continue
    return "".join(out)


def is_kana(ch: str) -> bool:
    """True for hiragana and katakana."""
    o = ord(ch)
    return 0x3040 <= o <= 0x30FF or 0x31F0 <= o <= 0x31FF


def is_han(ch: str) -> bool:
    """True for CJK ideographs (Hanja, kanji, hanzi), extension A and compatibility blocks included."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF


def cjk_share(text: str) -> float:
    """Fraction of the non-space characters of ``text`` that are kana or Han (0 for empty text)."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return 0.0
    return sum(is_kana(c) or is_han(c) for c in chars) / len(chars)
