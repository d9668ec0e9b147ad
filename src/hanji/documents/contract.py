"""The document-extractor contract: what every ``…/document/{model}`` extractor provides.

An extractor reads one OCR'd :class:`~hanji.core.result.Page` (plus, optionally, the page image
for a second look at a region such as an MRZ band) and returns the CLOVA ``result`` object of its
model: a tree (:data:`hanji.core.document_fields.DocumentFields`) named by the model's keys, whose
leaves are values built by :mod:`hanji.documents.values`. Fields with nothing found are omitted,
never ``None``.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from hanji.core.document_fields import DocumentFields
from hanji.core.result import Page
from hanji.core.text_reader import PageImage


@runtime_checkable
class DocumentExtractor(Protocol):
    """One document model.

    Attributes:
        model: The URL model name (``receipt``, ``name-card``, ``passport`` …).
        result_key: The key the CLOVA renderer nests the result under (``receipt``, ``idCard`` …).
    """

    model: str
    result_key: str

    def is_available(self) -> bool:
        """True when the extractor's optional dependencies can be imported."""
        ...

    def extract(self, page: Page, image: PageImage | None = None) -> DocumentFields:
        """Return the model's result tree for ``page`` (``{}`` when nothing was found).

        Args:
            page: The OCR result of the (single) page.
            image: The page pixels, with a reader, when a region needs a second, specialised read.
        """
        ...
