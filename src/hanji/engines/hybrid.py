"""PP-OCR's detector with per-line script routing between PP-OCR's and Tesseract's recognisers.

PP-OCR's recogniser has no Hangul in its dictionary, Tesseract ``kor`` reads clean Hangul lines
almost perfectly, and PP-OCR reads Latin, digits, Hanja and kana better than Tesseract. So when
Korean is requested each detected line is read by Tesseract ``kor`` first and kept when that
reading holds Hangul; the other lines go to PP-OCR's recogniser in one batch. Without Korean every
line goes to PP-OCR.
"""

from __future__ import annotations

from collections.abc import Sequence

from hanji.core.geometry import Quad
from hanji.core.result import Line, Page
from hanji.engines.base import RgbImage, check_image
from hanji.engines.orientation import read_upright
from hanji.engines.ppocr import (
    MIN_CONFIDENCE,
    detect_lines,
    detect_side,
    line_crop,
    ppocr_models,
    rapidocr_installed,
    to_bgr,
)
from hanji.engines.reading_order import order_lines
from hanji.engines.scripts import cjk_share, hangul_share, korean_words
from hanji.engines.tesseract import TesseractEngine, line_from_words, read_lines
from hanji.engines.words import line_from_text

HANGUL_LINE_SHARE = 0.2
"""A Tesseract reading with at least this share of Hangul marks a Korean line."""
KOREAN_MIN_CONFIDENCE = 0.6
"""Below this mean confidence a Tesseract ``kor`` reading yields to a confident PP-OCR reading in kana
or Han: on Japanese/Chinese lines ``kor`` still emits Hangul, at 0.09-0.54 confidence, while PP-OCR
reads them at >= 0.96 (rendered ja/zh pages). Korean lines with digits can dip to 0.38, but PP-OCR
then reads digits, not kana/Han, so they stay with Tesseract."""
CJK_LINE_SHARE = 0.5
LATIN_LINE_SHARE = 0.6
PPOCR_SURE = 0.9


class HybridEngine:
    """PP-OCR detection; Tesseract recognition for Hangul lines, PP-OCR recognition for the rest."""

    name = "hybrid"

    def is_available(self) -> bool:
        return rapidocr_installed() and TesseractEngine().is_available()

    def read(self, image: RgbImage, languages: Sequence[str]) -> Page:
        check_image(image)
        side = detect_side(languages)
        return read_upright(
            image,
            languages,
            lambda upright, found: self._read_upright(upright, found, languages, side),
            lambda page: detect_lines(page, side),
        )

    def _read_upright(
        self, image: RgbImage, found: list[Quad] | None, languages: Sequence[str], side: int
    ) -> list[Line]:
        models = ppocr_models()
        bgr = to_bgr(image)
        if found is None:
            found = detect_lines(image, side)
        lines: dict[int, Line] = {}
        unsure: dict[int, bool] = {}
        """Doubtful Korean readings -> whether they hold a confidently read Hangul word."""
        if "ko" in languages:
            # Tesseract first: PP-OCR then reads only the lines that hold no Hangul.
            # ``kor`` alone: its unicharset has Latin and digits, and ``+eng`` turns short Hangul crops Latin.
            crops = [line_crop(image, quad) for quad in found]
            for k, (quad, read) in enumerate(zip(found, read_lines(crops, "kor"), strict=True)):
                words = korean_words(read, quad.width / max(quad.height, 1.0))
                if hangul_share("".join(w[0] for w in words)) >= HANGUL_LINE_SHARE:
                    line = line_from_words(quad, words, "tesseract")
                    if line is not None:
                        lines[k] = line
                        if _mean_confidence(words) < KOREAN_MIN_CONFIDENCE:
                            unsure[k] = any(
                                conf >= KOREAN_MIN_CONFIDENCE and hangul_share(text) > 0
                                for text, conf, _, _ in words
                            )
        rest = [k for k in range(len(found)) if k not in lines or k in unsure]
        readings = models.recognize([line_crop(bgr, found[k]) for k in rest])
        for k, (text, conf) in zip(rest, readings, strict=True):
            if k in unsure and not (conf >= PPOCR_SURE and _not_korean(text, latin_ok=not unsure[k])):
                continue  # a doubtful Korean reading still beats PP-OCR, which has no Hangul
            line = line_from_text(found[k], text, conf, "ppocr") if conf >= MIN_CONFIDENCE else None
            if line is not None:
                lines[k] = line
        return order_lines([lines[k] for k in sorted(lines)])


def _mean_confidence(words: Sequence[tuple[str, float, float, float]]) -> float:
    """Character-weighted mean confidence of a line's words (0 for none)."""
    chars = sum(len(w[0]) for w in words)
    return sum(len(w[0]) * w[1] for w in words) / chars if chars else 0.0


def _not_korean(ppocr_text: str, *, latin_ok: bool) -> bool:
    """A PP-OCR reading that is mostly kana/Han, or (``latin_ok``) mostly Latin letters, is a line of
    another script (``kor`` turns "RESIDENCE CARD" into Hangul noise); on real Hangul PP-OCR yields
    digits or scraps. Latin wins only where Tesseract read no Hangul word with confidence, since
    PP-OCR would silently drop the Hangul of a mixed line such as "성명 HONG GILDONG"."""
    if cjk_share(ppocr_text) >= CJK_LINE_SHARE:
        return True
    if not latin_ok:
        return False
    chars = [c for c in ppocr_text if not c.isspace()]
    latin = sum(c.isascii() and c.isalpha() for c in chars)
    return bool(chars) and latin / len(chars) >= LATIN_LINE_SHARE
