"""A Java/Kotlin client on Gson binds the V1 General answer into typed classes and reads every
word's ``boundingPoly``: NAVER's V1 request shapes against a rendered receipt, real engines."""

from __future__ import annotations

import copy
import difflib
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.clients.endpoints import Endpoint, clova_body, open_endpoint, png_bytes
from tests.clients.pages import receipt_page
from tests.clients.strict_json import (
    BoundingPoly,
    WireShapeError,
    as_object,
    child,
    children,
    integer,
    number,
    string,
)

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Bounding:
    top: float
    left: float
    width: float
    height: float


@dataclass(frozen=True)
class OcrField:
    value_type: str
    bounding_poly: BoundingPoly
    infer_text: str
    infer_confidence: float
    bounding: Bounding | None


@dataclass(frozen=True)
class OcrImage:
    uid: str
    name: str
    infer_result: str
    message: str
    fields: tuple[OcrField, ...]


@dataclass(frozen=True)
class OcrResponse:
    version: str
    request_id: str
    timestamp: int
    images: tuple[OcrImage, ...]


def read_field(value: Any, path: str) -> OcrField:
    raw = as_object(value, path)
    bounding = None
    if "bounding" in raw:
        box = child(raw, "bounding", path)
        where = f"{path}.bounding"
        bounding = Bounding(*(number(box, k, where) for k in ("top", "left", "width", "height")))
    return OcrField(
        value_type=string(raw, "valueType", path),
        bounding_poly=BoundingPoly.read(raw.get("boundingPoly"), f"{path}.boundingPoly"),
        infer_text=string(raw, "inferText", path),
        infer_confidence=number(raw, "inferConfidence", path),
        bounding=bounding,
    )


def read_response(body: Any) -> OcrResponse:
    """Bind a General answer (V1 or V2) as a typed client does; any gap raises ``WireShapeError``."""
    raw = as_object(body, "$")
    images = []
    for i, item in enumerate(children(raw, "images", "$")):
        path = f"$.images[{i}]"
        image = as_object(item, path)
        fields = children(image, "fields", path)
        images.append(
            OcrImage(
                uid=string(image, "uid", path),
                name=string(image, "name", path),
                infer_result=string(image, "inferResult", path),
                message=string(image, "message", path),
                fields=tuple(read_field(f, f"{path}.fields[{k}]") for k, f in enumerate(fields)),
            )
        )
    return OcrResponse(
        version=string(raw, "version", "$"),
        request_id=string(raw, "requestId", "$"),
        timestamp=integer(raw, "timestamp", "$"),
        images=tuple(images),
    )


_WORD: dict[str, Any] = {
    "valueType": "ALL",
    "boundingPoly": {
        "vertices": [{"x": 1.0, "y": 2.0}, {"x": 9.0, "y": 2.0}, {"x": 9.0, "y": 8.0}, {"x": 1.0, "y": 8.0}]
    },
    "bounding": {"top": 2.0, "left": 1.0, "width": 8.0, "height": 6.0},
    "inferText": "2024년",
    "inferConfidence": 0.99,
    "type": "NORMAL",
    "lineBreak": True,
}
_ANSWER: dict[str, Any] = {
    "version": "V1",
    "requestId": "r",
    "timestamp": 1723455986947,
    "images": [{"uid": "u", "name": "n", "inferResult": "SUCCESS", "message": "SUCCESS", "fields": [_WORD]}],
}


def _break(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    answer = copy.deepcopy(_ANSWER)
    change(answer["images"][0]["fields"][0])
    return answer


@pytest.mark.parametrize(
    ("answer", "complaint"),
    [
        (_break(lambda f: f.pop("boundingPoly")), "boundingPoly: expected an object"),
        (_break(lambda f: f["boundingPoly"]["vertices"].pop()), "expected 4 vertices, got 3"),
        (_break(lambda f: f["boundingPoly"]["vertices"][2].pop("y")), "vertices[2].y: missing"),
        (_break(lambda f: f["boundingPoly"]["vertices"][0].update(x="69.0")), "x: expected a number"),
        (_break(lambda f: f.update(inferText=None)), "inferText: missing or null"),
        (_break(lambda f: f.update(inferConfidence=True)), "inferConfidence: expected a number"),
        (_break(lambda f: f["bounding"].pop("width")), "bounding.width: missing"),
        ({**_ANSWER, "timestamp": "1723455986947"}, "timestamp: expected an integer"),
    ],
)
def test_the_reader_refuses_what_a_typed_client_cannot_bind(answer: dict[str, Any], complaint: str) -> None:
    assert read_response(_ANSWER).images[0].fields[0].bounding == Bounding(2.0, 1.0, 8.0, 6.0)
    with pytest.raises(WireShapeError, match=re.escape(complaint)):
        read_response(answer)


@pytest.fixture(scope="module")
def general(hanji: TestClient) -> Endpoint:
    return open_endpoint(
        hanji, name="general", code="general", service_type="general", recognition_model="general"
    )


@pytest.fixture(scope="module")
def naver_v1_answer(hanji: TestClient, general: Endpoint) -> dict[str, Any]:
    """NAVER's own Python sample: V1, ``timestamp`` a string, ``Content-Type: application/json;UTF-8``,
    ``"url": null`` beside ``data``, ``lang`` given."""
    body = clova_body(png_bytes(receipt_page().image), version="V1", timestamp="1584062336793", lang="ko")
    assert body["images"][0]["url"] is None
    response = hanji.post(
        general.path,
        content=json.dumps(body),
        headers={**general.headers, "Content-Type": "application/json;UTF-8"},
    )
    assert response.status_code == 200, response.text
    answer: dict[str, Any] = response.json()
    return answer


def _similarity_to_print(image: OcrImage) -> float:
    printed = "".join("".join(row) for row in receipt_page().rows).replace(" ", "")
    read = "".join(f.infer_text for f in image.fields).replace(" ", "")
    return difflib.SequenceMatcher(None, printed, read).ratio()


def test_naver_v1_sample_binds_every_word_with_its_polygon(naver_v1_answer: dict[str, Any]) -> None:
    parsed = read_response(naver_v1_answer)
    assert parsed.version == "V1" and parsed.request_id == "client-v1"
    assert parsed.timestamp > 1_700_000_000_000  # the server's clock in ms, not the string sent
    [image] = parsed.images
    assert image.infer_result == "SUCCESS" and image.name == "client" and len(image.uid) == 32
    assert _similarity_to_print(image) > 0.9
    width, height = receipt_page().image.size
    for field in image.fields:
        left, top, right, bottom = field.bounding_poly.bounds
        assert 0 <= left < right <= width and 0 <= top < bottom <= height, field
        assert 0.0 <= field.infer_confidence <= 1.0 and field.value_type == "ALL"
        # V1's extra ``bounding`` is the polygon's box, never a different one.
        assert field.bounding is not None
        got = (field.bounding.left, field.bounding.top, field.bounding.width, field.bounding.height)
        assert got == pytest.approx((left, top, right - left, bottom - top), abs=0.02)
    # The contract writes every coordinate as a float literal (69.0), as CLOVA does.
    literals = [v for f in naver_v1_answer["images"][0]["fields"] for v in f["boundingPoly"]["vertices"]]
    assert all(type(v["x"]) is float and type(v["y"]) is float for v in literals)


def test_spring_multipart_v1_with_text_plain_message_binds_the_same_way(
    hanji: TestClient, general: Endpoint
) -> None:
    message = {
        "version": "V1",
        "requestId": "spring",
        "timestamp": str(1_584_062_336_793),
        "lang": "ko",
        "resultType": "string",
        "images": [{"format": "jpg", "name": "receipt"}],
    }
    jpeg = io.BytesIO()
    receipt_page().image.save(jpeg, format="JPEG", quality=92)
    response = hanji.post(
        general.path,
        headers=general.headers,
        files={
            "message": (None, json.dumps(message), "text/plain"),
            "file": ("receipt.jpg", jpeg.getvalue(), "image/jpeg"),
        },
    )
    assert response.status_code == 200, response.text
    parsed = read_response(response.json())
    [image] = parsed.images
    assert parsed.request_id == "spring" and image.name == "receipt"
    assert all(f.bounding is not None for f in image.fields) and _similarity_to_print(image) > 0.9


def test_v1_and_v2_answer_the_same_words_and_polygons(
    hanji: TestClient, general: Endpoint, naver_v1_answer: dict[str, Any]
) -> None:
    v2 = read_response(general.call(hanji, clova_body(png_bytes(receipt_page().image))))
    assert v2.version == "V2" and all(f.bounding is None for f in v2.images[0].fields)
    v1_fields = [replace(f, bounding=None) for f in read_response(naver_v1_answer).images[0].fields]
    assert v1_fields == list(v2.images[0].fields)
