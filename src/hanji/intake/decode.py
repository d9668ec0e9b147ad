"""Bytes in, page images out: the one entry point the pipeline calls for a client's file."""

from __future__ import annotations

from hanji.core.errors import RequestBodyInvalid
from hanji.intake.limits import IntakeLimits, describe_bytes
from hanji.intake.page import DecodedPage, PageStream
from hanji.intake.pdf import stream_pdf
from hanji.intake.raster import stream_raster
from hanji.intake.sniff import sniff_format

__all__ = ["DecodedPage", "PageStream", "decode_pages", "stream_pages"]


def decode_pages(data: bytes, *, declared_format: str | None, limits: IntakeLimits) -> list[DecodedPage]:
    """Every page of a client's file at once (see :func:`stream_pages`)."""
    return list(stream_pages(data, declared_format=declared_format, limits=limits))


def stream_pages(data: bytes, *, declared_format: str | None, limits: IntakeLimits) -> PageStream:
    """Decode a client's image or PDF into RGB pages, in page order, one page at a time.

    The real type is sniffed from the bytes; ``declared_format`` (the request's ``format``) is only
    used in messages, because clients often send e.g. ``"jpg"`` for a PNG.

    Args:
        data: the file's bytes.
        declared_format: the format the client declared, if any.
        limits: size, page and pixel limits.

    Returns:
        One DecodedPage per page. A corrupt or encrypted page (or whole file, when its type is
        recognised) has ``error`` set instead of an image; it is reported per page, not as a
        request error.

    Raises:
        RequestBodyInvalid: empty file, over a limit, or bytes that are no supported format.
    """
    if not data:
        raise RequestBodyInvalid("the image file is empty (0 bytes)")
    if len(data) > limits.max_bytes:
        size, limit = describe_bytes(len(data)), describe_bytes(limits.max_bytes)
        raise RequestBodyInvalid(f"the file is {size}; the limit is {limit} per file")
    kind = sniff_format(data)
    if kind is None:
        declared = f" (declared format {declared_format!r})" if declared_format else ""
        raise RequestBodyInvalid(
            f"the file is not a supported image or PDF{declared}; send JPEG, PNG, TIFF, PDF, BMP, WebP or GIF"
        )
    if kind == "pdf":
        return stream_pdf(data, limits)
    return stream_raster(data, kind, limits)
