"""The table extractors Hanji knows, by name, and the default chosen by measurement."""

from __future__ import annotations

from collections.abc import Sequence

from hanji.core.result import Table, Word
from hanji.tables.contract import Image, TableExtractor
from hanji.tables.img2table_extractor import Img2TableExtractor
from hanji.tables.line_grid import LineGridExtractor

EXTRACTORS: dict[str, TableExtractor] = {
    "hanji": LineGridExtractor(),
    "img2table": Img2TableExtractor(),
}

DEFAULT_EXTRACTOR = "hanji"
"""Chosen by ``benchmarks/tables.py`` (see benchmarks/RESULTS_tables.md)."""


def get_extractor(name: str | None = None) -> TableExtractor:
    """The extractor called ``name`` (the default when None).

    Raises:
        KeyError: No such extractor.
        RuntimeError: It is registered but its packages are not installed.
    """
    extractor = EXTRACTORS[name or DEFAULT_EXTRACTOR]
    if not extractor.is_available():
        raise RuntimeError(f"table extractor {extractor.name!r} is not installed")
    return extractor


def extract_tables(image: Image, words: Sequence[Word], extractor: str | None = None) -> list[Table]:
    """Find the tables of one page with the named (or default) extractor.

    Args:
        image: The page, RGB or grayscale uint8.
        words: The page's OCR words in the same pixel coordinates.
        extractor: Registry name; None for the default.

    Returns:
        The page's tables, top to bottom (``[]`` when there are none).
    """
    return get_extractor(extractor).extract(image, words)
