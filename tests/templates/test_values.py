"""Value-type normalisation: numbers, dates to ISO, phones, e-mails, resident numbers."""

from __future__ import annotations

import pytest

from hanji.templates.schema import parse_definition
from hanji.templates.validation import check_fields
from hanji.templates.values import normalise


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
    assert check_fields(fields, {"id": "900315-1234567"}) == {"result": "VALID"}
    assert check_fields(fields, {"id": ""})["message"] == "id: required"
    assert check_fields(fields, {"id": "90031"})["result"] == "INVALID"
    assert check_fields(fields[1:], {"memo": ""}) == {"result": "NO_REQUESTED"}
