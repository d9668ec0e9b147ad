"""PP-OCRv6 (the ONNX models inside the ``rapidocr`` wheel): detector, recogniser, 180° classifier.

One :class:`PpOcrModels` per process holds the three onnxruntime sessions; the ``ppocr`` engine,
the ``hybrid`` engine and orientation detection all share it.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Sequence
from pathlib import Path
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

HAN_DETECT_MAX_SIDE = 1760
"""Chinese pages: dense Han lines need the detector at full A4-150-dpi size (rendered/zh CER 0.020
at 1280 px, 0.018 at 1760 px; ja and en gain nothing, so they keep the cheaper 1280)."""

ORT_THREADS = int(os.environ.get("HANJI_OCR_THREADS", "0")) or max(1, min(4, os.cpu_count() or 1))
"""onnxruntime threads per session (``HANJI_OCR_THREADS``; default: the cores, at most 4)."""

REC_BATCH = 8
"""Line crops per recogniser call; rapidocr sorts crops by width first, so batches pad little."""

MODEL_FILES = {
    "Det": "PP-OCRv6_det_small.onnx",
    "Rec": "PP-OCRv6_rec_small.onnx",
    "Cls": "ch_ppocr_mobile_v2.0_cls_mobile.onnx",
}
"""The models inside the rapidocr wheel that rapidocr's default config names."""


def session_options(threads: int) -> Any:
    """onnxruntime options for one session: all graph optimisations, memory arena, no spinning.

    Spinning (onnxruntime's default) keeps idle pool threads busy-waiting between operators: on a
    machine shared by worker processes that burns ~20% more CPU per page for no wall-time gain.
    The memory arena and pattern (rapidocr turns them off) cut detection + recognition by ~17% in
    CPU and wall, for ~300 MB more peak RSS per process (``benchmarks/RESULTS.md``).
    """
    import onnxruntime as ort

    opts = ort.SessionOptions()
    opts.log_severity_level = 3
    opts.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    opts.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
    opts.intra_op_num_threads = threads
    opts.inter_op_num_threads = 1
    opts.enable_cpu_mem_arena = True
    opts.enable_mem_pattern = True
    opts.add_session_config_entry("session.intra_op.allow_spinning", "0")
    return opts


def _session(model: Path, threads: int) -> Any:
    import onnxruntime as ort

    if not model.is_file():
        raise OcrServiceError(f"PP-OCR model {model} is missing from the rapidocr wheel.")
    return ort.InferenceSession(str(model), session_options(threads), providers=["CPUExecutionProvider"])


class PpOcrModels:
    """The three PP-OCR sessions; build once per process via :func:`ppocr_models`."""

    def __init__(self, det_max_side: int = DETECT_MAX_SIDE, threads: int = ORT_THREADS) -> None:
        try:
            from omegaconf import flag_override
            from rapidocr import RapidOCR
        except ImportError as exc:  # pragma: no cover - packaging problem
            raise OcrServiceError("rapidocr is not installed.") from exc
        params: dict[str, Any] = {
            "Global.log_level": "error",
            "Det.limit_type": "max",
            "Det.limit_side_len": det_max_side,
            "Rec.rec_batch_num": REC_BATCH,
        }
        self._ocr = RapidOCR(params=params)
        self._det_max_side = det_max_side
        # Our own onnxruntime sessions (see :func:`session_options`); rapidocr takes a built session.
        models = Path(str(self._ocr.cfg.Global.model_root_dir))
        with flag_override(self._ocr.cfg, "allow_objects", True):
            for part, file in MODEL_FILES.items():
                self._ocr.cfg[part].session = _session(models / file, threads)
        self._det = self._ocr._load_det_model()  # type: ignore[no-untyped-call]
        # float32 normalisation constants: rapidocr's float64 ones make it normalise the page in
        # float64, twice the time of the float32 result the model takes anyway.
        self._det.mean = np.asarray(self._det.mean or [0.5] * 3, np.float32)
        self._det.std = np.asarray(self._det.std or [0.5] * 3, np.float32)
        self._rec = self._ocr._load_rec_model()  # type: ignore[no-untyped-call]
        self._cls: Any = None

    def detect(self, bgr: np.ndarray[Any, Any], max_side: int | None = None) -> list[tuple[Quad, float]]:
        """Find text lines; quads in ``bgr``'s pixels, top to bottom as the detector sorts them.

        Args:
            bgr: The image, BGR.
            max_side: Longer side the detector sees (larger images are shrunk); None: the default.
        """
        self._det.limit_side_len = max_side or self._det_max_side
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


def detect_side(languages: Sequence[str]) -> int:
    """The detector's input size for a page in ``languages``."""
    return HAN_DETECT_MAX_SIDE if any(code.startswith("zh") for code in languages) else DETECT_MAX_SIDE


def detect_lines(image: RgbImage, max_side: int | None = None) -> list[Quad]:
    """PP-OCR's text lines on an RGB image, as quads in its pixels (see :meth:`PpOcrModels.detect`)."""
    return [q for q, _ in ppocr_models().detect(to_bgr(image), max_side)]


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
        side = detect_side(languages)
        return read_upright(
            image,
            languages,
            lambda upright, found: self._read_upright(upright, found, side),
            lambda page: detect_lines(page, side),
        )

    def _read_upright(self, image: RgbImage, found: list[Quad] | None, side: int) -> list[Line]:
        models = ppocr_models()
        bgr = to_bgr(image)
        if found is None:
            found = detect_lines(image, side)
        crops = [line_crop(bgr, q) for q in found]
        lines: list[Line] = []
        for quad, (text, conf) in zip(found, models.recognize(crops), strict=True):
            line = line_from_text(quad, text, conf, self.name)
            if line is not None and conf >= MIN_CONFIDENCE:
                lines.append(line)
        return order_lines(lines)


MIN_CONFIDENCE = 0.5
"""Below this PP-OCR's reading is usually noise (rapidocr's own default ``text_score``)."""
