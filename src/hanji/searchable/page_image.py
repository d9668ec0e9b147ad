"""Image pages of the output PDF, from a raster input, kept as they came wherever PDF allows it.

A JPEG's bytes become the image stream unchanged (PDF reads baseline and progressive DCT), and a
plain PNG's compressed rows are handed over as a Flate stream with the PNG predictor, so neither
is decoded and encoded again. An EXIF orientation is applied by the placement matrix, not to the
pixels. Other inputs (TIFF pages, BMP, WebP, GIF, PNGs with alpha or interlacing) are re-encoded
losslessly, through Pillow's PNG encoder and the same Flate path.
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import pikepdf
from PIL import Image

from hanji.intake.raster import to_rgb
from hanji.searchable.text_layer import Matrix

DEFAULT_DPI = 96.0
"""Resolution assumed for an image that states none (as img2pdf and most viewers do)."""
_DPI_RANGE = (10.0, 10_000.0)
_EXIF_ORIENTATION = 0x0112
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PASSTHROUGH_PNG_DEPTHS = {0: (1, 2, 4, 8, 16), 2: (8, 16), 3: (1, 2, 4, 8)}
_PIL_FORMATS = {"jpeg": "JPEG", "png": "PNG", "tiff": "TIFF", "bmp": "BMP", "webp": "WEBP", "gif": "GIF"}


@dataclass(frozen=True, slots=True)
class PageImage:
    """One output page: its image XObject, the page size in points, and the two placements.

    Attributes:
        image: the image XObject.
        width_pt: page width in points.
        height_pt: page height in points.
        placement: ``cm`` that draws the image's unit square upright over the page.
        pixels_to_page: ``cm`` from the upright image's pixels (y down) to the page's points.
    """

    image: pikepdf.Stream
    width_pt: float
    height_pt: float
    placement: Matrix
    pixels_to_page: Matrix


def raster_pages(pdf: pikepdf.Pdf, data: bytes, kind: str) -> Iterator[PageImage | None]:
    """Each page of a raster file as a PageImage, or None for a page that cannot be decoded.

    Pages are produced one at a time, so a many-page TIFF holds one decoded page at once.
    """
    with Image.open(io.BytesIO(data), formats=[_PIL_FORMATS[kind]]) as image:
        n_pages = int(getattr(image, "n_frames", 1)) if kind == "tiff" else 1
        for index in range(n_pages):
            try:
                if index:
                    image.seek(index)
                yield _page(pdf, image, data if n_pages == 1 else None, kind)
            except Exception:  # a broken frame: the caller writes a blank page for it
                yield None


def _page(pdf: pikepdf.Pdf, image: Image.Image, data: bytes | None, kind: str) -> PageImage:
    dpi_x, dpi_y = _dpi(image)
    orientation = int(image.getexif().get(_EXIF_ORIENTATION, 1) or 1)
    stored = None
    if data is not None and kind == "jpeg":
        stored = _jpeg_stream(pdf, image, data)
    elif data is not None and kind == "png":
        stored = _png_stream(pdf, data)
    if stored is None:
        orientation = 1  # to_rgb turns the pixels upright itself
        stored = _lossless_stream(pdf, image)
    width, height = int(stored["/Width"]), int(stored["/Height"])
    upright_w, upright_h = (height, width) if orientation in (5, 6, 7, 8) else (width, height)
    kx, ky = 72.0 / dpi_x, 72.0 / dpi_y
    width_pt, height_pt = upright_w * kx, upright_h * ky
    return PageImage(
        image=stored,
        width_pt=width_pt,
        height_pt=height_pt,
        placement=_placement(orientation, width, height, kx, ky, height_pt),
        pixels_to_page=(kx, 0.0, 0.0, -ky, 0.0, height_pt),
    )


def _dpi(image: Image.Image) -> tuple[float, float]:
    raw = image.info.get("dpi")
    try:
        x, y = (float(raw[0]), float(raw[1])) if raw else (0.0, 0.0)
    except (TypeError, ValueError, IndexError):
        x, y = 0.0, 0.0
    low, high = _DPI_RANGE
    if not (low <= x <= high and low <= y <= high):
        return DEFAULT_DPI, DEFAULT_DPI
    return x, y


def _placement(orientation: int, width: int, height: int, kx: float, ky: float, page_h: float) -> Matrix:
    """The affine map from the stored image's unit square to page points, applying EXIF orientation."""

    def upright(x: float, y: float) -> tuple[float, float]:
        w, h = width, height
        return {
            2: (w - x, y),
            3: (w - x, h - y),
            4: (x, h - y),
            5: (y, x),
            6: (h - y, x),
            7: (h - y, w - x),
            8: (y, w - x),
        }.get(orientation, (x, y))

    def on_page(u: float, v: float) -> tuple[float, float]:
        ux, uy = upright(u * width, (1 - v) * height)  # unit square: v up, stored rows: y down
        return ux * kx, page_h - uy * ky

    ox, oy = on_page(0, 0)
    ax, ay = on_page(1, 0)
    cx, cy = on_page(0, 1)
    return (ax - ox, ay - oy, cx - ox, cy - oy, ox, oy)


def _jpeg_stream(pdf: pikepdf.Pdf, image: Image.Image, data: bytes) -> pikepdf.Stream | None:
    spaces = {"L": "/DeviceGray", "RGB": "/DeviceRGB", "CMYK": "/DeviceCMYK"}
    if image.mode not in spaces:
        return None
    stream = pikepdf.Stream(pdf, data)
    stream["/Type"] = pikepdf.Name.XObject
    stream["/Subtype"] = pikepdf.Name.Image
    stream["/Width"], stream["/Height"] = image.size
    stream["/ColorSpace"] = pikepdf.Name(spaces[image.mode])
    stream["/BitsPerComponent"] = 8
    stream["/Filter"] = pikepdf.Name.DCTDecode
    if image.mode == "CMYK" and "adobe" in image.info:
        stream["/Decode"] = [1, 0, 1, 0, 1, 0, 1, 0]  # Adobe's CMYK JPEGs store inverted samples
    return stream


def _png_stream(pdf: pikepdf.Pdf, data: bytes) -> pikepdf.Stream | None:
    """The PNG's own compressed rows as a Flate stream, when PDF can read them as they are."""
    chunks = _png_chunks(data)
    if chunks is None or b"tRNS" in chunks or b"IHDR" not in chunks:
        return None
    header = chunks[b"IHDR"][0]
    if len(header) != 13:
        return None
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if interlace or depth not in _PASSTHROUGH_PNG_DEPTHS.get(colour, ()):
        return None
    colours = {0: 1, 2: 3, 3: 1}[colour]
    space: object = pikepdf.Name.DeviceGray if colour == 0 else pikepdf.Name.DeviceRGB
    if colour == 3:
        palette = b"".join(chunks.get(b"PLTE", []))
        if not palette or len(palette) % 3:
            return None
        space = [pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, len(palette) // 3 - 1, pikepdf.String(palette)]
    stream = pikepdf.Stream(pdf, b"".join(chunks[b"IDAT"]))
    stream["/Type"] = pikepdf.Name.XObject
    stream["/Subtype"] = pikepdf.Name.Image
    stream["/Width"], stream["/Height"] = width, height
    stream["/ColorSpace"] = space
    stream["/BitsPerComponent"] = depth
    stream["/Filter"] = pikepdf.Name.FlateDecode
    stream["/DecodeParms"] = pikepdf.Dictionary(
        Predictor=15, Colors=colours, BitsPerComponent=depth, Columns=width
    )
    return stream


def _png_chunks(data: bytes) -> dict[bytes, list[bytes]] | None:
    if not data.startswith(_PNG_SIGNATURE):
        return None
    chunks: dict[bytes, list[bytes]] = {}
    offset = len(_PNG_SIGNATURE)
    while offset + 8 <= len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        body = data[offset + 8 : offset + 8 + length]
        if len(body) != length:
            return None
        chunks.setdefault(kind, []).append(body)
        offset += 12 + length
        if kind == b"IEND":
            break
    return chunks if b"IDAT" in chunks else None


def _lossless_stream(pdf: pikepdf.Pdf, image: Image.Image) -> pikepdf.Stream:
    rgb = to_rgb(image)
    gray = bool(np.array_equal(rgb[:, :, 0], rgb[:, :, 1]) and np.array_equal(rgb[:, :, 1], rgb[:, :, 2]))
    pixels = Image.fromarray(rgb[:, :, 0] if gray else rgb)
    buffer = io.BytesIO()
    pixels.save(buffer, format="PNG", compress_level=6)
    stream = _png_stream(pdf, buffer.getvalue())
    if stream is None:  # Pillow's own PNG is always plain; this is a guard, not a path
        raw = zlib.compress(pixels.tobytes())
        stream = pikepdf.Stream(pdf, raw)
        stream["/Type"], stream["/Subtype"] = pikepdf.Name.XObject, pikepdf.Name.Image
        stream["/Width"], stream["/Height"] = pixels.size
        stream["/ColorSpace"] = pikepdf.Name.DeviceGray if gray else pikepdf.Name.DeviceRGB
        stream["/BitsPerComponent"] = 8
        stream["/Filter"] = pikepdf.Name.FlateDecode
    return stream
