"""The speed-ups keep behaviour: one detector pass per upright page, parallel line reads, warm-up."""

import numpy as np
import pytest

from hanji.core.geometry import Quad
from hanji.core.result import Line
from hanji.engines import warm_up
from hanji.engines.orientation import read_upright
from hanji.engines.ppocr import DETECT_MAX_SIDE, HAN_DETECT_MAX_SIDE, detect_side, session_options
from hanji.engines.tesseract import read_line, read_lines

from .samples import load_image


def test_detection_is_reused_on_an_upright_page() -> None:
    calls: list[str] = []
    given: list[list[Quad] | None] = []

    def detect(image: np.ndarray) -> list[Quad]:
        calls.append("detect")
        return []

    def read(image: np.ndarray, found: list[Quad] | None) -> list[Line]:
        given.append(found)
        return []

    page = read_upright(np.zeros((40, 60, 3), np.uint8), ["en"], read, detect)
    assert page.rotation == 0
    assert calls == ["detect"]
    assert given == [[]]  # the probe's lines, not None: read must not detect again


def test_chinese_pages_get_the_larger_detector_input() -> None:
    assert detect_side(["zh-TW"]) == detect_side(["zh-CN", "en"]) == HAN_DETECT_MAX_SIDE
    assert detect_side(["ja"]) == detect_side(["ko", "en"]) == DETECT_MAX_SIDE


def test_onnxruntime_threads_do_not_spin() -> None:
    opts = session_options(2)
    assert opts.get_session_config_entry("session.intra_op.allow_spinning") == "0"
    assert opts.intra_op_num_threads == 2
    assert opts.enable_cpu_mem_arena


@pytest.mark.slow
def test_parallel_line_reads_match_one_by_one() -> None:
    from hanji.engines.ppocr import detect_lines, line_crop

    image = load_image("ko_cldr")
    crops = [line_crop(image, q) for q in detect_lines(image)]
    assert len(crops) >= 4
    assert read_lines(crops, "kor") == [read_line(c, "kor") for c in crops]


@pytest.mark.slow
def test_warm_up_builds_every_session() -> None:
    from hanji.engines.ppocr import ppocr_models
    from hanji.engines.tesseract import tesseract_api

    warm_up(["ko", "en"])
    assert ppocr_models()._cls is not None
    assert tesseract_api.cache_info().currsize >= 1
