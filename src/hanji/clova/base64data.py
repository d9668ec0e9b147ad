"""Decode the base64 ``images[].data`` that CLOVA clients send, as leniently as is still safe."""

from __future__ import annotations

import base64
import binascii
import re

from hanji.core.errors import RequestBodyInvalid

# "data:image/png;base64," - browsers' FileReader output, which some clients forward unchanged.
_DATA_URL_PREFIX = re.compile(r"^data:[\w.+-]*/?[\w.+-]*(?:;[\w.+-]+=[\w.+-]+)*;base64,", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_URLSAFE = str.maketrans("-_", "+/")


def decode_base64_image(text: str, *, field: str) -> bytes:
    """Decode base64 image data.

    Whitespace and line breaks (MIME-style wrapping), a ``data:...;base64,`` prefix, missing
    padding and the URL-safe alphabet are tolerated; any other character is an error, so truncated
    or mangled uploads are reported rather than decoded to garbage.

    Args:
        text: the ``data`` string.
        field: the field's path (e.g. ``images[0].data``), named in the error.

    Returns:
        The decoded bytes; never empty.

    Raises:
        RequestBodyInvalid: not valid base64, or nothing in it.
    """
    payload = _WHITESPACE.sub("", _DATA_URL_PREFIX.sub("", text.strip(), count=1))
    payload = payload.translate(_URLSAFE).rstrip("=")
    if not payload:
        raise RequestBodyInvalid(f"{field} is empty")
    if len(payload) % 4 == 1:
        raise RequestBodyInvalid(f"{field} is not valid base64 (its length is impossible; truncated?)")
    payload += "=" * (-len(payload) % 4)
    try:
        return base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError):
        raise RequestBodyInvalid(
            f"{field} is not valid base64 (only A-Z, a-z, 0-9, +, / and = padding are allowed)"
        ) from None
