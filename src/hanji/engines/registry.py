"""The engine registry: a plain dict of name -> factory, each engine built once per process."""

from __future__ import annotations

from collections.abc import Callable

from hanji.core.errors import OcrServiceError
from hanji.engines.base import OcrEngine
from hanji.engines.hybrid import HybridEngine
from hanji.engines.ppocr import PpOcrEngine
from hanji.engines.tesseract import TesseractEngine

ENGINES: dict[str, Callable[[], OcrEngine]] = {
    "ppocr": PpOcrEngine,
    "tesseract": TesseractEngine,
    "hybrid": HybridEngine,
}
"""Built-in engines; a plugin adds itself by inserting a factory here before first use."""

_built: dict[str, OcrEngine] = {}


def get_engine(name: str) -> OcrEngine:
    """Return the engine called ``name``, building it on first use (sessions are heavy).

    Raises:
        OcrServiceError: ``name`` is not registered or its libraries are missing.
    """
    engine = _built.get(name)
    if engine is not None:
        return engine
    factory = ENGINES.get(name)
    if factory is None:
        raise OcrServiceError(f"Unknown OCR engine {name!r}; known: {', '.join(sorted(ENGINES))}.")
    engine = factory()
    if not engine.is_available():
        raise OcrServiceError(f"OCR engine {name!r} is not installed.")
    _built[name] = engine
    return engine


def available_engines() -> list[str]:
    """Names of the registered engines whose libraries and models are installed."""
    return [name for name, factory in ENGINES.items() if factory().is_available()]
