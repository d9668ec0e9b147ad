"""The Document flow: one page read by the engines, then understood by the model's extractor."""

from __future__ import annotations

from dataclasses import dataclass, replace

from hanji.core.document_fields import DocumentFields
from hanji.core.errors import OcrServiceError
from hanji.core.result import Page
from hanji.core.text_reader import PageImage
from hanji.documents.language import estimate_language
from hanji.documents.registry import get_extractor
from hanji.engines.default import recognize
from hanji.engines.text_reader import EngineTextReader
from hanji.intake.decode import decode_pages
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.task import Task, task


@dataclass(frozen=True, slots=True)
class DocumentReading:
    page: Page
    fields: DocumentFields
    """The model's result tree (empty when the page could not be read or nothing was found)."""
    language: str

    @property
    def succeeded(self) -> bool:
        return self.page.error is None and bool(self.fields)


@task("document", DocumentReading)
@dataclass(frozen=True, slots=True)
class DocumentRequest(Task[DocumentReading]):
    file: FileInput
    model: str
    languages: tuple[str, ...]

    def run(self) -> DocumentReading:
        return read_document(self)


def read_document(request: DocumentRequest) -> DocumentReading:
    """Read the file's first page and extract the model's fields from it.

    Raises:
        OcrServiceError: this build has no extractor for the model.
    """
    try:
        extractor = get_extractor(request.model)
    except KeyError:
        raise OcrServiceError(
            f"The '{request.model}' document model is not available in this version of Hanji."
        ) from None
    file = request.file
    first = replace(file.limits, max_pages=1)
    decoded = decode_pages(file.data, declared_format=file.declared_format, limits=first)[0]
    if decoded.image is None:
        return DocumentReading(
            Page(index=0, width=0, height=0, error=decoded.error), {}, request.languages[0]
        )
    page = replace(recognize(decoded.image, request.languages), index=0)
    second_look = PageImage(decoded.image, EngineTextReader())
    return DocumentReading(page, extractor.extract(page, second_look), estimate_language(page))
