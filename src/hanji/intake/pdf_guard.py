"""PDF pages checked before PDFium draws them: work that would not end, or not fit, is refused.

A 639-byte PDF can hold a form XObject that draws itself, a tree of forms that each draw the next
ten times (ten levels: 10^10 draws), or a content stream that inflates to gigabytes. PDFium would
spend the whole OCR timeout and many gigabytes on such a page, so each page's drawing graph is
walked first (pikepdf reads the objects without drawing anything): a cycle, a draw count or a
content size over the bounds makes that page an ``ERROR`` page, and the other pages still read.
"""

from __future__ import annotations

import io
import re
import zlib
from dataclasses import dataclass, field

import pikepdf

MAX_DRAWS = 100_000
"""Form, pattern and glyph programs one page may run, counting each draw of a shared one."""
MAX_CONTENT_BYTES = 64 * 1024 * 1024
"""Decoded content-stream bytes one page may hold (its own and those of everything it draws)."""
MAX_DEPTH = 24
_UNKNOWN_FILTER_RATIO = 200  # assumed worst growth of filters we do not inflate ourselves
_DO_OPERATOR = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")


class PageTooCostly(Exception):
    """Why a page's drawing is refused (the message is the page's error text)."""


@dataclass
class _Walk:
    """One page's walk: content bytes read so far, programs already costed, the current path."""

    content_bytes: int = 0
    costs: dict[tuple[int, int], int] = field(default_factory=dict)
    path: set[tuple[int, int]] = field(default_factory=set)


def refused_pages(data: bytes) -> dict[int, str]:
    """The pages of ``data`` whose drawing is refused, with the reason; {} when every page may be drawn.

    A file pikepdf cannot parse is left to PDFium, which reports it in its own words.
    """
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except Exception:
        return {}
    refused: dict[int, str] = {}
    with pdf:
        for index, page in enumerate(pdf.pages):
            try:
                _check_page(page)
            except PageTooCostly as exc:
                refused[index] = str(exc)
            except Exception:  # a broken object: PDFium will say what it makes of it
                continue
    return refused


def _check_page(page: pikepdf.Page) -> None:
    walk = _Walk()
    contents = page.obj.get("/Contents")
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    body = b"".join(_decoded(stream, walk) for stream in streams if isinstance(stream, pikepdf.Stream))
    _resources_cost(body, page.obj.get("/Resources"), walk, depth=0)


def _resources_cost(content: bytes, resources: object, walk: _Walk, *, depth: int) -> int:
    """Programs that drawing ``content`` runs out of ``resources``: forms as often as it names them
    with ``Do``, patterns and Type 3 glyph programs once each (a lower bound; what we can count)."""
    if not isinstance(resources, pikepdf.Dictionary):
        return 0
    total = 0
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        uses: dict[str, int] = {}
        for name in _DO_OPERATOR.findall(content):
            key = "/" + name.decode("latin-1")
            uses[key] = uses.get(key, 0) + 1
        for key, count in uses.items():
            form = xobjects.get(key)
            if isinstance(form, pikepdf.Stream) and form.get("/Subtype") == "/Form":
                total += count * _program_cost(form, resources, walk, depth=depth + 1)
                _check_draws(total)
    for group in ("/Pattern", "/Font"):
        entries = resources.get(group)
        if isinstance(entries, pikepdf.Dictionary):
            for entry in entries.values():
                for program in _programs_of(entry):
                    total += _program_cost(program, resources, walk, depth=depth + 1)
                    _check_draws(total)
    return total


def _programs_of(entry: object) -> list[pikepdf.Stream]:
    """A tiling pattern's cell, or a Type 3 font's glyph procedures."""
    if isinstance(entry, pikepdf.Stream):
        return [entry]
    if isinstance(entry, pikepdf.Dictionary) and entry.get("/Subtype") == "/Type3":
        procs = entry.get("/CharProcs")
        if isinstance(procs, pikepdf.Dictionary):
            return [p for p in procs.values() if isinstance(p, pikepdf.Stream)]
    return []


def _program_cost(program: pikepdf.Stream, inherited: object, walk: _Walk, *, depth: int) -> int:
    """Programs one run of ``program`` runs, itself included; one that draws itself is refused.

    A form without resources of its own uses its caller's (old PDFs rely on it), so a form named
    in the page's resources that draws that name again is caught too.
    """
    key = program.objgen
    if key in walk.path:
        raise PageTooCostly("the page's drawing refers to itself (a form or pattern that draws itself)")
    if depth > MAX_DEPTH:
        raise PageTooCostly(f"the page's drawing nests forms more than {MAX_DEPTH} deep")
    shared = key != (0, 0)  # a direct object has no identity to remember it by
    if shared and key in walk.costs:
        return walk.costs[key]
    walk.path.add(key)
    try:
        content = _decoded(program, walk)
        own = program.get("/Resources")
        cost = 1 + _resources_cost(content, own if own is not None else inherited, walk, depth=depth)
    finally:
        walk.path.discard(key)
    _check_draws(cost)
    if shared:
        walk.costs[key] = cost
    return cost


def _check_draws(draws: int) -> None:
    if draws > MAX_DRAWS:
        raise PageTooCostly(f"the page draws more than {MAX_DRAWS} forms or patterns")


def _decoded(stream: pikepdf.Stream, walk: _Walk) -> bytes:
    """A content stream's bytes, inflated no further than the page's remaining allowance."""
    allowance = MAX_CONTENT_BYTES - walk.content_bytes
    filters = stream.get("/Filter")
    names = (
        [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    )
    raw = stream.read_raw_bytes()
    if not names:
        data = raw
    elif names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        inflater = zlib.decompressobj()
        try:
            data = inflater.decompress(raw, allowance + 1)
        except zlib.error:
            data = b""
    else:
        if len(raw) * _UNKNOWN_FILTER_RATIO > allowance:
            raise PageTooCostly("the page's content streams are too large to draw")
        data = stream.read_bytes()
    walk.content_bytes += len(data)
    if walk.content_bytes > MAX_CONTENT_BYTES:
        raise PageTooCostly(
            f"the page's content streams inflate past {MAX_CONTENT_BYTES // (1024 * 1024)} MB"
        )
    return data
