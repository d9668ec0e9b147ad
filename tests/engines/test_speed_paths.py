"""The speed paths keep behaviour: one detector pass per upright page, parallel line reads, warm-up."""

from collections.abc import Sequence

import numpy as np
import pytest

from hanji.core.geometry import Quad
from hanji.engines import warm_up
from hanji.engines.backends.onnx import session_options
from hanji.engines.backends.tesseract import TesseractLineRecognizer, read_line, tesseract_api
from hanji.engines.base import RgbImage
from hanji.engines.composed import (
    HAN_DETECT_MAX_SIDE,
    SMALL_TEXT_PX,
    ComposedEngine,
    Routes,
    detect_side,
    resized_side,
)
from hanji.engines.options import OPTIONS
from hanji.engines.orientation import Orienter
from hanji.engines.stages import Reading
from hanji.engines.transform import line_crop

from .samples import load_image


class _CountingDetector:
    name = "counting"

    def __init__(self) -> None:
        self.calls = 0

    def detect(self, image: RgbImage, max_side: int | None = None) -> list[Quad]:
        self.calls += 1
        return []


class _Silent:
    name = "silent"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        return [Reading(()) for _ in crops]

    def upside_down(self, crops: Sequence[RgbImage]) -> list[float]:
        return [0.0 for _ in crops]


def test_detection_runs_once_on_an_upright_page() -> None:
    detector = _CountingDetector()
    silent = _Silent()
    engine = ComposedEngine(
        "test", detector, Orienter(detector, silent, silent), {"silent": silent}, Routes(base="silent")
    )
    page = engine.read(np.full((40, 60, 3), 255, np.uint8), ["en"])
    assert page.rotation == 0
    assert detector.calls == 1  # the orientation probe reuses the page's own detection


def test_chinese_pages_get_the_larger_detector_input() -> None:
    assert detect_side(["zh-TW"]) == detect_side(["zh-CN", "en"]) == HAN_DETECT_MAX_SIDE
    assert detect_side(["ja"]) == detect_side(["ko", "en"]) == OPTIONS.detector_side


def _lines(height: float, count: int = 5) -> list[Quad]:
    return [
        Quad.from_sequence([(0, 40 * k), (300, 40 * k), (300, 40 * k + height), (0, 40 * k + height)])
        for k in range(count)
    ]


def test_small_print_gets_a_larger_detector_input_and_normal_print_does_not() -> None:
    # 30 px lines on a 3000 px page look 9.6 px high at 960: detected again, brought to ~18 px.
    larger = resized_side(_lines(30), 960, 3000)
    assert larger is not None and 1700 <= larger <= 1900
    assert resized_side(_lines(30), 960, 1754) is None  # 16 px at 960: big enough
    assert resized_side(_lines(10), 960, 900) is None  # the page is already at full size
    assert resized_side([], 960, 3000) is None
    assert resized_side(_lines(SMALL_TEXT_PX * 10), 960, 9600) is None


def test_onnxruntime_threads_do_not_spin() -> None:
    opts = session_options(2)
    assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert opts.intra_op_num_threads == 2
    assert opts.enable_cpu_mem_arena


@pytest.mark.slow
def test_parallel_line_reads_match_one_by_one() -> None:
    from hanji.engines.registry import detector

    image = load_image("ko_cldr")
    crops = [line_crop(image, q) for q in detector().detect(image)]
    assert len(crops) >= 4
    together = TesseractLineRecognizer("kor").recognize(crops)
    assert together == [read_line(tesseract_api("kor"), c) for c in crops]


@pytest.mark.slow
def test_warm_up_builds_every_session() -> None:
    from hanji.engines.backends.ppocr import ppocr_models

    warm_up(["ko", "en"])
    assert ppocr_models()._cls is not None
    assert tesseract_api.cache_info().currsize >= 1
