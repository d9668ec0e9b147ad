import numpy as np
import pytest

from hanji.core.errors import OcrServiceError
from hanji.engines import ENGINES, OcrEngine, available_engines, default_engine_name, get_engine
from hanji.engines.base import check_image


def test_builtin_engines_are_registered_and_installed() -> None:
    assert {"ppocr", "tesseract", "hybrid"} <= set(ENGINES)
    assert {"ppocr", "tesseract", "hybrid"} <= set(available_engines())


def test_engines_are_built_once() -> None:
    engine = get_engine("tesseract")
    assert engine is get_engine("tesseract")
    assert isinstance(engine, OcrEngine)


def test_unknown_engine_is_an_ocr_service_error() -> None:
    with pytest.raises(OcrServiceError, match="Unknown OCR engine"):
        get_engine("nope")


def test_korean_always_takes_the_korean_path() -> None:
    assert default_engine_name(["ja", "ko"]) == default_engine_name(["ko"])


def test_check_image_refuses_non_rgb() -> None:
    with pytest.raises(ValueError):
        check_image(np.zeros((10, 10), np.uint8))
    with pytest.raises(ValueError):
        check_image(np.zeros((10, 10, 3), np.float32))  # type: ignore[arg-type]
