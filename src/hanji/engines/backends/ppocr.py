"""PP-OCRv6 (the ONNX models inside the ``rapidocr`` wheel): detector, recogniser, 0/180 classifier.

One :class:`PpOcrModels` per process holds the three onnxruntime sessions. Detection and the
classifier run through rapidocr's pre/post-processing; recognition is decoded here (greedy CTC
over the model's own character table), which gives each character's position on its crop, so
word boxes are where the words are rather than a share of the line by character count.
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import cv2
import numpy as np

from hanji.core.errors import OcrServiceError
from hanji.core.geometry import Quad
from hanji.engines.backends.onnx import onnx_session
from hanji.engines.base import RgbImage
from hanji.engines.options import OPTIONS
from hanji.engines.stages import Glyph, Reading, SpanWord

REC_BATCH = 8
"""Line crops per recogniser call; crops are sorted by width first, so batches pad little."""
REC_HEIGHT = 48
REC_MIN_WIDTH = 96
"""The recogniser's input: 48 px high, at least 320 px wide (PP-OCR's training shape)."""

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
        readings: list[Reading] = [Reading(())] * len(crops)
        order = sorted(range(len(crops)), key=lambda k: crops[k].shape[1] / max(crops[k].shape[0], 1))
        for begin in range(0, len(order), REC_BATCH):
            batch = order[begin : begin + REC_BATCH]
            ratio = max(
                max(crops[k].shape[1] / max(crops[k].shape[0], 1) for k in batch), REC_MIN_WIDTH / REC_HEIGHT
            )
            width = math.ceil(REC_HEIGHT * ratio)
            tensor = np.zeros((len(batch), 3, REC_HEIGHT, width), np.float32)
            used: list[int] = []
            for row, k in enumerate(batch):
                crop = crops[k]
                w = min(width, max(1, math.ceil(REC_HEIGHT * crop.shape[1] / max(crop.shape[0], 1))))
                resized = cv2.resize(crop, (w, REC_HEIGHT)).astype(np.float32)
                tensor[row, :, :, :w] = resized.transpose(2, 0, 1) / 127.5 - 1.0
                used.append(w)
            probs = self._rec.run(None, {self._rec_input: tensor})[0]
            for row, k in enumerate(batch):
                readings[k] = self._decode(probs[row], used[row] / width)
        return readings

    def _decode(self, probs: np.ndarray[Any, Any], used_share: float) -> Reading:
        """Greedy CTC decoding; a character sits at the centre of its run of frames."""
        frames = probs.shape[0]
        best = probs.argmax(axis=1)
        conf = probs.max(axis=1)
        runs: list[tuple[int, float, float]] = []  # (char index, centre frame, confidence)
        t = 0
        while t < frames:
            k = int(best[t])
            end = t
            while end + 1 < frames and best[end + 1] == k:
                end += 1
            if k != 0 and k < len(self._chars):
                runs.append((k, (t + end + 1) / 2, float(conf[t : end + 1].max())))
            t = end + 1
        if not runs:
            return Reading((), recognizer="ppocr")
        scale = 1.0 / (frames * max(used_share, 1e-6))  # frame -> fraction of the crop's width
        centres = [c for _, c, _ in runs]
        gaps = [b - a for a, b in itertools.pairwise(centres)]
        pitch = float(np.median(gaps)) if gaps else 2.0
        glyphs: list[Glyph] = []
        for n, (k, centre, p) in enumerate(runs):
            lo = centre - pitch / 2 if n == 0 else max(centre - pitch / 2, (centres[n - 1] + centre) / 2)
            hi = (
                centre + pitch / 2
                if n == len(runs) - 1
                else min(centre + pitch / 2, (centre + centres[n + 1]) / 2)
            )
            glyphs.append(Glyph(self._chars[k], p, _clip(lo * scale), _clip(hi * scale)))
        return Reading(_words(glyphs), tuple(glyphs), "ppocr")

    def upside_down(self, crops: Sequence[np.ndarray[Any, Any]]) -> list[float]:
        """Probability that each BGR line crop is upside down (the 0/180 classifier)."""
        if not crops:
            return []
        if self._cls is None:
            self._cls = self._ocr._load_cls_model()  # type: ignore[no-untyped-call]
        res = self._cls(list(crops)).cls_res or []
        return [float(score) if label == "180" else 1.0 - float(score) for label, score in res]


def _clip(x: float) -> float:
    return min(max(x, 0.0), 1.0)


def _words(glyphs: Sequence[Glyph]) -> tuple[SpanWord, ...]:
    """Cut a line's glyphs into words at spaces."""
    words: list[SpanWord] = []
    current: list[Glyph] = []
    for g in [*glyphs, Glyph(" ", 1.0, 1.0, 1.0)]:
        if g.char.isspace():
            if current:
                text = "".join(c.char for c in current)
                confidence = float(np.mean([c.confidence for c in current]))
                words.append(SpanWord(text, confidence, current[0].start, current[-1].end))
            current = []
        else:
            current.append(g)
    return tuple(words)


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
