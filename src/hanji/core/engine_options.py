"""OCR engine options: one typed record, read from ``HANJI_*`` variables (listed in the README).

It lives in ``core`` so that the settings (``hanji.config``) hold it and the engines read it,
without either importing the other.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from hanji.core.errors import OcrServiceError


@dataclass(frozen=True)
class EngineOptions:
    """How the OCR backends are set up in this process."""

    tessdata: str = "/usr/share/tesseract-ocr/5/tessdata"
    """HANJI_TESSDATA: Tesseract's language data (Debian's packs; tesserocr ships none)."""
    detector_side: int = 960
    """HANJI_PPOCR_DET_SIDE: longer side PP-OCR's detector sees (Chinese pages get 1760; pages whose
    lines come out small at this side are detected again larger)."""
    threads: int = 0
    """HANJI_OCR_THREADS: onnxruntime threads per session; 0: the cores, at most 4."""
    photo_correction: bool = True
    """HANJI_PHOTO_CORRECTION: find the page outline of phone photos and flatten their light."""
    hangul_recognizer: str = "tesseract-kor|hanji-korean"
    """HANJI_HANGUL_RECOGNIZER: the line recogniser that reads Hangul (a name in the engines' registry)."""
    pdf_font: str = ""
    """HANJI_PDF_FONT: the CJK font a searchable PDF's text layer embeds (default: Noto Sans CJK)."""

    @property
    def resolved_threads(self) -> int:
        return self.threads or max(1, min(4, os.cpu_count() or 1))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EngineOptions:
        env = os.environ if env is None else env
        base = cls()
        try:
            options = cls(
                tessdata=env.get("HANJI_TESSDATA", base.tessdata),
                detector_side=int(env.get("HANJI_PPOCR_DET_SIDE", base.detector_side)),
                threads=int(env.get("HANJI_OCR_THREADS", base.threads)),
                photo_correction=env.get("HANJI_PHOTO_CORRECTION", "1").lower() not in ("0", "false", "no"),
                hangul_recognizer=env.get("HANJI_HANGUL_RECOGNIZER", base.hangul_recognizer),
                pdf_font=env.get("HANJI_PDF_FONT", base.pdf_font),
            )
        except ValueError as exc:
            raise OcrServiceError(f"Invalid engine option: {exc}.") from exc
        if not 320 <= options.detector_side <= 4096:
            raise OcrServiceError("HANJI_PPOCR_DET_SIDE must be between 320 and 4096.")
        if not 0 <= options.threads <= 64:
            raise OcrServiceError("HANJI_OCR_THREADS must be between 0 (one per core) and 64.")
        return options


ENGINE_VARIABLES = (
    "HANJI_TESSDATA",
    "HANJI_PPOCR_DET_SIDE",
    "HANJI_OCR_THREADS",
    "HANJI_PHOTO_CORRECTION",
    "HANJI_PDF_FONT",
    "HANJI_HANGUL_RECOGNIZER",
)
