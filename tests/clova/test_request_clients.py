"""The request shapes real CLOVA OCR clients send (spec: "Real clients to stay compatible with")."""

from __future__ import annotations

import base64
import json
import uuid

from hanji.clova.request import ImageInput, InvokeRequest, parse_json_request, parse_multipart_request

JPEG = b"\xff\xd8\xff\xe0 fake jpeg bytes"
B64 = base64.b64encode(JPEG).decode()


def test_naver_python_sample_v1_with_string_timestamp() -> None:
    # NAVER's Python sample: V1, uuid requestId, timestamp sent as a string.
    body = json.dumps(
        {
            "images": [{"format": "jpg", "name": "demo", "data": B64}],
            "requestId": str(uuid.UUID(int=7)),
            "version": "V1",
            "timestamp": "1576746215096",
        }
    ).encode()
    request = parse_json_request(body)
    assert request == InvokeRequest(
        version="V1",
        request_id="00000000-0000-0000-0000-000000000007",
        timestamp=1576746215096,
        languages=None,
        image=ImageInput(format="jpg", name="demo", data=JPEG, url=None),
    )


def test_node_sample_url_with_null_data_and_result_type() -> None:
    body = (
        b'{"images":[{"format":"png","name":"medium","data":null,'
        b'"url":"https://kr.object.ncloudstorage.com/ocr-img/OCR_ko.png"}],'
        b'"lang":"ko","requestId":"string","resultType":"string","timestamp":1576746215096,"version":"V1"}'
    )
    request = parse_json_request(body)
    assert request.version == "V1"
    assert request.languages == ["ko"]
    assert request.image == ImageInput(
        "png", "medium", None, "https://kr.object.ncloudstorage.com/ocr-img/OCR_ko.png"
    )


def test_python_requests_multipart_with_message_as_plain_field() -> None:
    # requests: files=[('file', open(...))], data={'message': json.dumps(payload).encode('UTF-8')}
    payload = {
        "images": [{"format": "jpg", "name": "demo"}],
        "requestId": "r-1",
        "version": "V2",
        "timestamp": 1723455986947,
    }
    request = parse_multipart_request(json.dumps(payload).encode("UTF-8"), JPEG, "receipt.jpg")
    assert request.version == "V2"
    assert request.timestamp == 1723455986947
    assert request.image == ImageInput("jpg", "demo", JPEG, None)


def test_spring_webclient_multipart_text_plain_with_string_timestamp() -> None:
    # Spring's MultipartBodyBuilder sends message as text/plain; the framework hands us a str.
    message = (
        '{"version":"V2","requestId":"spring-42","timestamp":"1723455986947","lang":"ko, ja",'
        '"images":[{"format":"PNG","name":"scan"}]}'
    )
    request = parse_multipart_request(message, b"\x89PNG\r\n\x1a\nfake", "upload")
    assert request.timestamp == 1723455986947
    assert request.languages == ["ko", "ja"]
    assert request.image.format == "png"
    assert request.image.data == b"\x89PNG\r\n\x1a\nfake"


def test_rag_pipeline_v2_json_with_table_detection() -> None:
    body = json.dumps(
        {
            "version": "V2",
            "requestId": "rag",
            "timestamp": 0,
            "lang": "ko",
            "images": [{"format": "pdf", "name": "report", "data": B64}],
            "enableTableDetection": True,
        }
    ).encode()
    request = parse_json_request(body)
    assert request.enable_table_detection is True
    assert request.enable_key_value is False
    assert request.image.data == JPEG


def test_official_content_type_utf8_body_with_bom_and_korean_name() -> None:
    body = "\ufeff" + json.dumps(
        {
            "version": "V2",
            "requestId": "한지",
            "timestamp": 1,
            "images": [{"format": "jpg", "name": "영수증", "data": B64}],
        },
        ensure_ascii=False,
    )
    request = parse_json_request(body.encode("utf-8"))
    assert request.request_id == "한지"
    assert request.image.name == "영수증"


def test_table_detection_and_key_value_as_strings() -> None:
    body = json.dumps(
        {
            "version": "V2",
            "requestId": "x",
            "timestamp": 1,
            "enableTableDetection": "true",
            "enableKeyValue": "TRUE",
            "images": [{"format": "jpg", "name": "a", "data": B64}],
        }
    ).encode()
    request = parse_json_request(body)
    assert request.enable_table_detection and request.enable_key_value


def test_template_ids_are_read() -> None:
    body = json.dumps(
        {
            "version": "V2",
            "requestId": "x",
            "timestamp": 1,
            "images": [{"format": "jpg", "name": "a", "data": B64, "templateIds": [266, 3]}],
        }
    ).encode()
    assert parse_json_request(body).image.template_ids == [266, 3]
