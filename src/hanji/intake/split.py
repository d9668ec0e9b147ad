"""Split a long PDF into smaller PDFs of consecutive pages, so parts can be read in parallel."""

from __future__ import annotations

import io
from dataclasses import dataclass

import pypdfium2 as pdfium

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.pdf import PDFIUM_LOCK
from hanji.intake.sniff import sniff_format


@dataclass(frozen=True, slots=True)
class PagePart:
    """Pages ``first_page`` … ``first_page + page_count - 1`` of the original file, as their own file."""

    first_page: int
    page_count: int
    data: bytes


def split_pages(data: bytes, *, pages_per_part: int, max_pages: int) -> list[PagePart]:
    """Cut a PDF into parts of at most ``pages_per_part`` pages; any other file is one part.

    Args:
        data: the file's bytes.
        pages_per_part: the most pages one part holds.
        max_pages: the most pages the whole file may have.

    Returns:
        The parts in page order. A file that is not a readable PDF, or fits in one part, comes back
        whole as a single part (its decoder reports any problem, page by page).

    Raises:
        RequestBodyInvalid: the PDF has more than ``max_pages`` pages.
    """
    if sniff_format(data) != "pdf":
        return [PagePart(0, 1, data)]
    with PDFIUM_LOCK:  # PDFium is not thread-safe
        try:
            source = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return [PagePart(0, 1, data)]  # encrypted or corrupt: the decoder says which
        try:
            total = len(source)
            if total > max_pages:
                raise RequestBodyInvalid(f"the PDF has {total} pages; the limit is {max_pages} pages")
            if total <= pages_per_part:
                return [PagePart(0, max(total, 1), data)]
            return [
                PagePart(first, min(pages_per_part, total - first), _extract(source, first, pages_per_part))
                for first in range(0, total, pages_per_part)
            ]
        finally:
            source.close()


def _extract(source: pdfium.PdfDocument, first: int, count: int) -> bytes:
    part = pdfium.PdfDocument.new()
    try:
        part.import_pages(source, list(range(first, min(first + count, len(source)))))
        buffer = io.BytesIO()
        part.save(buffer)
        return buffer.getvalue()
    finally:
        part.close()
