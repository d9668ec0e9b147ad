"""PDF pages checked before PDFium draws them: work that would not end, or not fit, is refused.

A 639-byte PDF can hold a form XObject that draws itself, a tree of forms that each draw the next
ten times (ten levels: 10^10 draws), a content stream that inflates to gigabytes, or a few
megabytes of tiny filled squares (PDFium keeps ~170 bytes per drawn object: 60 MB of them is
1.6 GB). PDFium would spend the whole OCR timeout and many gigabytes on such a page, so each page's
drawing graph is walked first (pikepdf reads the objects without drawing anything) and its content
streams are inflated a chunk at a time and scanned, never held whole: a cycle, a draw count, an
operation count, a content size or a page size over the bounds makes that page an ``ERROR`` page,
and the other pages still read.
"""

from __future__ import annotations

import io
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

import pikepdf

MAX_DRAWS = 100_000
"""Form, pattern and glyph programs one page may run, counting each draw of a shared one."""
MAX_CONTENT_BYTES = 64 * 1024 * 1024
"""Decoded content-stream bytes one page may hold (its own and those of everything it draws)."""
MAX_OPERATIONS = 400_000
"""Path, painting, text-showing and image operators one page's content may hold (each becomes an
object PDFium keeps while drawing: ~70 MB at this bound). A dense text page has ~20k."""
MAX_PAGE_POINTS = 14_400.0
"""The largest page side PDF allows (200 inches, ISO 32000 Annex C)."""
MAX_DEPTH = 24
_UNKNOWN_FILTER_RATIO = 200  # assumed worst growth of filters we do not inflate ourselves
_CHUNK = 1024 * 1024
_TAIL = 256  # bytes carried between chunks, so a token split across them is still seen whole
_DO_OPERATOR = re.compile(rb"/([^\s/\[\]()<>{}%]+)\s+Do\b")
_DRAWING_OPERATOR = re.compile(
    rb"(?<![A-Za-z0-9_*'\"#./])(?:re|m|l|c|v|y|h|f\*?|F|B\*?|b\*?|S|s|n|W\*?|Tj|TJ|'|\"|sh|Do|BI)(?![A-Za-z0-9_*'\"])"
)


class PageTooCostly(Exception):
    """Why a page's drawing is refused (the message is the page's error text)."""


@dataclass
class _Walk:
    """One page's walk: content bytes and operations read so far, programs already costed, the
    current path."""

    content_bytes: int = 0
    operations: int = 0
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
    _check_size(page)
    walk = _Walk()
    contents = page.obj.get("/Contents")
    streams = contents if isinstance(contents, pikepdf.Array) else [contents]
    names: Counter[str] = Counter()
    for stream in streams:
        if isinstance(stream, pikepdf.Stream):
            names.update(_scanned(stream, walk))
    _resources_cost(names, page.obj.get("/Resources"), walk, depth=0)


def _check_size(page: pikepdf.Page) -> None:
    box = page.obj.get("/MediaBox")
    try:
        x0, y0, x1, y1 = (float(v) for v in box)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        return  # a broken box is PDFium's to judge
    unit = page.obj.get("/UserUnit")
    scale = float(unit) if isinstance(unit, int | float | pikepdf.Object) and _is_number(unit) else 1.0
    if max(abs(x1 - x0), abs(y1 - y0)) * scale > MAX_PAGE_POINTS:
        raise PageTooCostly(f"the page is larger than PDF allows ({MAX_PAGE_POINTS / 72:.0f} inches a side)")


def _is_number(value: object) -> bool:
    try:
        float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return True


def _resources_cost(names: Counter[str], resources: object, walk: _Walk, *, depth: int) -> int:
    """Programs that drawing ``content`` runs out of ``resources``: forms as often as it names them
    with ``Do``, patterns and Type 3 glyph programs once each (a lower bound; what we can count)."""
    if not isinstance(resources, pikepdf.Dictionary):
        return 0
    total = 0
    xobjects = resources.get("/XObject")
    if isinstance(xobjects, pikepdf.Dictionary):
        for key, count in names.items():
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
        names = _scanned(program, walk)
        own = program.get("/Resources")
        cost = 1 + _resources_cost(names, own if own is not None else inherited, walk, depth=depth)
    finally:
        walk.path.discard(key)
    _check_draws(cost)
    if shared:
        walk.costs[key] = cost
    return cost


def _check_draws(draws: int) -> None:
    if draws > MAX_DRAWS:
        raise PageTooCostly(f"the page draws more than {MAX_DRAWS} forms or patterns")


def _scanned(stream: pikepdf.Stream, walk: _Walk) -> Counter[str]:
    """The form names a content stream draws with ``Do`` (and how often), its operations and bytes
    added to the page's walk; inflated a chunk at a time, no further than the page's allowance."""
    names: Counter[str] = Counter()
    tail = b""
    for chunk in _chunks(stream, walk):
        text = tail + chunk
        # Tokens wholly inside the carried tail were counted with the previous chunk.
        skip = len(tail)
        for match in _DO_OPERATOR.finditer(text):
            if match.end() > skip:
                names["/" + match.group(1).decode("latin-1")] += 1
        walk.operations += sum(1 for m in _DRAWING_OPERATOR.finditer(text) if m.end() > skip)
        if walk.operations > MAX_OPERATIONS:
            raise PageTooCostly(f"the page draws more than {MAX_OPERATIONS} paths, texts and images")
        tail = text[-_TAIL:]
    return names


def _chunks(stream: pikepdf.Stream, walk: _Walk) -> Iterator[bytes]:
    """A content stream's decoded bytes in pieces of at most ``_CHUNK``, counted against the page."""
    allowance = MAX_CONTENT_BYTES - walk.content_bytes
    filters = stream.get("/Filter")
    names = (
        [str(f) for f in filters] if isinstance(filters, pikepdf.Array) else [str(filters)] if filters else []
    )
    if not names:
        pieces: Iterator[bytes] = _split(stream.read_raw_bytes())
    elif names == ["/FlateDecode"] and stream.get("/DecodeParms") is None:
        pieces = _inflate(stream.read_raw_bytes())
    else:
        if len(stream.read_raw_bytes()) * _UNKNOWN_FILTER_RATIO > allowance:
            raise PageTooCostly("the page's content streams are too large to draw")
        pieces = _split(stream.read_bytes())
    for piece in pieces:
        walk.content_bytes += len(piece)
        if walk.content_bytes > MAX_CONTENT_BYTES:
            raise PageTooCostly(
                f"the page's content streams inflate past {MAX_CONTENT_BYTES // (1024 * 1024)} MB"
            )
        yield piece


def _split(data: bytes) -> Iterator[bytes]:
    view = memoryview(data)
    for start in range(0, len(data), _CHUNK):
        yield bytes(view[start : start + _CHUNK])


def _inflate(raw: bytes) -> Iterator[bytes]:
    """Flate-decode ``raw`` a chunk at a time (a broken stream ends where it breaks, as PDFium's does)."""
    inflater = zlib.decompressobj()
    pending = raw
    try:
        while True:
            # max_length bounds each piece; what zlib still holds comes out on the next call.
            piece = inflater.decompress(pending, _CHUNK)
            pending = inflater.unconsumed_tail
            if piece:
                yield piece
            elif not pending or inflater.eof:
                break
    except zlib.error:
        return
