"""Rasterising PDFs: real pages, the pixel budget, page limits, encrypted and corrupt files."""

from __future__ import annotations

import hashlib
import io
import struct
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from hanji.core.errors import RequestBodyInvalid
from hanji.intake import IntakeLimits, decode_pages
from hanji.intake.pdf import ENCRYPTED_PDF_MESSAGE, render_scale

ICDAR_PDF = Path(__file__).resolve().parents[1] / "data" / "shared-samples" / "eu-001.pdf"


def test_icdar_pdf_renders_every_page_at_200_dpi() -> None:
    pages = decode_pages(ICDAR_PDF.read_bytes(), declared_format="pdf", limits=IntakeLimits())
    assert [p.index for p in pages] == [0, 1, 2]
    for page in pages:
        assert page.error is None
        assert page.image is not None
        # A4 (595 x 842 pt) at 200 dpi.
        assert (page.width, page.height) == (1653, 2339)
        assert page.image.flags["C_CONTIGUOUS"]
        assert 150 < page.image.mean() < 255  # white paper with some ink


def test_pdf_over_the_page_limit_is_refused() -> None:
    with pytest.raises(RequestBodyInvalid) as caught:
        decode_pages(ICDAR_PDF.read_bytes(), declared_format="pdf", limits=IntakeLimits(max_pages=1))
    assert caught.value.code == "0011"
    assert "the PDF has 3 pages; the limit is 1 pages" in caught.value.message


def _blank_pdf(width_pt: float, height_pt: float) -> bytes:
    document = pdfium.PdfDocument.new()
    document.new_page(width_pt, height_pt)
    buffer = io.BytesIO()
    document.save(buffer)
    document.close()
    return buffer.getvalue()


def test_huge_page_is_rendered_within_the_pixel_budget() -> None:
    limits = IntakeLimits(max_pixels=1_000_000)
    (page,) = decode_pages(_blank_pdf(14_400, 14_400), declared_format="pdf", limits=limits)
    assert page.image is not None
    assert page.width * page.height <= 1_000_000
    assert page.width > 900  # lowered only as far as needed


def test_render_scale() -> None:
    limits = IntakeLimits(max_pixels=4_000_000, pdf_dpi=200)
    assert render_scale(595, 842, limits) == pytest.approx(200 / 72)
    big = render_scale(10_000, 10_000, limits)
    assert big is not None and (10_000 * big + 1) ** 2 <= 4_000_000
    assert render_scale(0, 842, limits) is None
    assert render_scale(float("nan"), 842, limits) is None


def test_corrupt_pdf_is_a_page_error() -> None:
    (page,) = decode_pages(b"%PDF-1.4\nthis is not a pdf body", declared_format="pdf", limits=IntakeLimits())
    assert page.image is None
    assert page.error is not None and page.error.startswith("corrupt PDF file")


# --- a hand-written encrypted PDF (pypdfium2 cannot encrypt) -----------------------------------
# Standard security handler, revision 2 (40-bit RC4), PDF 1.7 spec section 7.6.3, algorithms 2-4.

_PAD = bytes.fromhex("28BF4E5E4E758A4164004E56FFFA01082E2E00B6D0683E802F0CA9FE6453697A")


def _rc4(key: bytes, data: bytes) -> bytes:
    state = list(range(256))
    j = 0
    for i in range(256):
        j = (j + state[i] + key[i % len(key)]) % 256
        state[i], state[j] = state[j], state[i]
    out = bytearray()
    i = j = 0
    for byte in data:
        i = (i + 1) % 256
        j = (j + state[i]) % 256
        state[i], state[j] = state[j], state[i]
        out.append(byte ^ state[(state[i] + state[j]) % 256])
    return bytes(out)


def _encrypted_pdf(user_password: bytes, owner_password: bytes = b"owner") -> bytes:
    file_id = hashlib.md5(b"hanji test").digest()
    permissions = -4
    owner_key = hashlib.md5((owner_password + _PAD)[:32]).digest()[:5]
    o_value = _rc4(owner_key, (user_password + _PAD)[:32])
    file_key = hashlib.md5(
        (user_password + _PAD)[:32] + o_value + struct.pack("<i", permissions) + file_id
    ).digest()[:5]
    u_value = _rc4(file_key, _PAD)
    content = b"0 0 0 rg 20 20 160 160 re f"
    object_key = hashlib.md5(file_key + (4).to_bytes(3, "little") + (0).to_bytes(2, "little")).digest()[:10]
    stream = _rc4(object_key, content)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P %d >>"
        % (o_value.hex().encode(), u_value.hex().encode(), permissions),
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Encrypt 5 0 R /ID [<%s> <%s>] >>\n" % (
        len(objects) + 1,
        file_id.hex().encode(),
        file_id.hex().encode(),
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_hand_written_encrypted_pdf_is_really_encrypted() -> None:
    # Guards the fixture: with the password PDFium opens it and sees the black square.
    document = pdfium.PdfDocument(_encrypted_pdf(b"secret"), password="secret")
    bitmap = document[0].render(scale=1)
    assert bitmap.to_numpy()[100, 100].tolist()[:3] == [0, 0, 0]
    document.close()


def test_password_protected_pdf_is_a_page_error() -> None:
    (page,) = decode_pages(_encrypted_pdf(b"secret"), declared_format="pdf", limits=IntakeLimits())
    assert page.image is None
    assert page.error == ENCRYPTED_PDF_MESSAGE == "encrypted PDF: remove the password and send it again"


def test_owner_password_only_pdf_is_read() -> None:
    # An empty user password opens it: viewers do so silently, and so do we.
    (page,) = decode_pages(_encrypted_pdf(b""), declared_format="pdf", limits=IntakeLimits())
    assert page.image is not None
    assert page.image[100, 100].tolist() == [0, 0, 0]
    assert page.image[5, 5].tolist() == [255, 255, 255]
