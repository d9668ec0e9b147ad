"""Tesseract's own layout analysis and recognition over the whole page, as an engine."""

from __future__ import annotations

from collections.abc import Sequence

from hanji.core.result import Line, Page, Word
from hanji.engines.backends.tesseract import read_page, tesseract_installed
from hanji.engines.base import RgbImage, check_image
from hanji.engines.orientation import Orienter
from hanji.engines.reading_order import order_lines
from hanji.engines.scripts import tesseract_lang_string
from hanji.engines.transform import turn_clockwise, unturn_quad


class TesseractPageEngine:
    """Whole pages through Tesseract (the bare-engine baseline; also the engine without PP-OCR)."""

    name = "tesseract"

    def __init__(self, orienter: Orienter) -> None:
        self.orienter = orienter

    def is_available(self) -> bool:
        return tesseract_installed()

    def read(self, image: RgbImage, languages: Sequence[str]) -> Page:
        check_image(image)
        height, width = image.shape[:2]
        rotation = self.orienter.rotation(image, languages)
        lines = order_lines(read_page(turn_clockwise(image, rotation), tesseract_lang_string(languages)))
        if rotation:
            lines = [
                Line(
                    tuple(
                        Word(w.text, unturn_quad(w.quad, rotation, width, height), w.confidence)
                        for w in ln.words
                    ),
                    ln.engine,
                )
                for ln in lines
            ]
        return Page(index=0, width=width, height=height, lines=tuple(lines), rotation=rotation)
