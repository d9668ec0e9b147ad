"""Value-type normalisation: numbers, dates to ISO, phones, e-mails, resident numbers."""

from __future__ import annotations

import pytest

from hanji.core.template_reading import FieldCheck
from hanji.templates.schema import parse_definition
from hanji.templates.validation import check_fields
from hanji.templates.values import fit_case, follow_case, normalise


@pytest.mark.parametrize(
    ("value_type", "read", "expected"),
    [
        ("number", "1,250,000", "1250000"),
        ("number", "12 5O0원", "12500"),
        ("number", "900315 - 1234567", "900315-1234567"),
        ("number", "abc", "abc"),
        ("date", "1990.03.15", "1990-03-15"),
        ("date", "1990년 3월 5일", "1990-03-05"),
        ("date", "15/03/1990", "1990-03-15"),
        ("date", "19900315", "1990-03-15"),
        ("date", "1990.13.45", "1990.13.45"),
        ("phone", "010-4821-7735", "01048217735"),
        ("phone", "+82 10 4821 7735", "+821048217735"),
        ("email", "Hong @ Example.com", "hong@example.com"),
        ("alnum", "AB-12 3!", "AB-123"),
        ("korean", "홍길동.", "홍길동"),
        ("alphabet", "John 5mith", "John mith"),
        ("text", " as read ", " as read "),
        ("number", "   ", ""),
    ],
)
def test_normalise(value_type: str, read: str, expected: str) -> None:
    assert normalise(value_type, read) == expected


def test_field_rules_give_the_validation_verdict() -> None:
    fields = parse_definition(
        {
            "fields": [
                {
                    "name": "id",
                    "boxes": [[0, 0, 9, 9]],
                    "validation": {"regex": r"\d{6}-\d{7}", "required": True},
                },
                {"name": "memo", "boxes": [[0, 20, 9, 9]]},
            ]
        }
    ).fields
    assert check_fields(fields, {"id": "900315-1234567"}) == FieldCheck("VALID")
    assert check_fields(fields, {"id": ""}).message == "id: required"
    assert check_fields(fields, {"id": "90031"}).result == "INVALID"
    assert check_fields(fields[1:], {"memo": ""}) == FieldCheck("NO_REQUESTED")


@pytest.mark.parametrize(
    ("read", "expected"),
    [
        ("AB12c34", "AB12C34"),  # the benchmark's one miss: a lone small c among capitals
        ("ab12C34", "ab12c34"),
        ("x9z", "x9z"),  # no letter that tells its case: left as read
        ("Ab1c", "Ab1c"),  # one capital, one small: undecided
        ("AB-12 o5", "AB-12O5"),
    ],
)
def test_alnum_same_shape_letters_follow_the_value_case(read: str, expected: str) -> None:
    assert normalise("alnum", read) == expected


def test_case_option_and_regex_fit_the_case() -> None:
    assert fit_case("ab12c", case="upper", regex=None) == "AB12C"
    assert fit_case("AB12C", case="lower", regex=None) == "ab12c"
    assert fit_case("Ab12c", case=None, regex="[A-Z]{2}[0-9]{2}[A-Z]") == "AB12C"
    assert fit_case("Ab12c", case=None, regex="[a-z]{2}[0-9]{2}[a-z]") == "ab12c"
    assert fit_case("Ab12c", case=None, regex="[A-Za-z0-9]+") == "Ab12c"  # accepted as read
    assert fit_case("Ab12c", case=None, regex="[0-9]+") == "Ab12c"  # no case fits: unchanged
    assert fit_case("Ab12c", case=None, regex=None) == "Ab12c"
    assert follow_case("c", "AB12c34") == "C"
