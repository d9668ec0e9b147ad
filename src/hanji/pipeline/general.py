"""General OCR: every page of a file read by the engines, with tables when asked."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from hanji.core.result import Document, Page
from hanji.engines.default import recognize
from hanji.intake.decode import stream_pages
from hanji.intake.limits import IntakeLimits
from hanji.tables.registry import extract_tables


def read_general(
    data: bytes,
    *,
    declared_format: str | None,
    languages: Sequence[str],
    limits: IntakeLimits,
    tables: bool = False,
    engine: str | None = None,
    on_page: Callable[[int, int], None] | None = None,
) -> Document:
    """Decode ``data`` and read each page; a page that fails is reported, the others still read.

    Table extraction runs only when ``tables`` is true, so asking for none costs nothing.
    ``on_page(done, total)`` is called after each page (progress bars, job progress).
    """
    # Pages are decoded one at a time: a long file holds one page image, not all of them.
    decoded_pages = stream_pages(data, declared_format=declared_format, limits=limits)
    pages: list[Page] = []
    for decoded in decoded_pages:
        if decoded.image is None:
            pages.append(Page(index=decoded.index, width=0, height=0, error=decoded.error))
        else:
            page = replace(recognize(decoded.image, languages, engine), index=decoded.index)
            if tables:
                page = replace(page, tables=tuple(extract_tables(decoded.image, page.words)))
            pages.append(page)
        if on_page is not None:
            on_page(len(pages), decoded_pages.count)
    return Document(tuple(pages))
