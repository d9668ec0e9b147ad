"""Read one request value by CLOVA's rules (the Request table of ``spec/clova-api.md``).

Each reader takes the raw JSON value and the field's path, and raises the CLOVA error a real
client should see, with a reason that names the field.
"""

from __future__ import annotations

import math
import re
from typing import Final

from hanji.core.errors import ProtocolVersionUnsupported, RequestBodyInvalid, RequestDomainInvalid
from hanji.core.languages import parse_language_list

VERSIONS: Final = ("V1", "V2")
IMAGE_FORMATS: Final = ("jpg", "jpeg", "png", "pdf", "tif", "tiff", "bmp", "webp", "gif")
# Database ids are signed 64-bit; anything outside can match no template.
_MAX_ID: Final = 2**63 - 1
_NUMERIC = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return "an object"


def read_version(value: object) -> str:
    if value is None:
        raise RequestBodyInvalid('version is missing; send "V2" (or "V1")')
    if value not in VERSIONS or not isinstance(value, str):
        raise ProtocolVersionUnsupported(f'version must be "V1" or "V2", got {_show(value)}')
    return value


def read_string(value: object, *, field: str, required: bool = True) -> str:
    if value is None:
        if required:
            raise RequestBodyInvalid(f"{field} is missing")
        return ""
    if not isinstance(value, str):
        raise RequestBodyInvalid(f"{field} must be a string, got {json_type(value)}")
    return value


def read_timestamp(value: object) -> int:
    """A number or a numeric string (clients send both); not checked against the clock."""
    if value is None:
        raise RequestBodyInvalid("timestamp is missing")
    number: float | int
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise RequestBodyInvalid(f"timestamp must be a number or a numeric string, got {json_type(value)}")
    if isinstance(value, str):
        text = value.strip()
        # Length cap first: int() of a huge digit string is slow (and limited) in CPython.
        if len(text) > 40 or not _NUMERIC.match(text):
            raise RequestBodyInvalid(f"timestamp must be a number or a numeric string, got {_show(value)}")
        number = int(text) if text.lstrip("+-").isdigit() else float(text)
    else:
        number = value
    if isinstance(number, float):
        if not math.isfinite(number):
            raise RequestBodyInvalid("timestamp must be a finite number")
        number = int(number)
    return number


def read_languages(value: object) -> list[str] | None:
    """``"ko"`` / ``"ko, ja"`` -> codes; None or ``""`` -> None (the domain's languages apply)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise RequestBodyInvalid(f'lang must be a string such as "ko" or "ko,ja", got {json_type(value)}')
    try:
        codes = parse_language_list(value)
    except ValueError as exc:
        raise RequestDomainInvalid(f"lang: {exc}") from None
    return codes or None


def read_flag(value: object, *, field: str) -> bool:
    """A boolean, or the strings ``"true"`` / ``"false"`` (any case); missing or null is false."""
    if value is None:
        return False
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise RequestBodyInvalid(f"{field} must be true or false, got {_show(value)}")


def read_format(value: object, *, field: str) -> str:
    """A known format name, lower-cased (clients send ``"JPG"`` too)."""
    text = read_string(value, field=field).strip().lower()
    if text not in IMAGE_FORMATS:
        known = ", ".join(IMAGE_FORMATS)
        raise RequestBodyInvalid(f"{field} {_show(value)} is not supported; use one of {known}")
    return text


def read_template_ids(value: object, *, field: str) -> list[int] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise RequestBodyInvalid(f"{field} must be an array of template ids, got {json_type(value)}")
    ids: list[int] = []
    for item in value:
        if isinstance(item, bool) or not isinstance(item, int) or not 1 <= item <= _MAX_ID:
            raise RequestBodyInvalid(f"{field} must hold positive integer template ids, got {_show(item)}")
        ids.append(item)
    return ids


def _show(value: object) -> str:
    """A short, safe rendering of a client's value for an error message."""
    text = repr(value) if isinstance(value, str) else json_type(value)
    return text if len(text) <= 40 else text[:37] + "..."
