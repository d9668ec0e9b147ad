"""PDF bombs (H2): pages whose drawing would not end or not fit become ERROR pages; others still read."""

from __future__ import annotations

import io
import tracemalloc
import zlib

import pikepdf
import pytest

from hanji.intake.decode import decode_pages
from hanji.intake.limits import IntakeLimits
from hanji.intake.pdf_guard import MAX_CONTENT_BYTES, MAX_OPERATIONS, refused_pages


def _pdf(build: object) -> bytes:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 200))
    build(pdf, page)  # type: ignore[operator]
    good = pdf.add_blank_page(page_size=(200, 200))
    good.obj["/Contents"] = pdf.make_stream(b"0 0 0 rg 20 20 50 50 re f")
    buffer = io.BytesIO()
    pdf.save(buffer)
    return buffer.getvalue()


def _form(pdf: pikepdf.Pdf, content: bytes) -> pikepdf.Stream:
    form = pikepdf.Stream(pdf, content)
    form["/Type"], form["/Subtype"] = pikepdf.Name.XObject, pikepdf.Name.Form
    form["/BBox"] = [0, 0, 200, 200]
    return form


def self_drawing(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    form = pdf.make_indirect(_form(pdf, b"/F Do"))
    form["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=form))
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=form))
    page.obj["/Contents"] = pdf.make_stream(b"/F Do")


def self_drawing_by_inheritance(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    form = pdf.make_indirect(_form(pdf, b"/F Do"))  # no resources: it borrows the page's
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(F=form))
    page.obj["/Contents"] = pdf.make_stream(b"/F Do")


def fan_out(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """Ten levels of forms, each drawing the next ten times: 10^10 draws from a few hundred bytes."""
    child = pdf.make_indirect(_form(pdf, b"0 0 1 1 re f"))
    for _ in range(10):
        parent = pdf.make_indirect(_form(pdf, b"/C Do " * 10))
        parent["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(C=child))
        child = parent
    page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(C=child))
    page.obj["/Contents"] = pdf.make_stream(b"/C Do")


def huge_flate(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    inflated = b" " * (MAX_CONTENT_BYTES + 1024 * 1024)  # nothing drawn: only its size is refused
    stream = pikepdf.Stream(pdf, zlib.compress(inflated, 9))
    stream["/Filter"] = pikepdf.Name.FlateDecode
    page.obj["/Contents"] = pdf.make_indirect(stream)


def many_squares(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    """A few MB of tiny filled squares: far under the byte bound, each one an object PDFium keeps."""
    inflated = b"0 0 1 1 re f\n" * (MAX_OPERATIONS // 2 + 1000)
    stream = pikepdf.Stream(pdf, zlib.compress(inflated, 9))
    stream["/Filter"] = pikepdf.Name.FlateDecode
    page.obj["/Contents"] = pdf.make_indirect(stream)


def vast_page(pdf: pikepdf.Pdf, page: pikepdf.Page) -> None:
    page.obj["/MediaBox"] = [0, 0, 1e9, 1e9]
    page.obj["/Contents"] = pdf.make_stream(b"0 0 1 1 re f")


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (self_drawing, "refers to itself"),
        (self_drawing_by_inheritance, "refers to itself"),
        (fan_out, "draws more than"),
        (huge_flate, "inflate past"),
        (many_squares, "draws more than"),
        (vast_page, "larger than PDF allows"),
    ],
    ids=["self-drawing form", "inherited self-draw", "fan-out", "huge Flate", "many squares", "vast page"],
)
def test_a_bomb_page_is_an_error_page_and_the_next_page_still_reads(build: object, reason: str) -> None:
    data = _pdf(build)
    assert len(data) < 600_000  # small files, all of them
    assert reason in refused_pages(data)[0]
    first, second = decode_pages(data, declared_format="pdf", limits=IntakeLimits())
    assert first.image is None and first.error is not None and reason in first.error
    assert second.image is not None and second.image.min() == 0  # the square was drawn


def test_ordinary_pages_are_not_refused() -> None:
    pdf = pikepdf.new()
    shared = pdf.make_indirect(_form(pdf, b"0 0 1 1 re f"))
    for _ in range(3):
        page = pdf.add_blank_page(page_size=(200, 200))
        page.obj["/Resources"] = pikepdf.Dictionary(XObject=pikepdf.Dictionary(S=shared))
        page.obj["/Contents"] = pdf.make_stream(b"/S Do " * 50)
    buffer = io.BytesIO()
    pdf.save(buffer)
    assert refused_pages(buffer.getvalue()) == {}


def test_a_gigabyte_of_content_is_refused_a_megabyte_at_a_time() -> None:
    """The guard inflates and scans in pieces: refusing 1 GiB of zeros costs it a few MB, not 128."""
    deflate = zlib.compressobj(9)
    zeros = b"\0" * (1024 * 1024)
    raw = b"".join(deflate.compress(zeros) for _ in range(1024)) + deflate.flush()
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(200, 200))
    stream = pikepdf.Stream(pdf, raw)
    stream["/Filter"] = pikepdf.Name.FlateDecode
    page.obj["/Contents"] = pdf.make_indirect(stream)
    buffer = io.BytesIO()
    pdf.save(buffer)
    data = buffer.getvalue()
    tracemalloc.start()
    try:
        assert "inflate past" in refused_pages(data)[0]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024, f"peak {peak / 2**20:.0f} MB"


def test_a_text_heavy_page_is_not_refused() -> None:
    pdf = pikepdf.new()
    page = pdf.add_blank_page(page_size=(595, 842))
    lines = b"".join(
        b"BT /F1 8 Tf 20 %d Td (%s) Tj ET\n" % (800 - i % 790, b"word " * 12) for i in range(20_000)
    )
    page.obj["/Contents"] = pdf.make_stream(lines)
    buffer = io.BytesIO()
    pdf.save(buffer)
    assert refused_pages(buffer.getvalue()) == {}
