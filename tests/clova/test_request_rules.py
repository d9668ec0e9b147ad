"""Each rule of the spec's Request table, and the exact CLOVA error for each way to break it."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from hanji.clova.request import parse_json_request, parse_multipart_request
from hanji.core.errors import ClovaError

PNG = b"\x89PNG\r\n\x1a\n fake png"
B64 = base64.b64encode(PNG).decode()


def body(**changes: Any) -> bytes:
    base: dict[str, Any] = {
        "version": "V2",
        "requestId": "req",
        "timestamp": 1723455986947,
        "images": [{"format": "png", "name": "page", "data": B64}],
    }
    base.update(changes)
    return json.dumps({k: v for k, v in base.items() if v is not ...}).encode()


def image(**changes: Any) -> list[dict[str, Any]]:
    base: dict[str, Any] = {"format": "png", "name": "page", "data": B64}
    base.update(changes)
    return [{k: v for k, v in base.items() if v is not ...}]


def error_of(raw: bytes) -> ClovaError:
    with pytest.raises(ClovaError) as caught:
        parse_json_request(raw)
    return caught.value


def assert_invalid(raw: bytes, reason: str) -> None:
    error = error_of(raw)
    assert (error.code, error.http_status) == ("0011", 400)
    assert error.message.startswith("Request body invalid. ")
    assert reason in error.message, error.message


# --- version (0021) -----------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["V3", "v2", "", 2, True, ["V2"]])
def test_unsupported_version_is_0021(version: Any) -> None:
    error = error_of(body(version=version))
    assert (error.code, error.http_status) == ("0021", 400)
    assert error.message.startswith('Protocol version not support. version must be "V1" or "V2"')


def test_missing_version_is_0011() -> None:
    assert_invalid(body(version=...), "version is missing")


def test_version_is_checked_before_other_fields() -> None:
    assert error_of(body(version="V9", images=[])).code == "0021"


# --- body syntax (0011) -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "the body is empty"),
        (b"  \n", "the body is empty"),
        (b"\xff\xfe{}", "the body is not UTF-8 text"),
        (b"version=V2&images=x", "the body is not valid JSON (Expecting value at line 1 column 1)"),
        (b'{"version": "V2",', "the body is not valid JSON"),
        (b"[1, 2]", "the body must be a JSON object, got an array"),
        (b'"V2"', "the body must be a JSON object, got a string"),
        (b"null", "the body must be a JSON object, got null"),
        (b'{"version": "V2", "timestamp": NaN}', "NaN is not a JSON number"),
        (b"[" * 100_000 + b"]" * 100_000, "the body is not valid JSON"),
        (b'{"version":"V2","timestamp":' + b"9" * 5000 + b"}", "the body is not valid JSON"),
    ],
)
def test_malformed_bodies(raw: bytes, reason: str) -> None:
    assert_invalid(raw, reason)


# --- requestId, timestamp -------------------------------------------------------------------------


def test_request_id_rules() -> None:
    assert_invalid(body(requestId=...), "requestId is missing")
    assert_invalid(body(requestId=12), "requestId must be a string, got a number")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, 0),
        (-5, -5),
        ("1576746215096", 1576746215096),
        (" 42 ", 42),
        (1.5e12, 1_500_000_000_000),
        ("1.7e12", 1_700_000_000_000),
        (10**30, 10**30),
        ("-3", -3),
    ],
)
def test_timestamp_number_or_numeric_string(value: Any, expected: int) -> None:
    assert parse_json_request(body(timestamp=value)).timestamp == expected


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        (..., "timestamp is missing"),
        ("abc", "got 'abc'"),
        ("", "got ''"),
        (True, "got a boolean"),
        ([1], "got an array"),
        ("1e400", "finite"),
        ("9" * 100, "numeric string"),
        ({"t": 1}, "got an object"),
    ],
)
def test_bad_timestamps(value: Any, reason: str) -> None:
    assert_invalid(body(timestamp=value), reason)


def test_huge_float_timestamp() -> None:
    assert parse_json_request(
        b'{"version":"V2","requestId":"r","timestamp":1e308,"images":' + json.dumps(image()).encode() + b"}"
    ).timestamp == int(1e308)


# --- lang (0022 for unknown codes) -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("ko", ["ko"]),
        ("ko,ja", ["ko", "ja"]),
        (" ko , zh-TW ", ["ko", "zh-TW"]),
        ("EN", ["en"]),
        ("", None),
        (None, None),
        ("ko,ko", ["ko"]),
    ],
)
def test_lang(value: Any, expected: list[str] | None) -> None:
    assert parse_json_request(body(lang=value)).languages == expected


def test_unknown_language_is_0022() -> None:
    error = error_of(body(lang="ko,xx"))
    assert (error.code, error.http_status) == ("0022", 400)
    assert error.message.startswith("Request domain invalid. lang: unknown language 'xx'")


def test_lang_must_be_a_string() -> None:
    assert_invalid(body(lang=["ko"]), "lang must be a string")


# --- images ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("images", "reason"),
    [
        (..., "images is missing"),
        ([], "images must hold exactly one image, got 0"),
        (image() * 2, "images must hold exactly one image, got 2"),
        ({"format": "png"}, "images must be an array with exactly one image, got an object"),
        (["abc"], "images[0] must be an object, got a string"),
        (image(format=...), "images[0].format is missing"),
        (image(format="docx"), "images[0].format 'docx' is not supported; use one of jpg, jpeg, png, pdf"),
        (image(format=3), "images[0].format must be a string, got a number"),
        (image(name=5), "images[0].name must be a string"),
        (image(data=...), "images[0] needs 'data' (base64 file bytes) or 'url'"),
        (image(data=None, url=None), "images[0] needs 'data'"),
        (image(data="   ", url=""), "images[0] needs 'data'"),
        (image(data=123), "images[0].data must be a string, got a number"),
        (image(data=None, url=["http://x"]), "images[0].url must be a string, got an array"),
        (image(data="not base64!!"), "images[0].data is not valid base64"),
        (image(data="QUJD" + "Q"), "images[0].data is not valid base64 (its length is impossible"),
        (image(templateIds="266"), "images[0].templateIds must be an array"),
        (
            image(templateIds=["266"]),
            "images[0].templateIds must hold positive integer template ids, got '266'",
        ),
        (image(templateIds=[0]), "positive integer template ids"),
        (image(templateIds=[-1]), "positive integer template ids"),
        (image(templateIds=[2**70]), "positive integer template ids"),
        (image(templateIds=[True]), "positive integer template ids"),
    ],
)
def test_bad_images(images: Any, reason: str) -> None:
    assert_invalid(body(images=images), reason)


@pytest.mark.parametrize("fmt", ["jpg", "JPEG", "png", "pdf", "tif", "TIFF", "bmp", "webp", "gif"])
def test_known_formats(fmt: str) -> None:
    assert parse_json_request(body(images=image(format=fmt))).image.format == fmt.lower()


def test_name_is_optional() -> None:
    assert parse_json_request(body(images=image(name=...))).image.name == ""


def test_data_wins_over_url() -> None:
    request = parse_json_request(body(images=image(url="https://example.com/a.png")))
    assert (request.image.data, request.image.url) == (PNG, None)


def test_url_is_trimmed() -> None:
    request = parse_json_request(body(images=image(data=None, url="  https://example.com/a.png\n")))
    assert (request.image.data, request.image.url) == (None, "https://example.com/a.png")


# --- flags -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(True, True), (False, False), ("false", False), (None, False), ("True", True), (..., False)],
)
def test_enable_table_detection(value: Any, expected: bool) -> None:
    assert parse_json_request(body(enableTableDetection=value)).enable_table_detection is expected


@pytest.mark.parametrize("value", ["yes", 1, 0, "", [True]])
def test_bad_flags(value: Any) -> None:
    assert_invalid(body(enableTableDetection=value), "enableTableDetection must be true or false")
    assert_invalid(body(enableKeyValue=value), "enableKeyValue must be true or false")


def test_unknown_keys_are_ignored() -> None:
    request = parse_json_request(body(resultType="string", extra={"a": [1, 2]}, images=image(options=1)))
    assert request.image.data == PNG


# --- multipart -----------------------------------------------------------------------------------------

MESSAGE = json.dumps(
    {"version": "V2", "requestId": "m", "timestamp": 1, "images": [{"format": "png", "name": "p"}]}
)


def multipart_error(message: Any, file: bytes | None, filename: str | None = "a.png") -> ClovaError:
    with pytest.raises(ClovaError) as caught:
        parse_multipart_request(message, file, filename)
    return caught.value


def test_multipart_missing_parts_are_named() -> None:
    missing_message = multipart_error(None, PNG)
    assert (missing_message.code, missing_message.message) == (
        "0011",
        "Request body invalid. the multipart body has no 'message' part (the request JSON)",
    )
    missing_file = multipart_error(MESSAGE, None)
    assert (missing_file.code, missing_file.message) == (
        "0011",
        "Request body invalid. the multipart body has no 'file' part (the image bytes)",
    )


@pytest.mark.parametrize(
    ("message", "file", "reason"),
    [
        (MESSAGE, b"", "the 'file' part is empty"),
        ("", PNG, "the 'message' part is empty"),
        (b"\xc3\x28", PNG, "the 'message' part is not UTF-8 text"),
        ("{oops", PNG, "the 'message' part is not valid JSON"),
        ("[]", PNG, "the 'message' part must be a JSON object"),
    ],
)
def test_multipart_bad_parts(message: Any, file: bytes, reason: str) -> None:
    error = multipart_error(message, file)
    assert error.code == "0011"
    assert reason in error.message


def test_multipart_version_is_0021() -> None:
    assert multipart_error(MESSAGE.replace("V2", "V0"), PNG).code == "0021"


def test_multipart_file_wins_over_data_and_url_in_message() -> None:
    message = json.dumps(
        {
            "version": "V2",
            "requestId": "m",
            "timestamp": 1,
            "images": [{"format": "png", "name": "p", "data": "QUJD", "url": "http://x/y"}],
        }
    )
    request = parse_multipart_request(message, PNG, None)
    assert (request.image.data, request.image.url) == (PNG, None)


def test_multipart_format_falls_back_to_the_filename() -> None:
    message = json.dumps({"version": "V2", "requestId": "m", "timestamp": 1, "images": [{"name": "p"}]})
    assert parse_multipart_request(message, PNG, "Scan.TIFF").image.format == "tiff"
    error = multipart_error(message, PNG, "scan.docx")
    assert "images[0].format is missing" in error.message
