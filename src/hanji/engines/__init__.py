"""OCR engines behind a registry, and the default path that picks one per language."""

from hanji.engines.base import OcrEngine, RgbImage
from hanji.engines.default import default_engine_name, recognize, warm_up
from hanji.engines.registry import ENGINES, available_engines, get_engine

__all__ = [
    "ENGINES",
    "OcrEngine",
    "RgbImage",
    "available_engines",
    "default_engine_name",
    "get_engine",
    "recognize",
    "warm_up",
]
