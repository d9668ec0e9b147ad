"""Base64 image data: what is tolerated and what is refused."""

from __future__ import annotations

import base64

import pytest

from hanji.clova.base64data import decode_base64_image
from hanji.core.errors import RequestBodyInvalid

RAW = bytes(range(256)) * 3
B64 = base64.b64encode(RAW).decode()


@pytest.mark.parametrize(
    "text",
    [
        B64,
        base64.encodebytes(RAW).decode(),  # MIME style: a newline every 76 characters
        "  " + B64 + "\r\n",
        "data:image/png;base64," + B64,
        "data:application/pdf;name=a.pdf;base64," + B64,
        B64.rstrip("="),
        base64.urlsafe_b64encode(RAW).decode(),
    ],
)
def test_tolerated_spellings(text: str) -> None:
    assert decode_base64_image(text, field="images[0].data") == RAW


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "images[0].data is empty"),
        ("====", "images[0].data is empty"),
        ("data:image/png;base64,", "images[0].data is empty"),
        ("abcde", "its length is impossible"),
        ("ab$d", "not valid base64"),
        ("한글한글", "not valid base64"),
        ("data:image/png," + B64, "not valid base64"),  # not base64-encoded data URL
    ],
)
def test_refused(text: str, reason: str) -> None:
    with pytest.raises(RequestBodyInvalid) as caught:
        decode_base64_image(text, field="images[0].data")
    assert caught.value.code == "0011"
    assert reason in caught.value.message
