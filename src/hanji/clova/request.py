"""Parse a CLOVA invoke request (JSON body or multipart ``message`` + ``file``) into one value.

Only the wire format lives here: whether the domain enables the languages or table detection
asked for is checked later, by the services that know the domain.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import PurePosixPath

from hanji.clova.base64data import decode_base64_image
from hanji.clova.values import (
    IMAGE_FORMATS,
    json_type,
    read_flag,
    read_format,
    read_languages,
    read_string,
    read_template_ids,
    read_timestamp,
    read_version,
)
from hanji.core.errors import RequestBodyInvalid

# A \uD800-\uDFFF escape: JSON allows a lone one, but it is no character and cannot be echoed back.
SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(frozen=True, slots=True)
class ImageInput:
    """The one image of a request: exactly one of ``data`` and ``url`` is set."""

    format: str
    name: str
    data: bytes | None
    url: str | None
    template_ids: list[int] | None = None


@dataclass(frozen=True, slots=True)
class InvokeRequest:
    """A parsed invoke request. Unknown keys (e.g. ``resultType``) are dropped."""

    version: str
    request_id: str
    timestamp: int
    languages: list[str] | None
    image: ImageInput
    enable_table_detection: bool = False
    enable_key_value: bool = False


def parse_json_request(body: bytes) -> InvokeRequest:
    """Parse a JSON invoke body.

    Args:
        body: the raw request body (UTF-8 JSON, a BOM is tolerated).

    Returns:
        The request, with base64 ``data`` decoded (it wins over ``url`` when both are given).

    Raises:
        RequestBodyInvalid: 0011, with a reason naming the field or the syntax problem.
        ProtocolVersionUnsupported: 0021, ``version`` is not V1/V2.
        RequestDomainInvalid: 0022, ``lang`` names an unknown language.
    """
    return _read_request(_load_object(body, what="the body"), file=None, filename=None)


def parse_multipart_request(
    message: str | bytes | None, file: bytes | None, filename: str | None
) -> InvokeRequest:
    """Parse a multipart invoke request.

    Args:
        message: the ``message`` part: the request JSON without ``data``/``url``, read as UTF-8
            whatever its Content-Type was; None when the part is missing.
        file: the ``file`` part's bytes; None when the part is missing.
        filename: the ``file`` part's filename; its extension stands in for a missing ``format``.

    Returns:
        The request, with the file's bytes as ``image.data``.

    Raises:
        RequestBodyInvalid, ProtocolVersionUnsupported, RequestDomainInvalid: as for JSON.
    """
    if message is None:
        raise RequestBodyInvalid("the multipart body has no 'message' part (the request JSON)")
    if file is None:
        raise RequestBodyInvalid("the multipart body has no 'file' part (the image bytes)")
    raw = message.encode("utf-8", "surrogatepass") if isinstance(message, str) else message
    return _read_request(_load_object(raw, what="the 'message' part"), file=file, filename=filename)


def _load_object(raw: bytes, *, what: str) -> dict[str, object]:
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if not raw.strip():
        raise RequestBodyInvalid(f"{what} is empty; send the request JSON")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestBodyInvalid(f"{what} is not UTF-8 text (bad byte at offset {exc.start})") from None
    try:
        value = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise RequestBodyInvalid(
            f"{what} is not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})"
        ) from None
    except (ValueError, RecursionError) as exc:
        # Over-long integers and absurd nesting: Python refuses them, so do we.
        raise RequestBodyInvalid(f"{what} is not valid JSON ({type(exc).__name__}: {exc})"[:300]) from None
    if not isinstance(value, dict):
        raise RequestBodyInvalid(f"{what} must be a JSON object, got {json_type(value)}")
    if SURROGATE_ESCAPE.search(text):  # rare: only then walk the whole object
        where = find_lone_surrogate(value)
        if where is not None:
            raise RequestBodyInvalid(f"{what} holds a lone UTF-16 surrogate in {where[:80]}")
    return value


def find_lone_surrogate(value: object) -> str | None:
    """The path of the first string (or key) that is not valid Unicode, or None (no recursion:
    the nesting is as deep as the client made it)."""
    stack: list[tuple[str, object]] = [("", value)]
    while stack:
        path, item = stack.pop()
        if isinstance(item, str):
            if not _is_unicode(item):
                return path
        elif isinstance(item, dict):
            for key, sub in reversed(item.items()):
                if not _is_unicode(key):
                    return path or "a key"
                stack.append((f"{path}.{key}" if path else key, sub))
        elif isinstance(item, list):
            stack.extend((f"{path}[{index}]", sub) for index, sub in reversed(list(enumerate(item))))
    return None


def _is_unicode(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _read_request(obj: dict[str, object], *, file: bytes | None, filename: str | None) -> InvokeRequest:
    # The version decides the response shape, so it is checked before anything else.
    version = read_version(obj.get("version"))
    return InvokeRequest(
        version=version,
        request_id=read_string(obj.get("requestId"), field="requestId"),
        timestamp=read_timestamp(obj.get("timestamp")),
        languages=read_languages(obj.get("lang")),
        image=_read_image(obj.get("images"), file=file, filename=filename),
        enable_table_detection=read_flag(obj.get("enableTableDetection"), field="enableTableDetection"),
        enable_key_value=read_flag(obj.get("enableKeyValue"), field="enableKeyValue"),
    )


def _read_image(images: object, *, file: bytes | None, filename: str | None) -> ImageInput:
    if images is None:
        raise RequestBodyInvalid("images is missing; send exactly one image")
    if not isinstance(images, list):
        raise RequestBodyInvalid(f"images must be an array with exactly one image, got {json_type(images)}")
    if len(images) != 1:
        raise RequestBodyInvalid(f"images must hold exactly one image, got {len(images)}")
    item = images[0]
    if not isinstance(item, dict):
        raise RequestBodyInvalid(f"images[0] must be an object, got {json_type(item)}")
    raw_format = item.get("format")
    if raw_format is None and file is not None:
        raw_format = _extension(filename)
    image_format = read_format(raw_format, field="images[0].format")
    name = read_string(item.get("name"), field="images[0].name", required=False)
    template_ids = read_template_ids(item.get("templateIds"), field="images[0].templateIds")
    if file is not None:
        if not file:
            raise RequestBodyInvalid("the 'file' part is empty")
        return ImageInput(image_format, name, file, None, template_ids)
    data = read_string(item.get("data"), field="images[0].data", required=False)
    url = read_string(item.get("url"), field="images[0].url", required=False).strip()
    if data.strip():
        decoded = decode_base64_image(data, field="images[0].data")
        return ImageInput(image_format, name, decoded, None, template_ids)
    if url:
        return ImageInput(image_format, name, None, url, template_ids)
    raise RequestBodyInvalid("images[0] needs 'data' (base64 file bytes) or 'url'")


def _extension(filename: str | None) -> str | None:
    suffix = PurePosixPath(filename or "").suffix.lower().lstrip(".")
    return suffix if suffix in IMAGE_FORMATS else None
