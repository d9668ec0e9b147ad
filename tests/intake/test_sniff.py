"""File type sniffing from magic bytes."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from hanji.intake.sniff import sniff_format


@pytest.mark.parametrize(
    ("pillow_format", "kind"),
    [("JPEG", "jpeg"), ("PNG", "png"), ("TIFF", "tiff"), ("BMP", "bmp"), ("WEBP", "webp"), ("GIF", "gif")],
)
def test_sniffs_real_images(pillow_format: str, kind: str) -> None:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, pillow_format)
    assert sniff_format(buffer.getvalue()) == kind


def test_sniffs_pdf_even_after_leading_junk() -> None:
    assert sniff_format(b"%PDF-1.7\n...") == "pdf"
    assert sniff_format(b"\r\n\x00garbage before the header %PDF-1.4\n") == "pdf"


def test_big_endian_tiff_and_bigtiff() -> None:
    assert sniff_format(b"MM\x00*\x00\x00\x00\x08") == "tiff"
    assert sniff_format(b"II+\x00\x08\x00\x00\x00") == "tiff"


@pytest.mark.parametrize("data", [b"", b"hello world", b"PK\x03\x04docx", b"BM", b"RIFF\x00\x00\x00\x00WAVE"])
def test_unknown_bytes(data: bytes) -> None:
    assert sniff_format(data) is None
