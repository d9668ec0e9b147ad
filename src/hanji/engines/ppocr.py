"""PP-OCRv6 (the ONNX models inside the ``rapidocr`` wheel): detector, recogniser, 180° classifier.

One :class:`PpOcrModels` per process holds the three onnxruntime sessions; the ``ppocr`` engine,
the ``hybrid`` engine and orientation detection all share it.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from hanji.core.errors import OcrServiceError
from hanji.core.geometry import Quad
from hanji.core.result import Line, Page
from hanji.engines.base import RgbImage, check_image
from hanji.engines.orientation import read_upright
from hanji.engines.reading_order import order_lines
from hanji.engines.transform import crop_quad
from hanji.engines.words import line_from_text

DETECT_MAX_SIDE = int(os.environ.get("HANJI_PPOCR_DET_SIDE", "1280"))
"""Longer side the detector sees: an A4 scan at 150 dpi is read at full size, photos are shrunk."""


class PpOcrModels:
    """The three PP-OCR sessions; build once per process via :func:`ppocr_models`."""

    def __init__(self, det_max_side: int = DETECT_MAX_SIDE) -> None:
        try:
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - packaging problem
            raise OcrServiceError("rapidocr is not installed.") from exc
        threads = max(1, min(4, os.cpu_count() or 1))
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Det.limit_type": "max",
            "Det.limit_side_len": det_max_side,
            "Rec.rec_batch_num": 8,
            "EngineConfig.onnxruntime.intra_op_num_threads": threads,
            "EngineConfig.onnxruntime.inter_op_num_threads": 1,
        }
        self._ocr = RapidOCR(params=params)
        self._det = self._ocr._load_det_model()  # type: ignore[no-untyped-call]
        self._rec = self._ocr._load_rec_model()  # type: ignore[no-untyped-call]
        self._cls: Any = None

    def detect(self, bgr: np.ndarray[Any, Any]) -> list[tuple[Quad, float]]:
        """Find text lines; quads in ``bgr``'s pixels, top to bottom as the detector sorts them."""
        out = self._det(bgr)
        if out.boxes is None:
            return []
        scores = out.scores if out.scores is not None else [1.0] * len(out.boxes)
        return [
            (Quad.from_sequence(box.tolist()), float(s)) for box, s in zip(out.boxes, scores, strict=True)
        ]

    def recognize(self, crops: Sequence[np.ndarray[Any, Any]]) -> list[tuple[str, float]]:
        """Read BGR line crops (horizontal strips); return ``(text, confidence)`` per crop."""
        if not crops:
            return []
        from rapidocr.ch_ppocr_rec import TextRecInput

        out = self._rec(TextRecInput(img=list(crops)))
        txts = out.txts or ("",) * len(crops)
        scores = out.scores or (0.0,) * len(crops)
        return [(str(t), float(s)) for t, s in zip(txts, scores, strict=True)]

    def upside_down(self, crops: Sequence[np.ndarray[Any, Any]]) -> list[float]:
        """Probability that each BGR line crop is upside down (the 0/180 classifier)."""
        if not crops:
            return []
        if self._cls is None:
            self._cls = self._ocr._load_cls_model()  # type: ignore[no-untyped-call]
        res = self._cls(list(crops)).cls_res or []
        return [float(score) if label == "180" else 1.0 - float(score) for label, score in res]


@functools.cache
def ppocr_models() -> PpOcrModels:
    """The process-wide PP-OCR sessions (built on first use)."""
    return PpOcrModels()


def rapidocr_installed() -> bool:
    """True when the ``rapidocr`` wheel (with its bundled models) can be imported."""
    return importlib.util.find_spec("rapidocr") is not None


def to_bgr(image: RgbImage) -> np.ndarray[Any, Any]:
    """RGB to the BGR order PP-OCR's models were trained on."""
    return np.ascontiguousarray(image[:, :, ::-1])


def line_crop(bgr: np.ndarray[Any, Any], quad: Quad) -> np.ndarray[Any, Any]:
    """Crop a line for the recogniser; tall crops (vertical text) are laid on their side."""
    crop = crop_quad(bgr, quad)
    if crop.shape[0] >= 1.5 * crop.shape[1]:
        crop = np.ascontiguousarray(np.rot90(crop))
    return crop


class PpOcrEngine:
    """PP-OCRv6 detection + recognition; strong on Chinese, Japanese and English, blind to Hangul."""

    name = "ppocr"

    def is_available(self) -> bool:
        return rapidocr_installed()

    def read(self, image: RgbImage, languages: Sequence[str]) -> Page:
        check_image(image)
        return read_upright(image, languages, self._read_upright)

    def _read_upright(self, image: RgbImage) -> list[Line]:
        models = ppocr_models()
        bgr = to_bgr(image)
        found = models.detect(bgr)
        crops = [line_crop(bgr, q) for q, _ in found]
        lines: list[Line] = []
        for (quad, _), (text, conf) in zip(found, models.recognize(crops), strict=True):
            line = line_from_text(quad, text, conf, self.name)
            if line is not None and conf >= MIN_CONFIDENCE:
                lines.append(line)
        return order_lines(lines)


MIN_CONFIDENCE = 0.5
"""Below this PP-OCR's reading is usually noise (rapidocr's own default ``text_score``)."""
