"""A CLOVA response read back into the result tree, for outputs built from any result (searchable PDF).

General answers give one word per field, with ``lineBreak`` closing a line; Template answers give
one word per field (a multi-box field: one per box) and the title. Checkbox fields carry no text
of the page and are left out. Page sizes come from ``convertedImageInfo``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hanji.core.geometry import Point, Quad
from hanji.core.result import Document, Line, Page, Word


def document_from_response(body: Mapping[str, Any]) -> Document:
    """The pages of a General or Template V2/V1 response, as words with their polygons.

    Entries without ``convertedImageInfo`` (or with a malformed polygon) give a page without words,
    so page numbering still follows the file.
    """
    pages: list[Page] = []
    for position, image in enumerate(body.get("images") or []):
        info = image.get("convertedImageInfo") or {}
        index = int(info.get("pageIndex", position))
        width, height = int(info.get("width", 0)), int(info.get("height", 0))
        lines = tuple(_lines(image)) if width and height else ()
        pages.append(Page(index=index, width=width, height=height, lines=lines))
    return Document(tuple(pages))


def _lines(image: Mapping[str, Any]) -> list[Line]:
    lines: list[Line] = []
    current: list[Word] = []
    title = image.get("title")
    items = ([title] if isinstance(title, Mapping) else []) + list(image.get("fields") or [])
    for item in items:
        if item.get("type") == "CHECKBOX":
            continue
        boxes = item.get("subFields") if item.get("type") == "MULTI_BOX" else [item]
        for box in boxes or []:
            word = _word(box)
            if word is not None:
                current.append(word)
        # A General field ends its line only at lineBreak; a Template field is a line of its own.
        if current and item.get("lineBreak", "name" in item):
            lines.append(Line(tuple(current)))
            current = []
    if current:
        lines.append(Line(tuple(current)))
    return lines


def _word(item: Mapping[str, Any]) -> Word | None:
    text = str(item.get("inferText") or "").strip()
    vertices = (item.get("boundingPoly") or {}).get("vertices") or []
    if not text or len(vertices) != 4:
        return None
    try:  # CLOVA lists the vertices clockwise from the top-left, as a Quad holds them
        a, b, c, d = (Point(float(v.get("x", 0)), float(v.get("y", 0))) for v in vertices)
        quad = Quad((a, b, c, d))
        confidence = min(max(float(item.get("inferConfidence", 1.0)), 0.0), 1.0)
    except (TypeError, ValueError, AttributeError):
        return None
    return Word(text, quad, confidence)
