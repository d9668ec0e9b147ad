"""The Korean recogniser's character table: every Hangul syllable, jamo, ASCII, and the symbols,
punctuation and full-width forms Korean business documents print."""

from __future__ import annotations

import functools

HANGUL_SYLLABLES = "".join(chr(c) for c in range(0xAC00, 0xD7A4))
"""All 11,172 modern syllables."""
COMPAT_JAMO = "".join(chr(c) for c in range(0x3131, 0x3164))
ASCII = "".join(chr(c) for c in range(0x21, 0x7F))
FULL_WIDTH = "".join(chr(c) for c in range(0xFF01, 0xFF5F))
SYMBOLS = (
    "₩㈜※·「」『』〈〉《》【】〔〕～…‘’“”°℃㎡㎏㎎㎜㎝㎞㎖㎗㎘㎥×÷±→←↑↓↔○●◎□■△▲▽▼◇◆☆★♡♥☎☏℡№"
    "①②③④⑤⑥⑦⑧⑨⑩㉠㉡㉢㉣㉤㉮㉯㉰㉱㈀㈁㈂ⅠⅡⅢⅣⅤ、。・￦"
)


@functools.cache
def characters() -> tuple[str, ...]:
    """The CTC classes after the blank, in a fixed order; the last one is the space."""
    seen: dict[str, None] = {}
    for text in (HANGUL_SYLLABLES, COMPAT_JAMO, ASCII, FULL_WIDTH, SYMBOLS):
        for ch in text:
            seen.setdefault(ch, None)
    return (*seen, " ")


@functools.cache
def index() -> dict[str, int]:
    """Character -> CTC class (0 is the blank)."""
    return {ch: k + 1 for k, ch in enumerate(characters())}
