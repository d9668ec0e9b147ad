"""The hostile corpus: small malformed, oversized and malicious files, generated on demand.

Generated rather than committed so the repository stays small and every file's construction is
readable; ``python -m tests.hostile.make_corpus [DIR]`` writes them out (default
``tests/data/hostile``) to try them by hand. ``tests/data/hostile/README.md`` describes each one.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageDraw

from tests.intake.test_decode_pdf import _encrypted_pdf

OCR_DATA = Path(__file__).resolve().parents[1] / "data" / "ocr"


def text_png(text: str = "HANJI 2026", size: tuple[int, int] = (320, 80)) -> bytes:
    """A small, valid PNG with dark text on white (the base that other files break)."""
    image = Image.new("RGB", size, "white")
    ImageDraw.Draw(image).text((10, 30), text, fill="black")
    return _save(image, "PNG")


def _save(image: Image.Image, fmt: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


# --- corrupt files (their type is recognised; nothing can be decoded) -------------------------


def truncated_jpeg() -> bytes:
    """A real scan cut after its headers and the first fraction of its entropy-coded data."""
    data = (OCR_DATA / "en_receipt.jpg").read_bytes()
    return data[: len(data) // 3]


def corrupt_png() -> bytes:
    """A PNG whose IDAT chunk holds random bytes (with a correct CRC): zlib refuses it."""
    header = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
    return header + _png_chunk(b"IDAT", bytes(range(256)) * 4) + _png_chunk(b"IEND", b"")


def truncated_tiff() -> bytes:
    """A two-page TIFF cut in the middle of the first page's strips."""
    first = Image.new("RGB", (200, 200), "white")
    second = Image.new("RGB", (200, 200), "black")
    data = _save(first, "TIFF", save_all=True, append_images=[second])
    return data[:4000]


# --- decompression bombs (tiny files that claim or hold huge images) ---------------------------


def png_bomb() -> bytes:
    """A 100 000 x 100 000 PNG header (10 gigapixels) followed by a few bytes of data."""
    header = b"\x89PNG\r\n\x1a\n" + _png_chunk(
        b"IHDR", struct.pack(">IIBBBBB", 100_000, 100_000, 8, 0, 0, 0, 0)
    )
    return header + _png_chunk(b"IDAT", zlib.compress(b"\x00" * 100_001)) + _png_chunk(b"IEND", b"")


def png_bomb_real() -> bytes:
    """A real 12 000 x 6 000 grey PNG (72 MP, over the 50 MP limit but under Pillow's own guard)."""
    width, height = 12_000, 6_000
    row = b"\x00" + b"\xff" * width
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
    return header + _png_chunk(b"IDAT", idat) + _png_chunk(b"IEND", b"")


def tiff_bomb() -> bytes:
    """A TIFF whose only IFD says 60 000 x 60 000 pixels, one strip of 8 bytes."""
    entries = [
        (256, 4, 1, 60_000),  # ImageWidth (LONG)
        (257, 4, 1, 60_000),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 1),  # Compression: none
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 8),  # StripOffsets
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, 60_000),  # RowsPerStrip
        (279, 4, 1, 8),  # StripByteCounts (a lie)
    ]
    ifd_offset = 16
    data = bytearray(b"II*\x00" + struct.pack("<I", ifd_offset) + b"\x00" * 8)
    data += struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        packed = struct.pack("<I", value) if kind == 4 else struct.pack("<HH", value, 0)
        data += struct.pack("<HHI", tag, kind, count) + packed
    data += struct.pack("<I", 0)
    return bytes(data)


def jpeg_bomb() -> bytes:
    """A real JPEG whose SOF0 frame header is rewritten to claim 65 000 x 65 000 pixels."""
    data = bytearray(_save(Image.new("RGB", (16, 16), "white"), "JPEG"))
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", 65_000, 65_000)
    return bytes(data)


def gif_bomb() -> bytes:
    """A GIF with a 65 535 x 65 535 logical screen and one 1 x 1 frame (4.3 gigapixels claimed)."""
    data = bytearray(_save(Image.new("P", (1, 1)), "GIF"))
    data[6:10] = struct.pack("<HH", 65_535, 65_535)
    return bytes(data)


# --- PDFs ---------------------------------------------------------------------------------------


def _pdf(objects: list[bytes], *, trailer: bytes = b"", xref_shift: int = 0) -> bytes:
    """Assemble numbered objects into a PDF with a classic xref table (offsets moved by ``xref_shift``)."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % (offset + xref_shift) for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\n" % (len(objects) + 1, trailer)
    out += b"startxref\n%d\n%%%%EOF\n" % (xref + xref_shift)
    return bytes(out)


def _page(content: bytes, media_box: bytes = b"[0 0 300 100]", extra: bytes = b"") -> list[bytes]:
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents 4 0 R /Resources %s %s>>"
        % (media_box, _FONT, extra),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]


_SQUARE = b"0 0 0 rg 20 20 60 60 re f"
# A text page: "HANJI OCR" in Helvetica, so a page that is read has something to find.
_TEXT = b"BT /F1 36 Tf 20 35 Td (HANJI OCR) Tj ET"
_FONT = b"<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>"


def pdf_page_bomb() -> bytes:
    """A 1 KB PDF whose page tree says 1 000 000 pages (a 10 x 10 x ... tree of one shared page)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    # Objects 2..7: six levels of /Pages nodes with 10 kids each (the same kid, ten times).
    for level in range(6):
        kid = 3 + level
        count = 10 ** (6 - level)
        objects.append(
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join([b"%d 0 R" % kid] * 10), count)
        )
    objects.append(b"<< /Type /Page /MediaBox [0 0 100 100] /Contents 9 0 R >>")
    objects.append(b"<< /Length %d >>\nstream\n" % len(_SQUARE) + _SQUARE + b"\nendstream")
    return _pdf(objects)


def pdf_many_pages() -> bytes:
    """A real 11-page PDF: one over the default limit of 10 pages."""
    document = pdfium.PdfDocument.new()
    for _ in range(11):
        document.new_page(100, 100)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def pdf_deep_nesting() -> bytes:
    """A page whose dictionary holds arrays nested 50 000 deep (parsers that recurse overflow)."""
    depth = 50_000
    return _pdf(_page(_TEXT, extra=b"/Junk " + b"[" * depth + b"]" * depth + b" "))


def pdf_giant_mediabox() -> bytes:
    """A page whose MediaBox is 10^9 x 10^9 points (a naive renderer allocates exabytes)."""
    return _pdf(_page(_SQUARE, media_box=b"[0 0 1000000000 1000000000]"))


def pdf_bad_xref() -> bytes:
    """A valid one-page PDF whose xref table and startxref point 37 bytes off (readers rebuild it)."""
    return _pdf(_page(_TEXT), xref_shift=37)


def pdf_encrypted() -> bytes:
    """RC4-encrypted with a user password (the hand-written file from the intake tests)."""
    return _encrypted_pdf(b"secret")


CORPUS: dict[str, Callable[[], bytes]] = {
    "truncated.jpg": truncated_jpeg,
    "corrupt.png": corrupt_png,
    "truncated.tif": truncated_tiff,
    "bomb-header.png": png_bomb,
    "bomb-72mp.png": png_bomb_real,
    "bomb.tif": tiff_bomb,
    "bomb.jpg": jpeg_bomb,
    "bomb.gif": gif_bomb,
    "page-bomb.pdf": pdf_page_bomb,
    "eleven-pages.pdf": pdf_many_pages,
    "deep-nesting.pdf": pdf_deep_nesting,
    "giant-mediabox.pdf": pdf_giant_mediabox,
    "bad-xref.pdf": pdf_bad_xref,
    "encrypted.pdf": pdf_encrypted,
}


def main(argv: list[str]) -> None:
    target = Path(argv[0]) if argv else Path(__file__).resolve().parents[1] / "data" / "hostile"
    target.mkdir(parents=True, exist_ok=True)
    for name, make in CORPUS.items():
        (target / name).write_bytes(make())
        print(f"{name}: {(target / name).stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1:])
