"""What reading a file against templates produced, page by page, in the input image's pixels.

``hanji.templates.flow`` builds these; ``hanji.clova.template`` renders them as CLOVA's Template
answer; the builder's preview draws them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from hanji.core.geometry import Quad
from hanji.core.result import Document, Line, Page, Table, Word


class FieldKind(enum.Enum):
    """How a field is read: CLOVA's ``type``."""

    NORMAL = "NORMAL"
    MULTI_BOX = "MULTI_BOX"
    CHECKBOX = "CHECKBOX"


@dataclass(frozen=True, slots=True)
class MatchedTemplate:
    id: int
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class ReadArea:
    """One box's reading: a title, or one box of a multi-box field."""

    quad: Quad
    text: str
    confidence: float
    name: str = ""


@dataclass(frozen=True, slots=True)
class TemplateField:
    name: str
    value_type: str
    """CLOVA's ``valueType`` (``ALL``, ``NUMERIC`` …)."""
    kind: FieldKind
    quad: Quad
    text: str
    confidence: float
    checked: bool | None = None
    """Checkboxes only: whether the box is ticked."""
    boxes: tuple[ReadArea, ...] = ()
    """Multi-box fields only: each box's reading, in the template's order."""


@dataclass(frozen=True, slots=True)
class CombinedValue:
    """A ``combineResult`` item: fields' texts joined by the combination's separator."""

    name: str
    text: str


@dataclass(frozen=True, slots=True)
class TableAreaReading:
    """A table area: its region, and the table found there (None: no ruled table)."""

    name: str
    quad: Quad
    table: Table | None


@dataclass(frozen=True, slots=True)
class FieldCheck:
    """The template's own field rules (required, pattern) applied to what was read."""

    result: str
    """``NO_REQUESTED``, ``VALID`` or ``INVALID``."""
    message: str = ""


@dataclass(frozen=True, slots=True)
class TemplatePage:
    """One page: its size and index, and, when a template matched, what was read with it."""

    index: int
    width: int
    height: int
    error: str | None = None
    template: MatchedTemplate | None = None
    title: ReadArea | None = None
    fields: tuple[TemplateField, ...] = ()
    combined: tuple[CombinedValue, ...] | None = None
    """None when the template combines nothing (CLOVA then sends no ``combineResult``)."""
    tables: tuple[TableAreaReading, ...] | None = None
    """None when the template has no table areas (no ``tables`` key)."""
    check: FieldCheck = FieldCheck("NO_REQUESTED")
    validation_url: str | None = None
    """The template's validation server, asked by the service after the read."""
    preview_png: bytes | None = None
    """The builder's test runs: the page with what was read drawn over it."""

    @property
    def matched(self) -> bool:
        return self.error is None and self.template is not None


@dataclass(frozen=True, slots=True)
class TemplateReading:
    pages: tuple[TemplatePage, ...]

    @property
    def template_id(self) -> int | None:
        """The template the first matched page matched (what statistics count the call under)."""
        return next((p.template.id for p in self.pages if p.template is not None), None)

    @property
    def table_pages(self) -> int:
        """Pages on which a table area held a table."""
        return sum(1 for p in self.pages if any(a.table is not None for a in p.tables or ()))

    def to_document(self) -> Document:
        """The pages as lines of words, for outputs made from any reading (the searchable PDF): the
        title and each field a line, a multi-box field one word per box; checkboxes hold no text
        of the page and are left out."""
        return Document(tuple(_page_lines(p) for p in self.pages))


def _page_lines(page: TemplatePage) -> Page:
    areas: list[tuple[ReadArea, ...]] = [(page.title,)] if page.title is not None else []
    for field in page.fields:
        if field.kind is FieldKind.CHECKBOX:
            continue
        areas.append(field.boxes or (ReadArea(field.quad, field.text, field.confidence),))
    lines = []
    for boxes in areas:
        words = tuple(
            Word(b.text.strip(), b.quad, min(max(b.confidence, 0.0), 1.0)) for b in boxes if b.text.strip()
        )
        if words:
            lines.append(Line(words))
    return Page(page.index, page.width, page.height, tuple(lines), error=page.error)
