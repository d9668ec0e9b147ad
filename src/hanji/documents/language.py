"""Guess a page's main language from its scripts, as CLOVA's ``meta.estimatedLanguage`` reports it."""

from __future__ import annotations

from hanji.core.result import Page


def estimate_language(page: Page) -> str:
    """``ko``, ``ja``, ``zh-TW`` or ``en`` by counting Hangul, kana and Han characters.

    Kana decides Japanese even when Han characters outnumber it (Japanese mixes both).
    """
    hangul = kana = han = latin = 0
    for ch in page.text:
        o = ord(ch)
        if 0xAC00 <= o <= 0xD7A3 or 0x1100 <= o <= 0x11FF or 0x3130 <= o <= 0x318F:
            hangul += 1
        elif 0x3040 <= o <= 0x30FF:
            kana += 1
        elif 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF:
            han += 1
        elif ch.isascii() and ch.isalpha():
            latin += 1
    if hangul and hangul >= max(kana, han):
        return "ko"
    if kana and kana * 10 >= han:
        return "ja"
    if han:
        return "zh-TW"
    return "en" if latin or not hangul else "ko"
