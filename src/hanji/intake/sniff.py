"""Recognise a file's real type from its first bytes; clients' declared formats are often wrong."""

from __future__ import annotations

from typing import Final

# Acrobat accepts a PDF header anywhere in the first KB (some generators prepend junk), so do we.
_PDF_HEADER_WINDOW: Final = 1024

SUPPORTED_KINDS: Final = ("jpeg", "png", "tiff", "pdf", "bmp", "webp", "gif")


def sniff_format(data: bytes) -> str | None:
    """Name the container format of ``data`` from its magic bytes.

    Args:
        data: the whole file, or at least its first kilobyte.

    Returns:
        One of ``SUPPORTED_KINDS``, or None when the bytes are none of them.
    """
    head = data[:16]
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    # Classic TIFF (42) and BigTIFF (43), little- and big-endian.
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return "tiff"
    if head.startswith(b"BM") and len(data) >= 26:
        return "bmp"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "webp"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "gif"
    if b"%PDF-" in data[:_PDF_HEADER_WINDOW]:
        return "pdf"
    return None
