"""PDF bombs (H2): pages whose drawing would not end or not fit become ERROR pages; others still read."""

from __future__ import annotations

import io
import zlib

import pikepdf
import pytest

from hanji.intake.decode import decode_pages
from hanji.intake.limits import IntakeLimits
from hanji.intake.pdf_guard import MAX_CONTENT_BYTES, refused_pages


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
    inflated = b"0 0 m\n" * ((MAX_CONTENT_BYTES + 1024 * 1024) // 6)
    stream = pikepdf.Stream(pdf, zlib.compress(inflated, 9))
    stream["/Filter"] = pikepdf.Name.FlateDecode
    page.obj["/Contents"] = pdf.make_indirect(stream)


@pytest.mark.parametrize(
    ("build", "reason"),
    [
        (self_drawing, "refers to itself"),
        (self_drawing_by_inheritance, "refers to itself"),
        (fan_out, "draws more than"),
        (huge_flate, "inflate past"),
    ],
    ids=["self-drawing form", "inherited self-draw", "fan-out", "huge Flate"],
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
