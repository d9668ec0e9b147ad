"""Premium-only template features, and the Basic copy of a Premium definition."""

from __future__ import annotations

from typing import Any

from hanji.services.management.template_features import premium_features, to_basic
from hanji.templates.schema import parse_definition

PREMIUM: dict[str, Any] = {
    "title": None,
    "fields": [
        {"name": "name", "boxes": [[0, 0, 50, 20]]},
        {"name": "plate", "boxes": [[0, 30, 50, 20]], "value_type": "alnum", "case": "upper"},
        {
            "name": "agree",
            "boxes": [[0, 60, 20, 20]],
            "checkbox": True,
            "checkbox_text": {"checked": "V", "unchecked": ""},
        },
    ],
    "tables": [],
    "combine": [{"name": "all", "fields": ["name", "agree"]}, {"name": "tick", "fields": ["agree"]}],
}


def test_checkbox_text_is_premium_and_combining_is_not() -> None:
    found = premium_features(PREMIUM)
    assert "field 'agree': checkbox text conversion" in found
    assert not any("combine" in f for f in found)
    assert premium_features({"fields": PREMIUM["fields"][:1], "combine": PREMIUM["combine"][:1]}) == []


def test_the_basic_copy_drops_premium_parts_and_stays_valid() -> None:
    basic, dropped = to_basic(PREMIUM)
    assert [f["name"] for f in basic["fields"]] == ["name", "plate"]
    assert "case" not in basic["fields"][1] and basic["fields"][1]["value_type"] == "text"
    assert basic["combine"] == [{"name": "all", "fields": ["name"]}]  # the checkbox left; "tick" emptied
    assert premium_features(basic) == [] and dropped
    parse_definition(basic)
