"""Rasterise PDF pages with PDFium, within a pixel budget."""

from __future__ import annotations

import ctypes
import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.limits import IntakeLimits
from hanji.intake.page import DecodedPage, PageStream
from hanji.intake.pdf_guard import refused_pages

ENCRYPTED_PDF_MESSAGE = "encrypted PDF: remove the password and send it again"
_PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
_POINTS_PER_INCH = 72.0

# PDFium is not thread-safe: one process-wide lock serialises every call into it.
PDFIUM_LOCK = threading.Lock()


def decode_pdf(data: bytes, limits: IntakeLimits) -> list[DecodedPage]:
    """Every page of a PDF rendered to RGB (see :func:`stream_pdf`), all at once."""
    return list(stream_pdf(data, limits))


def stream_pdf(data: bytes, limits: IntakeLimits) -> PageStream:
    """Render a PDF's pages to RGB at ``limits.pdf_dpi``, lowered to fit ``limits.max_pixels``,
    one page at a time as the stream is iterated.

    Args:
        data: the PDF file's bytes.
        limits: page count, pixel and resolution limits.

    Returns:
        One DecodedPage per page. An encrypted or unreadable PDF gives one page with ``error``.

    Raises:
        RequestBodyInvalid: the PDF has more pages than ``limits.max_pages``.
    """
    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == _PDFIUM_PASSWORD_ERROR:
                return _one(DecodedPage(0, None, ENCRYPTED_PDF_MESSAGE))
            return _one(DecodedPage(0, None, f"corrupt PDF file: {exc}"))
        n_pages = len(document)
        if n_pages == 0 or n_pages > limits.max_pages:
            document.close()
            if n_pages == 0:
                return _one(DecodedPage(0, None, "the PDF has no pages"))
            raise RequestBodyInvalid(f"the PDF has {n_pages} pages; the limit is {limits.max_pages} pages")
        # Without forms init, filled-in AcroForm values would not be drawn.
        document.init_forms()
    refused = refused_pages(data)
    return PageStream(n_pages, _rendered_pages(document, n_pages, limits, refused))


def _one(page: DecodedPage) -> PageStream:
    return PageStream(1, iter([page]))


def _rendered_pages(
    document: pdfium.PdfDocument, n_pages: int, limits: IntakeLimits, refused: dict[int, str]
) -> Iterator[DecodedPage]:
    try:
        for index in range(n_pages):
            if index in refused:  # drawing it would not end, or not fit (see pdf_guard)
                yield DecodedPage(index, None, refused[index])
                continue
            # The lock is held per page, not per file: other requests' PDFs render in between.
            with PDFIUM_LOCK:
                page = _render_page(document, index, limits)
            yield page
    finally:
        with PDFIUM_LOCK:
            document.close()


def _render_page(document: pdfium.PdfDocument, index: int, limits: IntakeLimits) -> DecodedPage:
    try:
        page = document[index]
    except Exception as exc:  # a broken page object must not sink the others
        return DecodedPage(index, None, f"corrupt PDF page: {exc}")
    try:
        width_pt, height_pt = page.get_size()
        scale = render_scale(width_pt, height_pt, limits)
        if scale is None:
            return DecodedPage(index, None, f"the PDF page has an unusable size ({width_pt}x{height_pt} pt)")
        bitmap = page.render(scale=scale, rev_byteorder=True, fill_color=(255, 255, 255, 255))
        try:
            pixels = bitmap.to_numpy()
            rgb = np.ascontiguousarray(pixels[:, :, :3], dtype=np.uint8)
        finally:
            bitmap.close()
        return DecodedPage(index, rgb)
    except Exception as exc:  # PDFium reports page failures in many shapes
        return DecodedPage(index, None, f"corrupt PDF page: {exc}")
    finally:
        page.close()


def render_scale(width_pt: float, height_pt: float, limits: IntakeLimits) -> float | None:
    """Pixels per point for a page: ``pdf_dpi``, lowered so the bitmap fits ``max_pixels``.

    The size is checked before rendering so a huge MediaBox cannot allocate a huge bitmap.

    Returns:
        The scale, or None when the page size is not a positive finite number.
    """
    if not (math.isfinite(width_pt) and math.isfinite(height_pt)) or width_pt <= 0 or height_pt <= 0:
        return None
    scale = limits.pdf_dpi / _POINTS_PER_INCH
    # +1 per side: PDFium rounds the bitmap size up.
    if (width_pt * scale + 1) * (height_pt * scale + 1) > limits.max_pixels:
        scale = math.sqrt(limits.max_pixels / (width_pt * height_pt)) * 0.999
        scale = min(scale, limits.pdf_dpi / _POINTS_PER_INCH)
        while (width_pt * scale + 1) * (height_pt * scale + 1) > limits.max_pixels and scale > 1e-6:
            scale *= 0.99
    if width_pt * scale < 1 or height_pt * scale < 1:
        return None
    return scale


@dataclass(frozen=True, slots=True)
class PageFrame:
    """How one PDF page relates to its rendering: whether it has text, and where pixels fall on it.

    Attributes:
        has_text: the page already carries extractable text.
        corners: user-space points of the rendering's top-left, top-right and bottom-left corners
            (PDFium's own mapping, so /Rotate and crop-box offsets are accounted for).
    """

    has_text: bool
    corners: tuple[tuple[float, float], tuple[float, float], tuple[float, float]]

    def pixels_to_page(self, width: int, height: int) -> tuple[float, float, float, float, float, float]:
        """The matrix from a ``width`` x ``height`` rendering's pixels (y down) to user space."""
        (ox, oy), (rx, ry), (bx, by) = self.corners
        return ((rx - ox) / width, (ry - oy) / width, (bx - ox) / height, (by - oy) / height, ox, oy)


def page_frames(data: bytes) -> list[PageFrame]:
    """A PageFrame per page of the PDF ``data`` (which has already been decoded once)."""
    frames: list[PageFrame] = []
    refused = refused_pages(data)
    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(data)
        try:
            for index in range(len(document)):
                page = document[index]
                try:
                    has_text = False
                    if index not in refused:  # reading a refused page's text would draw it
                        textpage = page.get_textpage()
                        try:
                            has_text = bool(textpage.get_text_range().strip())
                        finally:
                            textpage.close()
                    frames.append(PageFrame(has_text, _corners(page)))
                finally:
                    page.close()
        finally:
            document.close()
    return frames


def _corners(page: pdfium.PdfPage) -> tuple[tuple[float, float], tuple[float, float], tuple[float, float]]:
    # A large virtual device keeps the integer device coordinates PDFium takes exact at the corners.
    size = 10_000

    def to_page(x: int, y: int) -> tuple[float, float]:
        page_x, page_y = ctypes.c_double(), ctypes.c_double()
        pdfium_c.FPDF_DeviceToPage(page.raw, 0, 0, size, size, 0, x, y, page_x, page_y)
        return page_x.value, page_y.value

    return to_page(0, 0), to_page(size, 0), to_page(0, size)
