"""Decode raster images (JPEG, PNG, TIFF, BMP, WebP, GIF) with Pillow into RGB pages."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
from PIL import Image, ImageOps

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.limits import IntakeLimits
from hanji.intake.page import DecodedPage, PageStream, RgbImage

# Pillow format names, so a PNG signature is never handed to another decoder.
_PILLOW_FORMATS = {
    "jpeg": "JPEG",
    "png": "PNG",
    "tiff": "TIFF",
    "bmp": "BMP",
    "webp": "WEBP",
    "gif": "GIF",
}
# Only TIFF pages are document pages; other formats' extra frames are animation.
_MULTI_PAGE_KINDS = frozenset({"tiff"})


def decode_raster(data: bytes, kind: str, limits: IntakeLimits) -> list[DecodedPage]:
    """Every page of a raster image file (see :func:`stream_raster`), all at once."""
    return list(stream_raster(data, kind, limits))


def stream_raster(data: bytes, kind: str, limits: IntakeLimits) -> PageStream:
    """Decode the pages of a raster image file one at a time, as the stream is iterated.

    Args:
        data: the file's bytes.
        kind: the sniffed format (a key of ``_PILLOW_FORMATS``).
        limits: page and pixel limits.

    Returns:
        One DecodedPage per page (TIFF) or one for the first frame (other formats). A file that
        cannot be opened at all gives a single page with ``error`` set.

    Raises:
        RequestBodyInvalid: too many pages; while iterating, a page larger than ``limits.max_pixels``.
    """
    label = kind.upper()
    try:
        image = Image.open(io.BytesIO(data), formats=[_PILLOW_FORMATS[kind]])
    except Image.DecompressionBombError as exc:
        # Pillow's own (global) guard fired before ours could: same refusal, our wording.
        raise RequestBodyInvalid(
            f"the image is larger than the limit of {limits.max_pixels} pixels per page"
        ) from exc
    except Exception as exc:  # hostile bytes can trip any decoder error; never a 500
        return PageStream(1, iter([DecodedPage(0, None, f"corrupt {label} file: {_describe(exc)}")]))
    n_pages = _count_frames(image) if kind in _MULTI_PAGE_KINDS else 1
    if n_pages > limits.max_pages:
        image.close()
        raise RequestBodyInvalid(f"the file has {n_pages} pages; the limit is {limits.max_pages} pages")
    return PageStream(n_pages, _closing(image, _decode_frames(image, n_pages, label, limits)))


def _closing(image: Image.Image, pages: Iterator[DecodedPage]) -> Iterator[DecodedPage]:
    with image:
        yield from pages


def _count_frames(image: Image.Image) -> int:
    try:
        return max(1, int(getattr(image, "n_frames", 1)))
    except Exception:
        # A broken IFD chain: read what we can reach from the first page.
        return 1


def _decode_frames(
    image: Image.Image, n_pages: int, label: str, limits: IntakeLimits
) -> Iterator[DecodedPage]:
    for index in range(n_pages):
        try:
            if index:
                image.seek(index)
            # The header is parsed but no pixels are decoded yet: refuse bombs here.
            width, height = image.size
            if width * height > limits.max_pixels:
                raise RequestBodyInvalid(
                    f"page {index + 1} is {width}x{height} pixels; the limit is {limits.max_pixels} pixels"
                )
            yield DecodedPage(index, to_rgb(image))
        except RequestBodyInvalid:
            raise
        except Image.DecompressionBombError as exc:
            raise RequestBodyInvalid(
                f"page {index + 1} is larger than the limit of {limits.max_pixels} pixels per page"
            ) from exc
        except Exception as exc:  # hostile bytes can trip any decoder error; never a 500
            yield DecodedPage(index, None, f"corrupt {label} page: {_describe(exc)}")


def to_rgb(image: Image.Image) -> RgbImage:
    """Load ``image`` upright (EXIF orientation applied) as an RGB uint8 array.

    Grayscale, palette, CMYK, 16-bit and float images are converted; transparency is flattened
    onto white, since transparent pixels usually store black and text would vanish on them.
    """
    image.load()
    upright = ImageOps.exif_transpose(image) or image
    mode = upright.mode
    if mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        return _gray_to_rgb(_scale_to_uint8(np.asarray(upright)))
    if mode == "P" or "A" in mode or "transparency" in upright.info:
        rgba = upright.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        upright = Image.alpha_composite(white, rgba)
    return np.ascontiguousarray(np.asarray(upright.convert("RGB"), dtype=np.uint8))


def _scale_to_uint8(values: npt.NDArray[Any]) -> npt.NDArray[np.uint8]:
    """Map 16/32-bit or float samples onto 0..255 (Pillow's convert would clip them instead)."""
    data = values.astype(np.float64)
    finite = data[np.isfinite(data)]
    high = float(finite.max()) if finite.size else 0.0
    low = float(finite.min()) if finite.size else 0.0
    if np.issubdtype(values.dtype, np.floating) and low >= 0.0 and high <= 1.0:
        scale_low, scale_high = 0.0, 1.0  # float scans are usually 0..1
    elif low >= 0 and high <= 255:
        scale_low, scale_high = 0.0, 255.0
    elif low >= 0 and high <= 65535:
        scale_low, scale_high = 0.0, 65535.0
    else:
        scale_low, scale_high = low, high  # an unknown range: stretch what is there
    span = scale_high - scale_low or 1.0
    scaled = (np.nan_to_num(data, nan=scale_low) - scale_low) * (255.0 / span)
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)


def _gray_to_rgb(gray: npt.NDArray[np.uint8]) -> RgbImage:
    return np.ascontiguousarray(np.repeat(gray[:, :, None], 3, axis=2))


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or type(exc).__name__
