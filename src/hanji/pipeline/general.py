"""The General flow: every page of a file read by the engines, with tables and key–value pairs
when asked."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from hanji.core.result import Document, Page
from hanji.documents.key_values import pair_key_values
from hanji.engines.default import recognize
from hanji.intake.decode import stream_pages
from hanji.pipeline.inputs import FileInput
from hanji.pipeline.task import Task, task
from hanji.tables.registry import extract_tables


@task("general", Document)
@dataclass(frozen=True, slots=True)
class GeneralRequest(Task[Document]):
    file: FileInput
    languages: tuple[str, ...]
    tables: bool = False
    key_values: bool = False
    engine: str | None = None
    """An engine registry name (``hanji ocr --engine``); None: the default route."""

    def run(self) -> Document:
        return read_general(self)


def read_general(request: GeneralRequest, on_page: Callable[[int, int], None] | None = None) -> Document:
    """Decode the file and read each page; a page that fails is reported, the others still read.

    Tables and key–value pairs cost nothing unless asked for. ``on_page(done, total)`` is called
    after each page (progress bars).
    """
    file = request.file
    # Pages are decoded one at a time: a long file holds one page image, not all of them.
    decoded_pages = stream_pages(file.data, declared_format=file.declared_format, limits=file.limits)
    pages: list[Page] = []
    for decoded in decoded_pages:
        if decoded.image is None:
            pages.append(Page(index=decoded.index, width=0, height=0, error=decoded.error))
        else:
            page = replace(recognize(decoded.image, request.languages, request.engine), index=decoded.index)
            if request.tables:
                page = replace(page, tables=tuple(extract_tables(decoded.image, page.words)))
            if request.key_values:
                page = replace(page, key_values=tuple(pair_key_values(page)))
            pages.append(page)
        if on_page is not None:
            on_page(len(pages), decoded_pages.count)
    return Document(tuple(pages))
