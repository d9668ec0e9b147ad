"""A template definition: the title area, fields and table areas, checked with errors that name the field.

Definitions are data (stored as JSON, sent by the management API); ``parse_definition`` is the one place
that decides what a valid one is, so the API, the services and the matcher agree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from hanji.core.errors import ValidationFailed

VALUE_TYPES: Final = ("text", "number", "date", "phone", "email", "alnum", "korean", "alphabet")
"""Field value types; every one but ``text`` is a Premium feature."""

MAX_FIELDS: Final = 200
MAX_BOXES: Final = 50
_NAME_LIMIT: Final = 100

Rect = tuple[float, float, float, float]
"""``(x, y, w, h)`` in pixels of the template's sample image."""


@dataclass(frozen=True, slots=True)
class FieldRule:
    """Checks a value must pass; a failure makes ``validationResult`` INVALID."""

    required: bool = False
    regex: str | None = None


@dataclass(frozen=True, slots=True)
class FieldDefinition:
    name: str
    boxes: tuple[Rect, ...]
    value_type: str = "text"
    checkbox: bool = False
    validation: FieldRule = field(default_factory=FieldRule)

    @property
    def multi_box(self) -> bool:
        return len(self.boxes) > 1


@dataclass(frozen=True, slots=True)
class TableArea:
    name: str
    box: Rect


@dataclass(frozen=True, slots=True)
class TitleArea:
    box: Rect
    text: str | None = None
    name: str = "title"


@dataclass(frozen=True, slots=True)
class TemplateDefinition:
    title: TitleArea | None
    fields: tuple[FieldDefinition, ...]
    tables: tuple[TableArea, ...] = ()

    def export(self) -> dict[str, Any]:
        """Plain JSON, the shape ``parse_definition`` reads."""
        title = None
        if self.title is not None:
            title = {"box": list(self.title.box), "name": self.title.name}
            if self.title.text is not None:
                title["text"] = self.title.text
        return {
            "title": title,
            "fields": [
                {
                    "name": f.name,
                    "boxes": [list(b) for b in f.boxes],
                    "value_type": f.value_type,
                    "checkbox": f.checkbox,
                    "validation": _rule_export(f.validation),
                }
                for f in self.fields
            ],
            "tables": [{"name": t.name, "box": list(t.box)} for t in self.tables],
        }


def _rule_export(rule: FieldRule) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if rule.required:
        out["required"] = True
    if rule.regex is not None:
        out["regex"] = rule.regex
    return out


def _fail(where: str, problem: str) -> ValidationFailed:
    return ValidationFailed(f"{where}: {problem}", details={"field": where})


def _rect(value: Any, where: str, size: tuple[int, int] | None) -> Rect:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 4:
        raise _fail(where, "a box is [x, y, width, height]")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        raise _fail(where, "box coordinates must be numbers")
    x, y, w, h = (float(v) for v in value)
    if x < 0 or y < 0 or w <= 0 or h <= 0:
        raise _fail(where, "x and y must be >= 0, width and height > 0")
    if size is not None and (x + w > size[0] + 1 or y + h > size[1] + 1):
        raise _fail(where, f"the box leaves the {size[0]}x{size[1]} sample image")
    return (x, y, w, h)


def _name(value: Any, where: str) -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _NAME_LIMIT:
        raise _fail(where, f"a name is a non-empty string of at most {_NAME_LIMIT} characters")
    return value.strip()


def _rule(value: Any, where: str) -> FieldRule:
    if value is None:
        return FieldRule()
    if not isinstance(value, Mapping):
        raise _fail(where, 'validation is an object {"regex"?, "required"?}')
    unknown = set(value) - {"regex", "required"}
    if unknown:
        raise _fail(where, f"unknown validation keys {sorted(unknown)}")
    required = value.get("required", False)
    if not isinstance(required, bool):
        raise _fail(f"{where}.required", "must be true or false")
    regex = value.get("regex")
    if regex is not None:
        if not isinstance(regex, str):
            raise _fail(f"{where}.regex", "must be a string")
        try:
            re.compile(regex)
        except re.error as exc:
            raise _fail(f"{where}.regex", f"not a valid regular expression ({exc})") from None
    return FieldRule(required=required, regex=regex)


def _field(value: Any, where: str, size: tuple[int, int] | None) -> FieldDefinition:
    if not isinstance(value, Mapping):
        raise _fail(where, "a field is an object")
    name = _name(value.get("name"), f"{where}.name")
    where = f"{where} ({name})"
    boxes = value.get("boxes")
    if not isinstance(boxes, Sequence) or isinstance(boxes, str) or not boxes:
        raise _fail(f"{where}.boxes", "needs at least one box [x, y, width, height]")
    if len(boxes) > MAX_BOXES:
        raise _fail(f"{where}.boxes", f"at most {MAX_BOXES} boxes")
    rects = tuple(_rect(b, f"{where}.boxes[{k}]", size) for k, b in enumerate(boxes))
    value_type = value.get("value_type", "text")
    if value_type not in VALUE_TYPES:
        raise _fail(f"{where}.value_type", f"must be one of {', '.join(VALUE_TYPES)}")
    checkbox = value.get("checkbox", False)
    if not isinstance(checkbox, bool):
        raise _fail(f"{where}.checkbox", "must be true or false")
    if checkbox and len(rects) > 1:
        raise _fail(f"{where}.boxes", "a checkbox field has exactly one box")
    rule = _rule(value.get("validation"), f"{where}.validation")
    return FieldDefinition(name, rects, value_type, checkbox, rule)


def parse_definition(
    data: Mapping[str, Any], *, sample_size: tuple[int, int] | None = None
) -> TemplateDefinition:
    """Check and read a definition (``title``, ``fields``, ``tables``).

    Args:
        data: the JSON object as the API received or stored it.
        sample_size: ``(width, height)`` of the sample image; boxes must lie inside it.

    Raises:
        ValidationFailed: with a message and ``details.field`` naming the offending part.
    """
    title = None
    raw_title = data.get("title")
    if raw_title is not None:
        if not isinstance(raw_title, Mapping):
            raise _fail("title", 'the title area is {"box": [x, y, w, h], "text"?}')
        text = raw_title.get("text")
        if text is not None and not isinstance(text, str):
            raise _fail("title.text", "must be a string")
        name = raw_title.get("name", "title")
        title = TitleArea(
            _rect(raw_title.get("box"), "title.box", sample_size), text, _name(name, "title.name")
        )
    raw_fields = data.get("fields", [])
    if not isinstance(raw_fields, Sequence) or isinstance(raw_fields, str) or len(raw_fields) > MAX_FIELDS:
        raise _fail("fields", f"a list of at most {MAX_FIELDS} fields")
    fields = tuple(_field(f, f"fields[{k}]", sample_size) for k, f in enumerate(raw_fields))
    seen: set[str] = set()
    for f in fields:
        if f.name in seen:
            raise _fail("fields", f"two fields are named {f.name!r}")
        seen.add(f.name)
    raw_tables = data.get("tables", [])
    if not isinstance(raw_tables, Sequence) or isinstance(raw_tables, str):
        raise _fail("tables", "a list of table areas")
    tables = []
    for k, t in enumerate(raw_tables):
        if not isinstance(t, Mapping):
            raise _fail(f"tables[{k}]", 'a table area is {"name", "box"}')
        tables.append(
            TableArea(
                _name(t.get("name"), f"tables[{k}].name"),
                _rect(t.get("box"), f"tables[{k}].box", sample_size),
            )
        )
    return TemplateDefinition(title, fields, tuple(tables))
