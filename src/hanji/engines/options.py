"""Engine options: one typed record, read once from ``HANJI_*`` variables (listed in the README)."""

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
    detector_side: int = 1280
    """HANJI_PPOCR_DET_SIDE: longer side PP-OCR's detector sees (Chinese pages get 1760)."""
    threads: int = 0
    """HANJI_OCR_THREADS: onnxruntime threads per session; 0: the cores, at most 4."""
    photo_correction: bool = True
    """HANJI_PHOTO_CORRECTION: find the page outline of phone photos and flatten their light."""

    @property
    def resolved_threads(self) -> int:
        return self.threads or max(1, min(4, os.cpu_count() or 1))

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> EngineOptions:
        env = os.environ if env is None else env
        base = cls()
        try:
            return cls(
                tessdata=env.get("HANJI_TESSDATA", base.tessdata),
                detector_side=int(env.get("HANJI_PPOCR_DET_SIDE", base.detector_side)),
                threads=int(env.get("HANJI_OCR_THREADS", base.threads)),
                photo_correction=env.get("HANJI_PHOTO_CORRECTION", "1").lower() not in ("0", "false", "no"),
            )
        except ValueError as exc:
            raise OcrServiceError(f"Invalid engine option: {exc}.") from exc


OPTIONS = EngineOptions.from_env()
"""This process's options (read at import; workers inherit the server's environment)."""
