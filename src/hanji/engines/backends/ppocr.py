"""PP-OCRv6 (the ONNX models inside the ``rapidocr`` wheel): detector, recogniser, 0/180 classifier.

One :class:`PpOcrModels` per process holds the three onnxruntime sessions. Detection and the
classifier run through rapidocr's pre/post-processing; recognition is decoded here (greedy CTC
over the model's own character table), which gives each character's position on its crop, so
word boxes are where the words are rather than a share of the line by character count.
"""

from __future__ import annotations

import functools
import importlib.util
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from hanji.core.errors import OcrServiceError
from hanji.core.geometry import Quad
from hanji.engines.backends.ctc import recognize_bgr
from hanji.engines.backends.onnx import onnx_session
from hanji.engines.base import RgbImage
from hanji.engines.options import OPTIONS
from hanji.engines.stages import Reading

MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
"""The models inside the rapidocr wheel that rapidocr's default config names."""


def to_bgr(image: RgbImage) -> np.ndarray[Any, Any]:
    """RGB to the BGR order PP-OCR's models were trained on."""
    return np.ascontiguousarray(image[:, :, ::-1])


class PpOcrModels:
    """The three PP-OCR sessions; build once per process via :func:`ppocr_models`."""

    def __init__(
        self, det_max_side: int = OPTIONS.detector_side, threads: int = OPTIONS.resolved_threads
    ) -> None:
        try:
            from omegaconf import flag_override
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - packaging problem
            raise OcrServiceError("rapidocr is not installed.") from exc
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Det.limit_type": "max",
            "Det.limit_side_len": det_max_side,
        }
        self._ocr = RapidOCR(params=params)
        self._det_max_side = det_max_side
        models = Path(str(self._ocr.cfg.Global.model_root_dir))
        sessions = {part: onnx_session(models / file, threads) for part, file in MODEL_FILES.items()}
        with flag_override(self._ocr.cfg, "allow_objects", True):
            for part in ("Det", "Cls"):
                self._ocr.cfg[part].session = sessions[part]
        self._det = self._ocr._load_det_model()  # type: ignore[no-untyped-call]
        # float32 normalisation constants: rapidocr's float64 ones make it normalise the page in
        # float64, twice the time of the float32 result the model takes anyway.
        self._det.mean = np.asarray(self._det.mean or [0.5] * 3, np.float32)
        self._det.std = np.asarray(self._det.std or [0.5] * 3, np.float32)
        self._rec = sessions["Rec"]
        self._rec_input = self._rec.get_inputs()[0].name
        table = self._rec.get_modelmeta().custom_metadata_map.get("character")
        if not table:
            raise OcrServiceError("PP-OCR's recogniser has no character table in its metadata.")
        # CTC index 0 is the blank; the model's table follows, then the space.
        self._chars: list[str] = ["", *table.splitlines(), " "]
        self._cls: Any = None

    def detect(self, bgr: np.ndarray[Any, Any], max_side: int | None = None) -> list[tuple[Quad, float]]:
        """Find text lines; quads in ``bgr``'s pixels, top to bottom as the detector sorts them."""
        self._det.limit_side_len = max_side or self._det_max_side
        out = self._det(bgr)
        if out.boxes is None:
            return []
        scores = out.scores if out.scores is not None else [1.0] * len(out.boxes)
        return [
            (Quad.from_sequence(box.tolist()), float(s)) for box, s in zip(out.boxes, scores, strict=True)
        ]

    def recognize(self, crops: Sequence[np.ndarray[Any, Any]]) -> list[Reading]:
        """Read BGR line crops (horizontal strips), with each character's position."""
        return recognize_bgr(self._rec, self._chars, crops, "ppocr")

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


class PpOcrDetector:
    """PP-OCR's DB line detector."""

    name = "ppocr"

    def detect(self, image: RgbImage, max_side: int | None = None) -> list[Quad]:
        return [q for q, _ in ppocr_models().detect(to_bgr(image), max_side)]


class PpOcrRecognizer:
    """PP-OCR's line recogniser: Han, kana, Latin, digits; no Hangul in its table."""

    name = "ppocr"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        return ppocr_models().recognize([to_bgr(c) for c in crops])


class PpOcrClassifier:
    """PP-OCR's 0/180 line classifier."""

    name = "ppocr"

    def upside_down(self, crops: Sequence[RgbImage]) -> list[float]:
        return ppocr_models().upside_down([to_bgr(c) for c in crops])
