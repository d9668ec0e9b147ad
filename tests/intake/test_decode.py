"""decode_pages as a whole: request-level refusals and the DecodedPage contract."""

from __future__ import annotations

import numpy as np
import pytest

from hanji.core.errors import RequestBodyInvalid
from hanji.intake import DecodedPage, IntakeLimits, decode_pages
from hanji.intake.limits import describe_bytes


def refused(data: bytes, declared: str | None = "jpg", limits: IntakeLimits | None = None) -> str:
    with pytest.raises(RequestBodyInvalid) as caught:
        decode_pages(data, declared_format=declared, limits=limits or IntakeLimits())
    assert caught.value.code == "0011"
    assert caught.value.http_status == 400
    return caught.value.message


def test_empty_file() -> None:
    assert refused(b"") == "Request body invalid. the image file is empty (0 bytes)"


def test_unknown_bytes_name_the_declared_format() -> None:
    message = refused(b"PK\x03\x04 a zip file, not an image", declared="docx")
    assert "not a supported image or PDF (declared format 'docx')" in message


def test_file_over_the_byte_limit_names_the_limit() -> None:
    message = refused(b"\xff\xd8\xff" + b"\x00" * 3000, limits=IntakeLimits(max_bytes=2048))
    assert message.endswith("the file is 2.933 KB; the limit is 2 KB per file")


def test_limits_must_be_positive() -> None:
    with pytest.raises(ValueError, match="positive"):
        IntakeLimits(max_pages=0)


def test_describe_bytes() -> None:
    assert describe_bytes(50 * 1024 * 1024) == "50 MB"
    assert describe_bytes(1536) == "1.5 KB"
    assert describe_bytes(12) == "12 bytes"


def test_decoded_page_holds_an_image_or_an_error() -> None:
    image = np.zeros((2, 3, 3), dtype=np.uint8)
    assert (DecodedPage(0, image).width, DecodedPage(0, image).height) == (3, 2)
    assert DecodedPage(1, None, "broken").width == 0
    with pytest.raises(ValueError):
        DecodedPage(0, None)
    with pytest.raises(ValueError):
        DecodedPage(0, image, "both")
