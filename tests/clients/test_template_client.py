"""A Template client: build and deploy a template through the management API, call the domain's
invoke URL with ``templateIds``, and bind ``matchedTemplate`` (an integer id) and every field's keys."""

from __future__ import annotations

import copy
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_templates import FILLED, new_template
from tests.clients.endpoints import Endpoint, clova_body, open_endpoint
from tests.clients.strict_json import (
    BoundingPoly,
    WireShapeError,
    as_object,
    boolean,
    child,
    children,
    integer,
    number,
    string,
)
from tests.templates.forms import KOREAN_FORM, render_form, scale, to_png

pytestmark = pytest.mark.slow

VALUE_TYPES = {"ALL", "NUMERIC", "ALPHABET", "KOREAN", "ALPHANUMERIC", "DATE", "PHONE", "EMAIL"}
FIELD_KEYS = {
    "NORMAL": ["name", "valueType", "boundingPoly", "inferText", "inferConfidence", "type", "lineBreak"],
    "MULTI_BOX": ["name", "valueType", "type", "inferText", "inferConfidence", "boundingPoly", "subFields"],
    "CHECKBOX": ["name", "valueType", "type", "checked", "inferText", "inferConfidence", "boundingPoly"],
}
"""Each field type's keys in the spec's order (V2; V1 adds ``bounding`` beside ``boundingPoly``)."""


@dataclass(frozen=True)
class MatchedTemplate:
    id: int
    name: str


@dataclass(frozen=True)
class SubField:
    bounding_poly: BoundingPoly
    infer_text: str
    infer_confidence: float
    line_break: bool


@dataclass(frozen=True)
class TemplateField:
    name: str
    value_type: str
    type: str
    infer_text: str
    infer_confidence: float
    bounding_poly: BoundingPoly
    line_break: bool | None
    """``NORMAL`` fields only."""
    checked: bool | None
    """``CHECKBOX`` fields only."""
    sub_fields: tuple[SubField, ...]
    """``MULTI_BOX`` fields only: one per box, in box order."""


@dataclass(frozen=True)
class Title:
    name: str
    bounding_poly: BoundingPoly
    infer_text: str
    infer_confidence: float


@dataclass(frozen=True)
class TemplateImage:
    infer_result: str
    matched_template: MatchedTemplate
    title: Title | None
    fields: tuple[TemplateField, ...]


def read_field(value: Any, path: str) -> TemplateField:
    raw = as_object(value, path)
    kind = string(raw, "type", path)
    value_type = string(raw, "valueType", path)
    if kind not in FIELD_KEYS or value_type not in VALUE_TYPES:
        raise WireShapeError(f"{path}: unknown type {kind!r} or valueType {value_type!r}")
    subs = []
    if kind == "MULTI_BOX":
        for i, item in enumerate(children(raw, "subFields", path)):
            where = f"{path}.subFields[{i}]"
            sub = as_object(item, where)
            subs.append(
                SubField(
                    BoundingPoly.read(sub.get("boundingPoly"), f"{where}.boundingPoly"),
                    string(sub, "inferText", where),
                    number(sub, "inferConfidence", where),
                    boolean(sub, "lineBreak", where),
                )
            )
    return TemplateField(
        name=string(raw, "name", path),
        value_type=value_type,
        type=kind,
        infer_text=string(raw, "inferText", path),
        infer_confidence=number(raw, "inferConfidence", path),
        bounding_poly=BoundingPoly.read(raw.get("boundingPoly"), f"{path}.boundingPoly"),
        line_break=boolean(raw, "lineBreak", path) if kind == "NORMAL" else None,
        checked=boolean(raw, "checked", path) if kind == "CHECKBOX" else None,
        sub_fields=tuple(subs),
    )


def read_template_image(answer: Any) -> TemplateImage:
    """Bind ``images[0]`` of a Template answer; ``matchedTemplate.id`` must be a JSON integer."""
    image = as_object(children(as_object(answer, "$"), "images", "$")[0], "$.images[0]")
    at = "$.images[0]"
    matched = child(image, "matchedTemplate", at)
    title = None
    if image.get("title") is not None:
        raw = child(image, "title", at)
        title = Title(
            string(raw, "name", f"{at}.title"),
            BoundingPoly.read(raw.get("boundingPoly"), f"{at}.title.boundingPoly"),
            string(raw, "inferText", f"{at}.title"),
            number(raw, "inferConfidence", f"{at}.title"),
        )
    return TemplateImage(
        infer_result=string(image, "inferResult", at),
        matched_template=MatchedTemplate(
            integer(matched, "id", f"{at}.matchedTemplate"), string(matched, "name", f"{at}.matchedTemplate")
        ),
        title=title,
        fields=tuple(read_field(f, f"{at}.fields[{i}]") for i, f in enumerate(children(image, "fields", at))),
    )


_POLY = {"vertices": [{"x": 0.0, "y": 0.0}, {"x": 9.0, "y": 0.0}, {"x": 9.0, "y": 5.0}, {"x": 0.0, "y": 5.0}]}
_ANSWER: dict[str, Any] = {
    "images": [
        {
            "inferResult": "SUCCESS",
            "matchedTemplate": {"id": 266, "name": "EN-Front-2020"},
            "title": None,
            "fields": [
                {
                    "name": "agree",
                    "valueType": "ALL",
                    "type": "CHECKBOX",
                    "checked": True,
                    "inferText": "",
                    "inferConfidence": 0.93,
                    "boundingPoly": _POLY,
                },
            ],
        }
    ]
}


def _break(change: Callable[[dict[str, Any]], None]) -> dict[str, Any]:
    answer = copy.deepcopy(_ANSWER)
    change(answer["images"][0])
    return answer


@pytest.mark.parametrize(
    ("answer", "complaint"),
    [
        (_break(lambda i: i["matchedTemplate"].update(id="266")), "id: expected an integer, got a string"),
        (_break(lambda i: i["matchedTemplate"].update(id=266.0)), "id: expected an integer"),
        (_break(lambda i: i.update(matchedTemplate=None)), "matchedTemplate: missing or null"),
        (_break(lambda i: i["fields"][0].pop("checked")), "checked: missing"),
        (_break(lambda i: i["fields"][0].update(type="NORMAL")), "lineBreak: missing"),
        (_break(lambda i: i["fields"][0].update(valueType="TEXT")), "unknown type"),
    ],
)
def test_the_reader_refuses_what_a_typed_client_cannot_bind(answer: dict[str, Any], complaint: str) -> None:
    assert read_template_image(_ANSWER).matched_template == MatchedTemplate(266, "EN-Front-2020")
    with pytest.raises(WireShapeError, match=complaint):
        read_template_image(answer)


@pytest.fixture(scope="module")
def deployed(hanji: TestClient) -> tuple[Endpoint, dict[str, Any]]:
    """A Premium template domain with the membership form's template built and deployed to service."""
    endpoint = open_endpoint(hanji, name="forms", code="forms")
    made = new_template(hanji, endpoint.domain_id)
    assert made.status_code == 201, made.text
    template: dict[str, Any] = made.json()
    url = f"/api/v1/domains/{endpoint.domain_id}/templates/{template['id']}/deploy"
    assert hanji.post(url, json={"stage": "service"}).json()["stage"] == "service"
    return endpoint, template


PHOTO = scale(render_form(KOREAN_FORM, FILLED)[0], 0.8)
"""The filled form at 80 %: a scan at another resolution than the template's sample."""


def _call(hanji: TestClient, deployed: tuple[Endpoint, dict[str, Any]], version: str) -> dict[str, Any]:
    endpoint, template = deployed
    body = clova_body(to_png(PHOTO), version=version, timestamp="0")
    body["images"][0]["templateIds"] = [template["id"]]
    return endpoint.call(hanji, body)


@pytest.fixture(scope="module")
def v2_answer(hanji: TestClient, deployed: tuple[Endpoint, dict[str, Any]]) -> dict[str, Any]:
    return _call(hanji, deployed, "V2")


def test_template_client_binds_the_matched_template_and_every_field(
    v2_answer: dict[str, Any], deployed: tuple[Endpoint, dict[str, Any]]
) -> None:
    answer = v2_answer
    entry = answer["images"][0]
    assert list(entry) == [
        "uid",
        "name",
        "inferResult",
        "message",
        "matchedTemplate",
        "validationResult",
        "convertedImageInfo",
        "title",
        "fields",
    ]
    image = read_template_image(answer)
    assert image.infer_result == "SUCCESS"
    assert image.matched_template == MatchedTemplate(deployed[1]["id"], "membership")
    assert image.title is not None and image.title.infer_text == "회원 가입 신청서"
    assert {f.name: (f.type, f.value_type, f.infer_text) for f in image.fields} == {
        "name": ("NORMAL", "ALL", "김민수"),
        "phone": ("MULTI_BOX", "PHONE", "01048217735"),
        "birth": ("NORMAL", "DATE", "1990-03-15"),
        "amount": ("NORMAL", "NUMERIC", "1250000"),
        "email": ("NORMAL", "EMAIL", "kim@example.com"),
        "agree": ("CHECKBOX", "ALL", ""),
    }
    for raw, field in zip(entry["fields"], image.fields, strict=True):
        assert list(raw) == FIELD_KEYS[field.type], field.name
        assert 0.0 <= field.infer_confidence <= 1.0
    by_name = {f.name: f for f in image.fields}
    assert [s.infer_text for s in by_name["phone"].sub_fields] == ["010", "4821", "7735"]
    assert by_name["agree"].checked is True and by_name["name"].line_break is True
    # Boxes are in the input's pixels: the template's name box (330, 230)-(750, 286) at 80 %.
    assert by_name["name"].bounding_poly.bounds == pytest.approx((264, 184, 600, 228.8), abs=3)


def test_v1_template_client_binds_the_same_fields(
    hanji: TestClient, deployed: tuple[Endpoint, dict[str, Any]], v2_answer: dict[str, Any]
) -> None:
    v1 = _call(hanji, deployed, "V1")
    assert v1["version"] == "V1" and all("bounding" in f for f in v1["images"][0]["fields"])
    assert read_template_image(v1) == read_template_image(v2_answer)
