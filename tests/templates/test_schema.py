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
    ("change", "where", "key", "message"),
    [
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, -5, 10]]}]},
            "fields[0].boxes[0]",
            "box_negative",
            "Field 1 (x): box 1 needs x and y of at least 0 and a width and height above 0",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5], [0, 0, 5]]}]},
            "fields[0].boxes[1]",
            "box_shape",
            "Field 1 (x): box 2 is not [x, y, width, height]",
        ),
        (
            {"fields": [{"name": "x", "boxes": []}]},
            "fields[0].boxes",
            "boxes_missing",
            "Field 1 (x): needs at least one box [x, y, width, height]",
        ),
        (
            {"fields": [{"name": "", "boxes": [[0, 0, 5, 5]]}]},
            "fields[0].name",
            "name_invalid",
            "Field 1: the name must be 1-100 characters",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "value_type": "money"}]},
            "fields[0].value_type",
            "value_type_unknown",
            "Field 1 (x): the value type must be one of "
            "text, number, date, phone, email, alnum, korean, alphabet",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "validation": {"regex": "("}}]},
            "fields[0].validation.regex",
            "regex_invalid",
            "Field 1 (x): the validation pattern is not a valid regular expression "
            "(missing ), unterminated subpattern at position 0)",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5], [9, 0, 5, 5]], "checkbox": True}]},
            "fields[0].boxes",
            "checkbox_one_box",
            "Field 1 (x): a checkbox field has exactly one box",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]]}, {"name": "x", "boxes": [[0, 9, 5, 5]]}]},
            "fields[1].name",
            "fields_duplicate",
            "Field 2 (x): field 1 already has this name",
        ),
        (
            {"title": {"box": [700, 10, 200, 40]}},
            "title.box",
            "box_outside",
            "Title area: box 1 leaves the 800x1000 sample image",
        ),
        (
            {"tables": [{"name": "t"}]},
            "tables[0].box",
            "box_shape",
            "Table area 1 (t): box 1 is not [x, y, width, height]",
        ),
        ({"fields": "x"}, "fields", "fields_list", "Template: fields must be a list of at most 200 fields"),
    ],
)
def test_errors_name_the_bad_part_counting_from_one(
    change: dict[str, Any], where: str, key: str, message: str
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(definition(**change), sample_size=(800, 1000))
    assert caught.value.details["field"] == where
    assert caught.value.details["key"] == f"definition.{key}"
    assert caught.value.message == message


def test_a_field_refused_for_its_box_is_still_checked_for_a_repeated_name() -> None:
    body = definition(
        fields=[
            {"name": "총액", "boxes": [[0, 0, 5, 5]]},
            {"name": "총액", "boxes": [[790, 0, 50, 5]]},
            {"name": "", "boxes": [[0, 0, 5, 5]]},
            {"name": "", "boxes": [[0, 9, 5, 5]]},
        ]
    )
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(body, sample_size=(800, 1000))
    assert [(p["params"].get("number"), p["key"]) for p in caught.value.details["problems"]] == [
        (2, "definition.box_outside"),
        (3, "definition.name_invalid"),
        (4, "definition.name_invalid"),
        (2, "definition.fields_duplicate"),
    ]


def test_every_problem_is_named_at_once() -> None:
    """#15 item 6: one answer names each part that is wrong, not only the first."""
    body = definition(
        fields=[
            {"name": "ok", "boxes": [[0, 0, 5, 5]]},
            {"name": "성명", "boxes": [[0, 0, 5, 5]], "validation": {"regex": "(a+)+$"}},
            {"name": "ok", "boxes": [[0, 0, 5, 5]]},
            {"name": "far", "boxes": [[0, 0, 5, 5], [790, 0, 50, 5]]},
        ],
        tables=[{"name": "", "box": [0, 0, 5, 5]}],
        combine=[{"name": "c", "fields": ["성명", "nobody"]}],
    )
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(body, sample_size=(800, 1000))
    problems = caught.value.details["problems"]
    assert [(p["part"], p["params"].get("number"), p["key"]) for p in problems] == [
        ("field", 2, "definition.regex_nested_repeat"),
        ("field", 4, "definition.box_outside"),
        ("field", 3, "definition.fields_duplicate"),
        ("table", 1, "definition.name_invalid"),
        ("combination", 1, "definition.combination_unknown_field"),
    ]
    assert problems[0]["params"] == {"number": 2, "name": "성명"}
    assert problems[1]["params"] == {"number": 4, "name": "far", "box": 2, "width": 800, "height": 1000}
    assert caught.value.message == (
        "Field 2 (성명): the validation pattern has a repeat inside a repeat, which can take exponential time"
        " (and 4 more)"
    )
    # The first problem is also the error's own details, for clients that read one.
    assert {k: caught.value.details[k] for k in ("field", "key", "part", "params")} == {
        k: problems[0][k] for k in ("field", "key", "part", "params")
    }


@pytest.mark.parametrize(
    ("pattern", "key"),
    [
        ("x" * 301, "regex_too_long"),
        ("(", "regex_invalid"),
        (r"(\d)\1", "regex_backreference"),
        (r"(a+)+$", "regex_nested_repeat"),
        (r"(a|aa)*$", "regex_alternation_repeat"),
    ],
)
def test_each_refused_regex_has_its_own_key(pattern: str, key: str) -> None:
    body = definition(fields=[{"name": "x", "boxes": [[0, 0, 5, 5]], "validation": {"regex": pattern}}])
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(body)
    assert caught.value.details["key"] == f"definition.{key}"


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
        (
            {"combine": [{"name": "c", "fields": ["memo"]}, {"name": "c", "fields": ["memo"]}]},
            "combine[1].name",
        ),
        ({"combine": "memo"}, "combine"),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "checkbox_text": {"checked": "V"}}]},
            "fields[0].checkbox_text",
        ),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "checkbox": True, "checkbox_text": "V"}]},
            "fields[0].checkbox_text",
        ),
        ({"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "case": "upper"}]}, "fields[0].case"),
        (
            {"fields": [{"name": "x", "boxes": [[0, 0, 5, 5]], "value_type": "alnum", "case": "title"}]},
            "fields[0].case",
        ),
    ],
)
def test_combination_and_conversion_errors_name_the_part(change: dict[str, Any], where: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        parse_definition(definition(**change), sample_size=(800, 1000))
    assert caught.value.details["field"] == where
    assert "[0]" not in caught.value.message and "[1]" not in caught.value.message  # counted from 1


@pytest.mark.parametrize("pattern", [r"(a+)+$", r"(a|aa)*$", r"(\w+\s?)*$", r"(\d)\1", "x" * 301])
def test_regexes_that_can_backtrack_without_bound_are_refused(pattern: str) -> None:
    from hanji.templates.regex_guard import pattern_problem

    assert pattern_problem(pattern) is not None


@pytest.mark.parametrize("pattern", [r"^\d{3}-\d{2}-\d{5}$", r"^(010|011)-\d{4}-\d{4}$", r"^[A-Z]{2}\d+$"])
def test_ordinary_validation_regexes_pass(pattern: str) -> None:
    from hanji.templates.regex_guard import pattern_problem

    assert pattern_problem(pattern) is None
