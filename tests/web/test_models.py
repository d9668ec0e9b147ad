"""The view models keep what they show exactly as stored, and their documentation in step with the
rules that check the values."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from hanji.services.management import domain_rules
from hanji.storage.models import Template
from hanji.templates import schema as template_schema
from hanji.web.models import templates as template_models
from hanji.web.models.clova import ClovaJobRequest, ClovaRequest, ClovaResponse
from hanji.web.models.domains import DomainView
from hanji.web.models.inline import inline_schema
from hanji.web.models.templates import TemplateCreate, TemplateTestImage, template_view

DEFINITION = {
    "title": {"box": [10, 10, 300, 40]},
    "fields": [
        {"name": "name", "boxes": [[10, 60, 200, 30]]},
        {
            "name": "phone",
            "boxes": [[10, 100, 60, 30], [80, 100, 60, 30]],
            "value_type": "phone",
            "validation": {"required": True, "regex": r"^\d+$"},
        },
        {"name": "agree", "boxes": [[10, 140, 20, 20]], "checkbox": True, "checkbox_text": {"checked": "V"}},
        {"name": "code", "boxes": [[10, 170, 100, 30]], "value_type": "alnum", "case": "upper"},
    ],
    "tables": [{"name": "items", "box": [0, 200, 400, 100]}],
    "combine": [{"name": "who", "fields": ["name", "phone"], "separator": "/"}],
}


def stored_template(definition: dict[str, Any]) -> Template:
    at = datetime(2026, 11, 24, 13, 5, 9, 123456, tzinfo=UTC)
    template = Template(id=7, domain_id=3, name="form", definition=definition, sample_blob="k", stage="beta")
    template.version, template.created_at, template.updated_at = 2, at, at
    return template


def test_a_template_shows_its_definition_as_stored() -> None:
    parts = template_schema.parse_definition(DEFINITION, sample_size=(400, 300)).export()
    definition = {**parts, "sample": {"width": 400, "height": 300}, "validation_url": None}
    view = template_view(stored_template(definition), "http://hanji.test/").model_dump(mode="json")
    # Keys an optional part lacks stay absent (no "text": null, no "case": null), in stored order.
    assert json.dumps({k: view[k] for k in parts}) == json.dumps(parts)
    assert view["sample"] == {
        "width": 400,
        "height": 300,
        "image_url": "http://hanji.test/api/v1/domains/3/templates/7/sample",
        "title_text": None,
    }
    assert view["created_at"] == "2026-11-24T13:05:09.123456Z"


def test_a_stored_key_this_version_does_not_know_is_kept() -> None:
    definition = {
        "fields": [
            {
                "name": "a",
                "boxes": [[1.0, 2.0, 3.0, 4.0]],
                "value_type": "text",
                "checkbox": False,
                "validation": {},
                "later": 1,
            }
        ],
        "sample": {},
    }
    view = template_view(stored_template(definition), "http://h/").model_dump(mode="json")
    assert view["fields"][0]["later"] == 1 and view["title"] is None and view["combine"] == []


def test_documented_values_are_the_checked_ones() -> None:
    assert template_models.VALUE_TYPES == template_schema.VALUE_TYPES
    assert template_models.CASES == template_schema.CASES
    domain = DomainView.model_json_schema()["properties"]
    assert domain["service_type"]["enum"] == list(domain_rules.SERVICE_TYPES)
    assert domain["service_plan"]["enum"] == list(domain_rules.SERVICE_PLANS)


def test_a_definition_body_passes_on_what_was_sent_unchecked() -> None:
    """parse_definition checks it, so its errors name the part (``fields[0] (x).boxes[0]``)."""
    body = TemplateCreate.model_validate({"name": 5, "fields": "not a list", "title": None, "other": 1})
    assert body.changes() == {"name": 5, "fields": "not a list", "title": None}


def test_clova_entries_pass_through_in_clova_order() -> None:
    entry = {
        "uid": "u",
        "name": "n",
        "inferResult": "SUCCESS",
        "message": "SUCCESS",
        "matchedTemplate": {"id": 1, "name": "t"},
        "validationResult": {"result": "NO_REQUESTED"},
    }
    body = {"version": "V2", "requestId": "r", "timestamp": 1, "images": [entry]}
    dumped = ClovaResponse.model_validate(body).model_dump(mode="json")
    assert json.dumps(dumped) == json.dumps(body)


def test_inline_schemas_hold_no_references() -> None:
    for model in (ClovaRequest, ClovaJobRequest, TemplateTestImage):
        text = json.dumps(inline_schema(model))
        assert "$ref" not in text and "$defs" not in text, model
    assert inline_schema(ClovaRequest)["properties"]["images"]["items"]["properties"]["format"]["enum"]
