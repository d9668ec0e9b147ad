"""Named registries: stages by name, and engines composed from them, each built once per process.

A recogniser is one backend class and one line in :data:`RECOGNIZERS`; an engine is one entry in
:data:`ENGINES` naming its parts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from hanji.core.errors import OcrServiceError
from hanji.core.geometry import Box
from hanji.engines.accents import AccentChecked
from hanji.engines.backends.korean import KoreanRecognizer, korean_model_shipped
from hanji.engines.backends.ppocr import PpOcrClassifier, PpOcrDetector, PpOcrRecognizer, rapidocr_installed
from hanji.engines.backends.tesseract import (
    LINE_THREADS,
    TesseractLineRecognizer,
    has_traineddata,
    read_page_lines,
    tesseract_installed,
)
from hanji.engines.backends.tesseract_page import TesseractPageEngine
from hanji.engines.base import OcrEngine, RgbImage
from hanji.engines.composed import ComposedEngine, Routes
from hanji.engines.memo import Remembering
from hanji.engines.options import OPTIONS
from hanji.engines.orientation import Orienter
from hanji.engines.second_opinion import SecondOpinion
from hanji.engines.stages import LineDetector, LineRecognizer, UpsideDownClassifier

DETECTORS: dict[str, Callable[[], LineDetector]] = {"ppocr": PpOcrDetector}
RECOGNIZERS: dict[str, Callable[[], LineRecognizer]] = {
    # Accent-checked: PP-OCR's dictionary has accented Latin, and specks on small print become accents.
    "ppocr": lambda: AccentChecked(PpOcrRecognizer()),
    "hanji-korean": KoreanRecognizer,
    # Remembering: the orientation step's Korean probe reads the lines the reader then asks for.
    "tesseract-kor": lambda: Remembering(TesseractLineRecognizer("kor")),
    "tesseract-kor+Hangul": lambda: TesseractLineRecognizer("kor+Hangul"),
}
SECOND_OPINION_MARGIN = 0.1
SECOND_OPINION_GATE = 0.9
"""How much surer Hanji's Korean recogniser must be than Tesseract to replace its reading, and
below which Tesseract confidence it is asked at all (both measured by ``benchmarks/korean_lines.py``)."""
CLASSIFIERS: dict[str, Callable[[], UpsideDownClassifier]] = {"ppocr": PpOcrClassifier}
HANGUL_RECOGNIZER = OPTIONS.hangul_recognizer
"""The recogniser the default path reads Hangul with (HANJI_HANGUL_RECOGNIZER; measured by
``benchmarks/photo.py``)."""


@functools.cache
def recognizer(name: str) -> LineRecognizer:
    factory = RECOGNIZERS.get(name)
    if factory is None:
        raise OcrServiceError(f"Unknown line recogniser {name!r}; known: {', '.join(sorted(RECOGNIZERS))}.")
    return factory()


def _second_opinion() -> LineRecognizer:
    return SecondOpinion(
        recognizer("tesseract-kor"), recognizer("hanji-korean"), SECOND_OPINION_MARGIN, SECOND_OPINION_GATE
    )


RECOGNIZERS["tesseract-kor|hanji-korean"] = _second_opinion


@functools.cache
def detector(name: str = "ppocr") -> LineDetector:
    return DETECTORS[name]()


@functools.cache
def classifier(name: str = "ppocr") -> UpsideDownClassifier:
    return CLASSIFIERS[name]()


def warm_stages(*, hangul: bool) -> None:
    """Run a tiny image through every stage the default path uses, so sessions load now."""
    import numpy as np

    strip = np.full((32, 160, 3), 255, np.uint8)
    strip[8:24, 8:152:12] = 0  # a row of dark marks, like letters
    detector().detect(strip)
    recognizer("ppocr").recognize([strip])
    classifier().upside_down([strip])
    if hangul:
        for name in {HANGUL_RECOGNIZER, ORIENTATION_HANGUL}:
            recognizer(name).recognize([strip] * LINE_THREADS)  # builds every line reader


def page_lines(
    image: RgbImage, lang: str, alphabet: str | None = None, *, single_line: bool = False
) -> list[tuple[str, float, Box]]:
    """Tesseract's lines of a whole image, limited to ``alphabet`` (an MRZ band's ``A-Z0-9<``);
    ``single_line``: the image is one line of text."""
    return read_page_lines(image, lang, alphabet, single_line=single_line)


HANGUL_BESIDE_HAN = "tesseract-kor"
"""The Hangul route when Japanese or Chinese is requested too (see ``Routes.hangul_beside_han``;
``benchmarks/ocr_mixed.py``: ko+ja 0.096 with the second opinion there, 0.014 without)."""
ORIENTATION_HANGUL = "tesseract-kor"
"""The Korean witness of the orientation step stays Tesseract whatever reads the lines: its
confidence falls on upside-down text, where a CTC recogniser that never saw any reads confident
Hangul out of turned Latin (and turned an upright English receipt)."""


def orienter() -> Orienter:
    hangul = recognizer(ORIENTATION_HANGUL) if tesseract_installed() else None
    return Orienter(detector(), classifier(), recognizer("ppocr"), hangul)


def _composed(name: str, routes: Routes) -> OcrEngine:
    names = [routes.base, *(r for r in (routes.hangul, routes.hangul_beside_han) if r)]
    available = rapidocr_installed() and (routes.hangul is None or tesseract_installed())
    if routes.hangul and "Hangul" in routes.hangul and not has_traineddata("Hangul"):
        available = False
    if routes.hangul and "hanji-korean" in routes.hangul and not korean_model_shipped():
        available = False
    return ComposedEngine(
        name,
        detector(),
        orienter(),
        {n: recognizer(n) for n in names},
        routes,
        photo_correction=OPTIONS.photo_correction,
        available=available,
    )


ENGINES: dict[str, Callable[[], OcrEngine]] = {
    "ppocr": lambda: _composed("ppocr", Routes(base="ppocr")),
    "hybrid": lambda: _composed(
        "hybrid", Routes(base="ppocr", hangul=HANGUL_RECOGNIZER, hangul_beside_han=HANGUL_BESIDE_HAN)
    ),
    "tesseract": lambda: TesseractPageEngine(orienter()),
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
    out = []
    for name in ENGINES:
        try:
            get_engine(name)
        except OcrServiceError:
            continue
        out.append(name)
    return out
