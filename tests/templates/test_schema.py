"""Template definitions: what is accepted, and errors that name the offending field."""

from __future__ import annotations

from typing import Any

import pytest

from hanji.core.errors import ValidationFailed
from hanji.templates.schema import parse_definition


def definition(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": {"box": [10, 10, 200, 40]},
        "fields": [
            {"name": "phone", "boxes": [[10, 100, 60, 30], [80, 100, 60, 30]], "value_type": "phone"},
            {
                "name": "agree",
                "boxes": [[10, 200, 20, 20]],
                "checkbox": True,
                "validation": {"required": True},
            },
            {"name": "memo", "boxes": [[10, 300, 300, 30]], "validation": {"regex": "[A-Z]+"}},
        ],
        "tables": [{"name": "items", "box": [0, 400, 500, 300]}],
    }
    body.update(overrides)
    return body


def test_a_full_definition_round_trips() -> None:
    parsed = parse_definition(definition(), sample_size=(800, 1000))
    assert [f.name for f in parsed.fields] == ["phone", "agree", "memo"]
    assert parsed.fields[0].multi_box and parsed.fields[1].checkbox
    assert parsed.fields[1].validation.required and parsed.fields[2].validation.regex == "[A-Z]+"
    assert parse_definition(parsed.export()).export() == parsed.export()
    assert parsed.export()["fields"][0]["boxes"] == [[10.0, 100.0, 60.0, 30.0], [80.0, 100.0, 60.0, 30.0]]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"fields": [{"name": "x", "boxes": [[0, 0, -5, 10]]}]}, "fields[0] (x).boxes[0]"),
        ({"fields": [{"name": "x", "boxes": [[0, 0, 5]]}]}, "fields[0] (x).boxes[0]"),
        ({"fields": [{"name": "x", "boxes": []}]}, "fields[0] (x).boxes"),
        ({"fields": [{"name": "", "boxes": [[0, 0, 5, 5]]}]}, "fields[0].name"),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "value_type": "money"}]},
            "fields[0] (x).value_type",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "validation": {"regex": "("}}]},
            "fields[0] (x).validation.regex",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5], [9, 0, 5, 5]], "checkbox": True}]},
            "fields[0] (x).boxes",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]]}, {"name": "x", "boxes": [[0, 9, 5, 5]]}]},
            "fields",
        ),
        ({"title": {"box": [700, 10, 200, 40]}}, "title.box"),
        ({"tables": [{"name": "t"}]}, "tables[0].box"),
    ],
)
def test_errors_name_the_bad_field(change: dict[str, Any], where: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(definition(**change), sample_size=(800, 1000))
    assert caught.value.details["field"] == where
    assert caught.value.message.startswith(where)


def test_combinations_checkbox_text_and_case_round_trip() -> None:
    body = definition(
        combine=[
            {"name": "contact", "fields": ["memo", "phone"], "separator": "/"},
            {"name": "m", "fields": ["memo"]},
        ]
    )
    body["fields"][1]["checkbox_text"] = {"checked": "V", "unchecked": ""}
    body["fields"].append(
        {"name": "plate", "boxes": [[10, 500, 300, 30]], "value_type": "alnum", "case": "upper"}
    )
    parsed = parse_definition(body, sample_size=(800, 1000))
    assert parsed.combine[0].fields == ("memo", "phone") and parsed.combine[0].separator == "/"
    assert parsed.combine[1].separator == " "
    assert parsed.fields[1].checkbox_text == ("V", "")
    assert parsed.fields[3].case == "upper"
    assert parse_definition(parsed.export()).export() == parsed.export()
    assert parsed.export()["fields"][1]["checkbox_text"] == {"checked": "V", "unchecked": ""}
    assert "checkbox_text" not in parsed.export()["fields"][0]


@pytest.mark.parametrize(
    ("change", "where"),
    [
        ({"combine": [{"name": "c", "fields": ["nope"]}]}, "combine[0].fields"),
        ({"combine": [{"name": "c", "fields": []}]}, "combine[0].fields"),
        ({"combine": [{"name": "c", "fields": ["memo"], "separator": 3}]}, "combine[0].separator"),
        ({"combine": [{"name": "c", "fields": ["memo"]}, {"name": "c", "fields": ["memo"]}]}, "combine"),
        ({"combine": "memo"}, "combine"),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "checkbox_text": {"checked": "V"}}]},
            "fields[0] (x).checkbox_text",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "checkbox": True, "checkbox_text": "V"}]},
            "fields[0] (x).checkbox_text",
        ),
        ({"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "case": "upper"}]}, "fields[0] (x).case"),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "value_type": "alnum", "case": "title"}]},
            "fields[0] (x).case",
        ),
    ],
)
def test_combination_and_conversion_errors_name_the_part(change: dict[str, Any], where: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(definition(**change), sample_size=(800, 1000))
    assert caught.value.details["field"] == where


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)*$", r"(\w+\s?)*$", r"(\d)\1", "x" * 301])
def test_regexes_that_can_backtrack_without_bound_are_refused(pattern: str) -> None:
    from hanji.templates.regex_guard import pattern_problem

    assert pattern_problem(pattern) is not None


@pytest.mark.parametrize("pattern", [r"^\d{3}-\d{2}-\d{5}$", r"^(010|011)-\d{4}-\d{4}$", r"^[A-Z]{2}\d+$"])
def test_ordinary_validation_regexes_pass(pattern: str) -> None:
    from hanji.templates.regex_guard import pattern_problem

    assert pattern_problem(pattern) is None
