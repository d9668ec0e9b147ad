"""Hanji's own Korean line recogniser (``engines/models/korean_rec.onnx``): PP-OCRv6's backbone with
a head trained here on every Hangul syllable, Latin, digits and Korean document symbols.

Trained by ``hanji train recognizer``; the file's sha256 is checked against the manifest on load.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from hanji.core.errors import OcrServiceError
from hanji.core.model_files import ModelIntegrityError, verify_model
from hanji.engines.backends.ctc import recognize_bgr
from hanji.engines.backends.onnx import onnx_session
from hanji.engines.base import RgbImage
from hanji.engines.options import OPTIONS
from hanji.engines.stages import Reading

MODEL = Path(__file__).resolve().parents[1] / "models" / "korean_rec.onnx"
CHARACTERS_KEY = "hanji.characters"
"""Model metadata: the CTC classes after the blank, as a JSON list."""


class KoreanModel:
    """The verified model and its character table; one per process via :func:`korean_model`."""

    def __init__(self, path: Path = MODEL, threads: int = OPTIONS.resolved_threads) -> None:
        try:
            verify_model(path, "retrain with `hanji train recognizer`")
        except ModelIntegrityError as exc:
            raise OcrServiceError(f"The Korean recogniser cannot be used: {exc}.") from exc
        self.session = onnx_session(path, threads)
        table = self.session.get_modelmeta().custom_metadata_map.get(CHARACTERS_KEY)
        if not table:
            raise OcrServiceError(f"{path.name} has no character table in its metadata.")
        self.chars: list[str] = ["", *json.loads(table)]

    def recognize_bgr(self, crops: Sequence[Any]) -> list[Reading]:
        return recognize_bgr(self.session, self.chars, crops, KoreanRecognizer.name)


@functools.cache
def korean_model() -> KoreanModel:
    return KoreanModel()


def korean_model_shipped() -> bool:
    return MODEL.is_file()


class KoreanRecognizer:
    """Reads Korean document lines: Hangul (all 11,172 syllables), Latin, digits, symbols."""

    name = "hanji-korean"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        import numpy as np

        return korean_model().recognize_bgr([np.ascontiguousarray(c[:, :, ::-1]) for c in crops])
