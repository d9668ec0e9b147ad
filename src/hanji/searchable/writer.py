"""Write a searchable PDF: the input's pages as they were, each with its OCR words as invisible text.

An image input becomes one page per image (TIFF: per frame), sized by the image's DPI. A PDF input
keeps its own pages — content, resolution and all — and gains a text layer mapped through
PDFium's own page-to-pixel transform, so rotated pages and offset crop boxes land where the OCR
read them. A PDF page that already carries text is kept as it is (no doubled text).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import BinaryIO

import pikepdf

from hanji.core.errors import RequestBodyInvalid
from hanji.core.result import Document, Page
from hanji.intake.pdf import page_frames
from hanji.intake.sniff import sniff_format
from hanji.searchable.font import TextFonts, build_fonts
from hanji.searchable.page_image import PageImage, raster_pages
from hanji.searchable.text_layer import Matrix, page_text_layer, words_of

_BLANK_PAGE = (612.0, 792.0)  # US Letter, for an image frame that could not be decoded


def write_searchable_pdf(data: bytes, document: Document, out: BinaryIO, *, languages: Sequence[str]) -> None:
    """Write ``data`` (the file OCR'd) with ``document`` (its OCR result) as a searchable PDF to ``out``.

    Args:
        data: the input file: an image, a multi-page TIFF or a PDF.
        document: the OCR result of that file, one Page per input page.
        out: where the PDF goes.
        languages: the languages read (they pick the CJK face's glyph style).

    Raises:
        RequestBodyInvalid: the bytes are no supported format, or do not match the result's pages.
    """
    kind = sniff_format(data)
    if kind is None:
        raise RequestBodyInvalid(
            "the file is not a supported image or PDF; send JPEG, PNG, TIFF, PDF, BMP, WebP or GIF"
        )
    pdf = pikepdf.new()
    fonts = build_fonts(pdf, _characters(document.pages), languages)
    if kind == "pdf":
        _overlay_pdf(pdf, data, document, fonts)
    else:
        _image_pages(pdf, data, kind, document, fonts)
    pdf.docinfo["/Producer"] = "Hanji searchable PDF"
    # Leave the images' streams exactly as they came (no Flate recompression, no predictor loss).
    # Object streams compress the font dictionaries' width arrays too (PDF 1.5).
    pdf.save(
        out,
        stream_decode_level=pikepdf.StreamDecodeLevel.none,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )


def searchable_pdf_bytes(data: bytes, document: Document, *, languages: Sequence[str]) -> bytes:
    """``write_searchable_pdf`` into memory (for API responses and stored job results)."""
    buffer = io.BytesIO()
    write_searchable_pdf(data, document, buffer, languages=languages)
    return buffer.getvalue()


def _characters(pages: Iterable[Page]) -> set[str]:
    return {char for page in pages for word in words_of(page) for char in word.text}


def _image_pages(pdf: pikepdf.Pdf, data: bytes, kind: str, document: Document, fonts: TextFonts) -> None:
    results = {page.index: page for page in document.pages}
    for index, placed in enumerate(raster_pages(pdf, data, kind)):
        if placed is None:
            pdf.add_blank_page(page_size=_BLANK_PAGE)
            continue
        layer = b""
        if index in results:
            layer = page_text_layer(results[index], fonts, _fitted(placed, results[index]))
        drawing = f"q {_numbers(placed.placement)} cm /Im0 Do Q\n".encode("ascii")
        page = pdf.add_blank_page(page_size=(placed.width_pt, placed.height_pt))
        page.obj["/Resources"] = pikepdf.Dictionary(
            XObject=pikepdf.Dictionary(Im0=placed.image), Font=fonts.resources()
        )
        page.obj["/Contents"] = pdf.make_stream(drawing + layer)


def _fitted(placed: PageImage, result: Page) -> Matrix:
    """The pixel-to-point map, rescaled should the OCR have seen the page at another size."""
    top = placed.pixels_to_page[5]
    if not result.width or not result.height:
        return placed.pixels_to_page
    return (placed.width_pt / result.width, 0.0, 0.0, -placed.height_pt / result.height, 0.0, top)


def _overlay_pdf(pdf: pikepdf.Pdf, data: bytes, document: Document, fonts: TextFonts) -> None:
    results = {page.index: page for page in document.pages}
    source = pikepdf.open(io.BytesIO(data))
    frames = page_frames(data)
    if len(frames) != len(source.pages):
        raise RequestBodyInvalid("the PDF's pages could not be matched to its OCR result")
    for index, source_page in enumerate(source.pages):
        pdf.pages.append(source_page)
        page = pdf.pages[-1]
        result, frame = results.get(index), frames[index]
        if result is None or frame.has_text or not result.width or not result.height:
            continue
        to_page = frame.pixels_to_page(result.width, result.height)
        layer = page_text_layer(result, fonts, to_page)
        if not layer:
            continue
        resources = page.obj.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            resources = pikepdf.Dictionary()
            page.obj["/Resources"] = resources
        font_dict = resources.get("/Font")
        if not isinstance(font_dict, pikepdf.Dictionary):
            font_dict = pikepdf.Dictionary()
            resources["/Font"] = font_dict
        renamed = {font.resource: _free_name(font_dict, font.resource) for font in fonts.fonts}
        for font in fonts.fonts:
            font_dict["/" + renamed[font.resource]] = font.font
        for old, new in renamed.items():
            if old != new:
                layer = layer.replace(f"/{old} ".encode(), f"/{new} ".encode())
        # The page's own content may leave the graphics state changed: wrap it before adding ours.
        page.contents_add(pdf.make_stream(b"q\n"), prepend=True)
        page.contents_add(pdf.make_stream(b"Q\n" + layer), prepend=False)


def _free_name(fonts: pikepdf.Dictionary, wanted: str) -> str:
    name, counter = wanted, 0
    while "/" + name in fonts:
        counter += 1
        name = f"{wanted}H{counter}"
    return name


def _numbers(values: Matrix) -> str:
    return " ".join(f"{v:.6f}" for v in values)
