"""Specialised document extractors producing CLOVA Document ``result`` objects from an OCR'd page.

Use :func:`get_extractor` (or :data:`EXTRACTORS`) by URL model name, then
``extractor.extract(page, image)``; :func:`estimate_language` fills ``meta.estimatedLanguage``.
"""

from hanji.core.result import KeyValue
from hanji.documents.contract import DocumentExtractor
from hanji.documents.key_values import pair_key_values
from hanji.documents.language import estimate_language
from hanji.documents.registry import EXTRACTORS, get_extractor

__all__ = [
    "EXTRACTORS",
    "DocumentExtractor",
    "KeyValue",
    "estimate_language",
    "get_extractor",
    "pair_key_values",
]
