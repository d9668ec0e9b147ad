"""Document OCR: one page read by the engines, then understood by the model's extractor."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from hanji.core.errors import OcrServiceError
from hanji.core.result import Page
from hanji.core.text_reader import PageImage
from hanji.documents.language import estimate_language
from hanji.documents.registry import get_extractor
from hanji.engines.default import recognize
from hanji.engines.text_reader import EngineTextReader
from hanji.intake.decode import decode_pages
from hanji.intake.limits import IntakeLimits


@dataclass(frozen=True)
class DocumentReading:
    page: Page
    result: dict[str, Any]
    """The model's ``result`` object (empty when the page could not be read)."""
    language: str


def read_document(
    data: bytes, *, declared_format: str | None, model: str, languages: Sequence[str], limits: IntakeLimits
) -> DocumentReading:
    """Read the first page of ``data`` and extract ``model``'s key-value result from it."""
    try:
        extractor = get_extractor(model)
    except KeyError:
        raise OcrServiceError(
            f"The '{model}' document model is not available in this version of Hanji."
        ) from None
    decoded = decode_pages(data, declared_format=declared_format, limits=limits)[0]
    if decoded.image is None:
        return DocumentReading(Page(index=0, width=0, height=0, error=decoded.error), {}, languages[0])
    page = replace(recognize(decoded.image, languages), index=0)
    second_look = PageImage(decoded.image, EngineTextReader())
    return DocumentReading(page, extractor.extract(page, second_look), estimate_language(page))
