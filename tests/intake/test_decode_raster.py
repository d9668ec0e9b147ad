"""Decoding raster images: formats, conversions, orientation, corrupt files and bombs."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from hanji.core.errors import RequestBodyInvalid
from hanji.intake import DecodedPage, IntakeLimits, decode_pages

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "shared-samples"
LIMITS = IntakeLimits()


def encode(image: Image.Image, pillow_format: str, **params: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, **params)
    return buffer.getvalue()


def decode_one(data: bytes, declared: str | None = None, limits: IntakeLimits = LIMITS) -> DecodedPage:
    pages = decode_pages(data, declared_format=declared, limits=limits)
    assert len(pages) == 1
    return pages[0]


def image_of(page: DecodedPage) -> np.ndarray:
    assert page.error is None, page.error
    assert page.image is not None
    assert page.image.dtype == np.uint8
    assert page.image.ndim == 3 and page.image.shape[2] == 3
    return page.image


@pytest.mark.parametrize("pillow_format", ["JPEG", "PNG", "BMP", "WEBP", "GIF", "TIFF"])
def test_each_format_decodes_to_rgb(pillow_format: str) -> None:
    source = Image.new("RGB", (30, 20), (200, 30, 40))
    rgb = image_of(decode_one(encode(source, pillow_format)))
    assert rgb.shape == (20, 30, 3)
    # Lossy formats and GIF's palette shift colours a little; the channel order must be RGB.
    red, green, blue = rgb[10, 15].astype(int)
    assert red > 150 and green < 80 and blue < 90


def test_declared_format_that_lies_is_tolerated() -> None:
    png = encode(Image.new("RGB", (5, 4), "white"), "PNG")
    assert image_of(decode_one(png, declared="jpg")).shape == (4, 5, 3)


def test_shared_phototest_tiff() -> None:
    rgb = image_of(decode_one((SAMPLES / "phototest.tif").read_bytes(), declared="tif"))
    assert rgb.shape == (480, 640, 3)
    assert rgb.mean() > 200  # black text on white paper


def test_multi_page_tiff_keeps_page_order() -> None:
    pages = [Image.new("L", (10 + i, 20), 60 * i) for i in range(3)]
    data = encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    decoded = decode_pages(data, declared_format="tiff", limits=LIMITS)
    assert [p.index for p in decoded] == [0, 1, 2]
    assert [p.width for p in decoded] == [10, 11, 12]
    assert [int(image_of(p)[0, 0, 0]) for p in decoded] == [0, 60, 120]


def test_too_many_tiff_pages_is_refused() -> None:
    pages = [Image.new("L", (4, 4)) for _ in range(3)]
    data = encode(pages[0], "TIFF", save_all=True, append_images=pages[1:])
    with pytest.raises(RequestBodyInvalid) as caught:
        decode_pages(data, declared_format="tiff", limits=IntakeLimits(max_pages=2))
    assert caught.value.code == "0011"
    assert "the file has 3 pages; the limit is 2 pages" in caught.value.message


def test_gif_gives_its_first_frame_only() -> None:
    frames = [Image.new("RGB", (6, 6), colour) for colour in ("white", "black")]
    data = encode(frames[0], "GIF", save_all=True, append_images=frames[1:])
    assert image_of(decode_one(data)).min() > 200


def test_truncated_jpeg_is_a_page_error() -> None:
    noise = np.random.default_rng(1).integers(0, 255, (64, 64, 3), dtype=np.uint8)
    jpeg = encode(Image.fromarray(noise), "JPEG")
    page = decode_one(jpeg[: len(jpeg) // 2], declared="jpg")
    assert page.image is None
    assert page.error is not None and page.error.startswith("corrupt JPEG")


def test_png_signature_with_garbage_is_a_page_error() -> None:
    page = decode_one(b"\x89PNG\r\n\x1a\n" + b"\x00garbage" * 10)
    assert page.error is not None and page.error.startswith("corrupt PNG file")


def test_corrupt_page_among_good_tiff_pages() -> None:
    pages = [Image.new("L", (32, 32), 50 * (i + 1)) for i in range(3)]
    deflated = {"compression": "tiff_adobe_deflate"}
    data = bytearray(encode(pages[0], "TIFF", save_all=True, append_images=pages[1:], **deflated))
    with Image.open(io.BytesIO(bytes(data))) as tiff:
        tiff.seek(1)
        tags = tiff.tag_v2  # type: ignore[attr-defined]
        offset, length = tags[273][0], tags[279][0]
    data[offset : offset + length] = b"\xff" * length  # page 2's compressed strip becomes junk
    decoded = decode_pages(bytes(data), declared_format="tiff", limits=LIMITS)
    assert [p.error is None for p in decoded] == [True, False, True]
    assert decoded[1].error is not None and decoded[1].error.startswith("corrupt TIFF page")
    assert int(image_of(decoded[2])[0, 0, 0]) == 150


def _png_header_only(width: int, height: int) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = chunk(b"IDAT", zlib.compress(b"\x00"))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + idat + chunk(b"IEND", b"")


def test_png_bomb_header_is_refused_before_decoding() -> None:
    with pytest.raises(RequestBodyInvalid) as caught:
        decode_pages(_png_header_only(100_000, 100_000), declared_format="png", limits=LIMITS)
    assert caught.value.code == "0011"
    assert "50000000 pixels" in caught.value.message


def test_image_over_our_pixel_limit_is_refused_by_its_header() -> None:
    limits = IntakeLimits(max_pixels=5_000_000)
    with pytest.raises(RequestBodyInvalid, match=r"page 1 is 3000x2000 pixels; the limit is 5000000 pixels"):
        decode_pages(_png_header_only(3000, 2000), declared_format="png", limits=limits)


def test_exif_orientation_is_applied() -> None:
    source = Image.new("RGB", (40, 20), "white")
    source.paste((0, 0, 0), (0, 0, 10, 20))  # black band on the left as stored
    exif = Image.Exif()
    exif[0x0112] = 6  # stored rotated: display needs a 90° clockwise turn
    rgb = image_of(decode_one(encode(source, "JPEG", exif=exif.tobytes(), quality=95)))
    assert rgb.shape == (40, 20, 3)
    assert rgb[2, 10].mean() < 60  # the band is now along the top
    assert rgb[35, 10].mean() > 200


@pytest.mark.parametrize("mode", ["L", "1", "CMYK", "P", "I", "F", "LA", "RGBA"])
def test_modes_convert_to_rgb(mode: str) -> None:
    source = Image.new("RGB", (12, 12), "white").convert(mode)
    pillow_format = {"CMYK": "JPEG", "F": "TIFF", "I": "TIFF"}.get(mode, "PNG")
    rgb = image_of(decode_one(encode(source, pillow_format)))
    assert rgb.shape == (12, 12, 3)
    assert rgb.min() > 200, mode


def test_transparent_background_becomes_white() -> None:
    source = Image.new("RGBA", (10, 10), (0, 0, 0, 0))
    source.putpixel((5, 5), (0, 0, 0, 255))
    rgb = image_of(decode_one(encode(source, "PNG")))
    assert rgb[0, 0].tolist() == [255, 255, 255]
    assert rgb[5, 5].tolist() == [0, 0, 0]


def test_sixteen_bit_grayscale_is_scaled_not_clipped() -> None:
    gray = np.array([[0, 32768, 65535]], dtype=np.uint16)
    ok, buffer = cv2.imencode(".png", gray)
    assert ok
    rgb = image_of(decode_one(buffer.tobytes()))
    assert rgb[0, :, 0].tolist() == [0, 128, 255]


def test_sixteen_bit_colour_png() -> None:
    colour = np.zeros((4, 4, 3), dtype=np.uint16)
    colour[..., 2] = 65535  # OpenCV writes BGR: this is red
    ok, buffer = cv2.imencode(".png", colour)
    assert ok
    assert image_of(decode_one(buffer.tobytes()))[0, 0].tolist() == [255, 0, 0]
