"""Hanji's default OCR path: per language, the engine that measured best on ``data/``.

See ``benchmarks/RESULTS.md`` for the numbers behind :data:`DEFAULT_ENGINE_BY_LANGUAGE`.
"""

from __future__ import annotations

from collections.abc import Sequence

from hanji.core.result import Page
from hanji.engines.base import RgbImage
from hanji.engines.registry import get_engine

DEFAULT_ENGINE_BY_LANGUAGE: dict[str, str] = {
    # Hangul needs Tesseract's recogniser; hybrid halves Tesseract's CER on rendered/ko.
    "ko": "hybrid",
    # Without Korean, hybrid's path is exactly PP-OCR's (same detector, same recogniser), so the
    # plain engine is used: same accuracy, no Tesseract session held in memory.
    "ja": "ppocr",
    "zh-TW": "ppocr",
    "zh-CN": "ppocr",
    "en": "ppocr",
}
"""Engine per requested language; the first listed language that is here decides."""

FALLBACK_ENGINE = "ppocr"


def default_engine_name(languages: Sequence[str]) -> str:
    """The engine the default path uses for a language list (Korean wins: it needs Tesseract)."""
    if "ko" in languages:
        return DEFAULT_ENGINE_BY_LANGUAGE["ko"]
    for code in languages:
        if code in DEFAULT_ENGINE_BY_LANGUAGE:
            return DEFAULT_ENGINE_BY_LANGUAGE[code]
    return FALLBACK_ENGINE


def warm_up(languages: Sequence[str] = ("ko", "en")) -> None:
    """Build the default path's engines for ``languages`` and run a tiny image through each stage.

    Call once per worker process before the first request, so that request does not pay for
    loading models (seconds). Nothing is kept from the warm-up image.
    """
    from hanji.engines.registry import warm_stages

    names = {default_engine_name([code]) for code in (list(languages) or ["en"])}
    for name in names:
        get_engine(name)
    warm_stages(hangul="hybrid" in names)


def recognize(image: RgbImage, languages: Sequence[str], engine: str | None = None) -> Page:
    """Read one page image with the named engine, or with the best measured one for ``languages``.

    Args:
        image: ``(height, width, 3)`` uint8 RGB array.
        languages: Hanji language codes (``"ko"``, ``"ja"``, ``"zh-TW"``, ``"zh-CN"``, ``"en"``).
        engine: A registry name to force an engine; None picks by language.

    Returns:
        The page (index 0) with lines in reading order and boxes in ``image``'s pixels.

    Raises:
        OcrServiceError: the engine is unknown, not installed, or failed.
    """
    name = engine or default_engine_name(languages)
    return get_engine(name).read(image, list(languages) or ["en"])
