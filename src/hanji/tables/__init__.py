"""Table extraction: find tables on a page image and fill their cells with the page's words.

Call :func:`extract_tables`; pick another implementation by registry name. Export with
:mod:`hanji.tables.export`.
"""

from hanji.tables.contract import Image, TableExtractor
from hanji.tables.registry import DEFAULT_EXTRACTOR, EXTRACTORS, extract_tables, get_extractor

__all__ = ["DEFAULT_EXTRACTOR", "EXTRACTORS", "Image", "TableExtractor", "extract_tables", "get_extractor"]
