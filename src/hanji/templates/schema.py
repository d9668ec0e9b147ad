"""A template definition (title area, fields, table areas, combinations), checked with errors naming the part.

Definitions are data (stored as JSON, sent by the management API); ``parse_definition`` is the one place
that decides what a valid one is, so the API, the services and the matcher agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from hanji.core.errors import ValidationFailed
from hanji.templates.regex_guard import pattern_problem

VALUE_TYPES: Final = ("text", "number", "date", "phone", "email", "alnum", "korean", "alphabet")
"""Field value types; every one but ``text`` is a Premium feature."""

CASES: Final = ("upper", "lower")
"""``case`` of an ``alnum``/``alphabet`` field: letters of the value are put in this case."""

MAX_FIELDS: Final = 200
MAX_BOXES: Final = 50
MAX_COMBINES: Final = 50
_NAME_LIMIT: Final = 100
_TEXT_LIMIT: Final = 20

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
    checkbox_text: tuple[str, str] | None = None
    """Premium text conversion of a checkbox: ``inferText`` when (checked, unchecked)."""
    case: str | None = None

    @property
    def multi_box(self) -> bool:
        return len(self.boxes) > 1


@dataclass(frozen=True, slots=True)
class TableArea:
    name: str
    box: Rect


@dataclass(frozen=True, slots=True)
class Combination:
    """A ``combineResult`` item: the values of ``fields`` (non-empty ones) joined by ``separator``."""

    name: str
    fields: tuple[str, ...]
    separator: str = " "


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
    combine: tuple[Combination, ...] = ()

    def export(self) -> dict[str, Any]:
        """Plain JSON, the shape ``parse_definition`` reads."""
        title = None
        if self.title is not None:
            title = {"box": list(self.title.box), "name": self.title.name}
            if self.title.text is not None:
                title["text"] = self.title.text
        return {
            "title": title,
            "fields": [_field_export(f) for f in self.fields],
            "tables": [{"name": t.name, "box": list(t.box)} for t in self.tables],
            "combine": [
                {"name": c.name, "fields": list(c.fields), "separator": c.separator} for c in self.combine
            ],
        }


def _field_export(f: FieldDefinition) -> dict[str, Any]:
    out: dict[str, Any] = {
        "name": f.name,
        "boxes": [list(b) for b in f.boxes],
        "value_type": f.value_type,
        "checkbox": f.checkbox,
        "validation": _rule_export(f.validation),
    }
    if f.checkbox_text is not None:
        out["checkbox_text"] = {"checked": f.checkbox_text[0], "unchecked": f.checkbox_text[1]}
    if f.case is not None:
        out["case"] = f.case
    return out


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
        problem = pattern_problem(regex)
        if problem:
            raise _fail(f"{where}.regex", problem)
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
    checkbox_text = _checkbox_text(value.get("checkbox_text"), f"{where}.checkbox_text", checkbox)
    case = value.get("case")
    if case is not None and (case not in CASES or value_type not in ("alnum", "alphabet")):
        raise _fail(f"{where}.case", 'is "upper" or "lower", on an alnum or alphabet field')
    return FieldDefinition(name, rects, value_type, checkbox, rule, checkbox_text, case)


def _checkbox_text(value: Any, where: str, checkbox: bool) -> tuple[str, str] | None:
    if value is None:
        return None
    if not checkbox:
        raise _fail(where, "only a checkbox field converts its tick to text")
    if not isinstance(value, Mapping) or set(value) - {"checked", "unchecked"}:
        raise _fail(where, 'is {"checked": "V", "unchecked": ""}')
    texts = (value.get("checked", ""), value.get("unchecked", ""))
    if not all(isinstance(t, str) and len(t) <= _TEXT_LIMIT for t in texts):
        raise _fail(where, f"texts are strings of at most {_TEXT_LIMIT} characters")
    return texts[0], texts[1]


def _combine(value: Any, fields: Sequence[FieldDefinition]) -> tuple[Combination, ...]:
    if value is None:
        return ()
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) > MAX_COMBINES:
        raise _fail("combine", f"a list of at most {MAX_COMBINES} combinations")
    known = {f.name for f in fields}
    out: list[Combination] = []
    for k, item in enumerate(value):
        where = f"combine[{k}]"
        if not isinstance(item, Mapping) or set(item) - {"name", "fields", "separator"}:
            raise _fail(where, 'a combination is {"name", "fields": [field names], "separator"?}')
        name = _name(item.get("name"), f"{where}.name")
        names = item.get("fields")
        if not isinstance(names, Sequence) or isinstance(names, str) or not names:
            raise _fail(f"{where}.fields", "a non-empty list of field names")
        for n in names:
            if n not in known:
                raise _fail(f"{where}.fields", f"no field is named {n!r}")
        separator = item.get("separator", " ")
        if not isinstance(separator, str) or len(separator) > _TEXT_LIMIT:
            raise _fail(f"{where}.separator", f"a string of at most {_TEXT_LIMIT} characters")
        if any(c.name == name for c in out):
            raise _fail("combine", f"two combinations are named {name!r}")
        out.append(Combination(name, tuple(str(n) for n in names), separator))
    return tuple(out)


def parse_definition(
    data: Mapping[str, Any], *, sample_size: tuple[int, int] | None = None
) -> TemplateDefinition:
    """Check and read a definition (``title``, ``fields``, ``tables``, ``combine``).

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
    return TemplateDefinition(title, fields, tuple(tables), _combine(data.get("combine"), fields))
