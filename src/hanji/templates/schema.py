"""A template definition (title area, fields, table areas, combinations), checked with errors naming the part.

Definitions are data (stored as JSON, sent by the management API); ``parse_definition`` is the one place
that decides what a valid one is, so the API, the services and the matcher agree. Its errors carry a
stable key and parameters (``details.key``, ``details.params``: one-based ``number``, ``name``) that the
console turns into a message in the reader's language; the English message is built from the same.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final, TypeVar

from hanji.core.errors import ValidationFailed
from hanji.templates.regex_guard import MAX_PATTERN, pattern_problem

VALUE_TYPES: Final = ("text", "number", "date", "phone", "email", "alnum", "korean", "alphabet")
"""Field value types; every one but ``text`` is a Premium feature."""

CASES: Final = ("upper", "lower")
"""``case`` of an ``alnum``/``alphabet`` field: letters of the value are put in this case."""

MAX_FIELDS: Final = 200
MAX_BOXES: Final = 50
MAX_COMBINES: Final = 50
_NAME_LIMIT: Final = 100
_TEXT_LIMIT: Final = 20

_T = TypeVar("_T")
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


MESSAGES: Final[dict[str, str]] = {
    "part_shape": "must be an object",
    "name_invalid": "the name must be 1-{limit} characters",
    "box_shape": "box {box} is not [x, y, width, height]",
    "box_numbers": "box {box} has coordinates that are not numbers",
    "box_negative": "box {box} needs x and y of at least 0 and a width and height above 0",
    "box_outside": "box {box} leaves the {width}x{height} sample image",
    "title_text": "the expected text must be a string",
    "boxes_missing": "needs at least one box [x, y, width, height]",
    "boxes_too_many": "has more than {limit} boxes",
    "value_type_unknown": "the value type must be one of {types}",
    "checkbox_bool": "checkbox must be true or false",
    "checkbox_one_box": "a checkbox field has exactly one box",
    "validation_shape": 'validation must be an object {{"regex"?, "required"?}}',
    "validation_unknown": "validation has unknown keys: {keys}",
    "required_bool": "required must be true or false",
    "regex_string": "the validation pattern must be a string",
    "regex_too_long": "the validation pattern is longer than {limit} characters",
    "regex_invalid": "the validation pattern is not a valid regular expression ({reason})",
    "regex_backreference": "the validation pattern uses a backreference, which is not allowed",
    "regex_nested_repeat": (
        "the validation pattern has a repeat inside a repeat, which can take exponential time"
    ),
    "regex_alternation_repeat": (
        "the validation pattern has an alternation inside a repeat, which can take exponential time"
    ),
    "regex_refused": "the validation pattern is refused: {reason}",
    "checkbox_text_not_checkbox": "only a checkbox field converts its tick to text",
    "checkbox_text_shape": 'the checkbox text is {{"checked": "V", "unchecked": ""}}',
    "checkbox_text_long": "checkbox texts are at most {limit} characters",
    "case_invalid": 'letter case is "upper" or "lower", on an alnum or alphabet field',
    "fields_list": "fields must be a list of at most {limit} fields",
    "fields_duplicate": "field {other} already has this name",
    "tables_list": "tables must be a list of table areas",
    "combine_list": "combine must be a list of at most {limit} combinations",
    "combination_fields_empty": "needs at least one field name",
    "combination_unknown_field": "no field is named {field}",
    "combination_separator": "the separator must be a string of at most {limit} characters",
    "combination_duplicate": "combination {other} already has this name",
}
"""What can be wrong with a definition: ``details.key`` is ``definition.<key>``, ``details.params`` fills
the placeholders (the console's catalogs hold the same keys, ``apierror.definition.<key>``)."""

_LABELS: Final = {
    "title": "Title area",
    "field": "Field",
    "table": "Table area",
    "combination": "Combination",
}
# regex_guard explains a refusal in English; each explanation has its own key here.
_REGEX_KEYS: Final = (
    ("longer than", "regex_too_long"),
    ("not a valid regular expression", "regex_invalid"),
    ("backreferences", "regex_backreference"),
    ("a repeat inside a repeat", "regex_nested_repeat"),
    ("an alternation inside a repeat", "regex_alternation_repeat"),
)


@dataclass(frozen=True, slots=True)
class _Part:
    """Where a problem is: ``kind`` (``title``, ``field``, ``table``, ``combination``, or ``template``
    for the lists themselves), its JSON ``path``, and for list items a one-based number and its name."""

    kind: str
    path: str
    number: int | None = None
    name: str | None = None

    def named(self, name: str) -> _Part:
        return _Part(self.kind, self.path, self.number, name)

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.number is not None:
            out["number"] = self.number
        if self.name is not None:
            out["name"] = self.name
        return out

    def label(self) -> str:
        if self.kind == "template":
            return "Template"
        label = _LABELS[self.kind]
        if self.number is not None:
            label += f" {self.number}"
        return f"{label} ({self.name})" if self.name is not None else label


def _fail(part: _Part, sub: str, key: str, **params: Any) -> ValidationFailed:
    """One problem: an English message (one-based numbers) and the details the console translates."""
    values = {**part.params(), **params}
    path = f"{part.path}.{sub}" if sub and part.path else sub or part.path
    return ValidationFailed(
        f"{part.label()}: {MESSAGES[key].format(**values)}",
        details={"field": path, "key": f"definition.{key}", "part": part.kind, "params": values},
    )


def _rect(value: Any, part: _Part, sub: str, size: tuple[int, int] | None, box: int = 1) -> Rect:
    if not isinstance(value, Sequence) or isinstance(value, str) or len(value) != 4:
        raise _fail(part, sub, "box_shape", box=box)
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in value):
        raise _fail(part, sub, "box_numbers", box=box)
    x, y, w, h = (float(v) for v in value)
    if x < 0 or y < 0 or w <= 0 or h <= 0:
        raise _fail(part, sub, "box_negative", box=box)
    if size is not None and (x + w > size[0] + 1 or y + h > size[1] + 1):
        raise _fail(part, sub, "box_outside", box=box, width=size[0], height=size[1])
    return (x, y, w, h)


def _name(value: Any, part: _Part, sub: str = "name") -> str:
    if not isinstance(value, str) or not value.strip() or len(value) > _NAME_LIMIT:
        raise _fail(part, sub, "name_invalid", limit=_NAME_LIMIT)
    return value.strip()


def _regex_problem(part: _Part, problem: str) -> ValidationFailed:
    key = next((k for prefix, k in _REGEX_KEYS if problem.startswith(prefix)), "regex_refused")
    params: dict[str, Any] = {}
    if key == "regex_too_long":
        params["limit"] = MAX_PATTERN
    elif key == "regex_invalid":
        params["reason"] = problem.partition("(")[2].rstrip(")")
    elif key == "regex_refused":
        params["reason"] = problem
    return _fail(part, "validation.regex", key, **params)


def _rule(value: Any, part: _Part) -> FieldRule:
    if value is None:
        return FieldRule()
    if not isinstance(value, Mapping):
        raise _fail(part, "validation", "validation_shape")
    unknown = set(value) - {"regex", "required"}
    if unknown:
        raise _fail(part, "validation", "validation_unknown", keys=", ".join(sorted(map(str, unknown))))
    required = value.get("required", False)
    if not isinstance(required, bool):
        raise _fail(part, "validation.required", "required_bool")
    regex = value.get("regex")
    if regex is not None:
        if not isinstance(regex, str):
            raise _fail(part, "validation.regex", "regex_string")
        problem = pattern_problem(regex)
        if problem:
            raise _regex_problem(part, problem)
    return FieldRule(required=required, regex=regex)


def _field(value: Any, part: _Part, size: tuple[int, int] | None) -> FieldDefinition:
    if not isinstance(value, Mapping):
        raise _fail(part, "", "part_shape")
    name = _name(value.get("name"), part)
    part = part.named(name)
    boxes = value.get("boxes")
    if not isinstance(boxes, Sequence) or isinstance(boxes, str) or not boxes:
        raise _fail(part, "boxes", "boxes_missing")
    if len(boxes) > MAX_BOXES:
        raise _fail(part, "boxes", "boxes_too_many", limit=MAX_BOXES)
    rects = tuple(_rect(b, part, f"boxes[{k}]", size, k + 1) for k, b in enumerate(boxes))
    value_type = value.get("value_type", "text")
    if value_type not in VALUE_TYPES:
        raise _fail(part, "value_type", "value_type_unknown", types=", ".join(VALUE_TYPES))
    checkbox = value.get("checkbox", False)
    if not isinstance(checkbox, bool):
        raise _fail(part, "checkbox", "checkbox_bool")
    if checkbox and len(rects) > 1:
        raise _fail(part, "boxes", "checkbox_one_box")
    rule = _rule(value.get("validation"), part)
    checkbox_text = _checkbox_text(value.get("checkbox_text"), part, checkbox)
    case = value.get("case")
    if case is not None and (case not in CASES or value_type not in ("alnum", "alphabet")):
        raise _fail(part, "case", "case_invalid")
    return FieldDefinition(name, rects, value_type, checkbox, rule, checkbox_text, case)


def _checkbox_text(value: Any, part: _Part, checkbox: bool) -> tuple[str, str] | None:
    if value is None:
        return None
    if not checkbox:
        raise _fail(part, "checkbox_text", "checkbox_text_not_checkbox")
    if not isinstance(value, Mapping) or set(value) - {"checked", "unchecked"}:
        raise _fail(part, "checkbox_text", "checkbox_text_shape")
    texts = (value.get("checked", ""), value.get("unchecked", ""))
    if not all(isinstance(t, str) and len(t) <= _TEXT_LIMIT for t in texts):
        raise _fail(part, "checkbox_text", "checkbox_text_long", limit=_TEXT_LIMIT)
    return texts[0], texts[1]


def _title(value: Any, size: tuple[int, int] | None) -> TitleArea | None:
    if value is None:
        return None
    part = _Part("title", "title")
    if not isinstance(value, Mapping):
        raise _fail(part, "", "part_shape")
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        raise _fail(part, "text", "title_text")
    name = _name(value.get("name", "title"), part)
    return TitleArea(_rect(value.get("box"), part, "box", size), text, name)


def _table(value: Any, part: _Part, size: tuple[int, int] | None) -> TableArea:
    if not isinstance(value, Mapping):
        raise _fail(part, "", "part_shape")
    name = _name(value.get("name"), part)
    return TableArea(name, _rect(value.get("box"), part.named(name), "box", size))


def _combination(value: Any, part: _Part, known: set[str]) -> Combination:
    if not isinstance(value, Mapping) or set(value) - {"name", "fields", "separator"}:
        raise _fail(part, "", "part_shape")
    part = part.named(_name(value.get("name"), part))
    names = value.get("fields")
    if not isinstance(names, Sequence) or isinstance(names, str) or not names:
        raise _fail(part, "fields", "combination_fields_empty")
    for n in names:
        if n not in known:
            raise _fail(part, "fields", "combination_unknown_field", field=str(n))
    separator = value.get("separator", " ")
    if not isinstance(separator, str) or len(separator) > _TEXT_LIMIT:
        raise _fail(part, "separator", "combination_separator", limit=_TEXT_LIMIT)
    return Combination(str(part.name), tuple(str(n) for n in names), separator)


def _items(value: Any, key: str, problem: str, limit: int | None = None) -> Sequence[Any]:
    if value is None:
        return ()
    if (
        not isinstance(value, Sequence)
        or isinstance(value, str)
        or (limit is not None and len(value) > limit)
    ):
        params = {} if limit is None else {"limit": limit}
        raise _fail(_Part("template", key), "", problem, **params)
    return value


class _Problems:
    """Every part is checked, so one answer names every problem (each with its own details)."""

    def __init__(self) -> None:
        self.found: list[ValidationFailed] = []

    def check(self, read: Callable[..., _T], *args: Any) -> _T | None:
        try:
            return read(*args)
        except ValidationFailed as problem:
            self.found.append(problem)
            return None

    def raise_any(self) -> None:
        if not self.found:
            return
        first = self.found[0]
        more = len(self.found) - 1
        message = first.message + (f" (and {more} more)" if more else "")
        problems = [{**p.details, "message": p.message} for p in self.found]
        raise ValidationFailed(message, details={**first.details, "problems": problems})


def _unique(items: Sequence[tuple[int, str]], kind: str, path: str, key: str) -> list[ValidationFailed]:
    """A problem for each later item named as an earlier one (``items``: index, name)."""
    first: dict[str, int] = {}
    out = []
    for k, name in items:
        if name in first:
            out.append(_fail(_Part(kind, f"{path}[{k}]", k + 1, name), "name", key, other=first[name] + 1))
        else:
            first[name] = k
    return out


def _valid_names(raw_fields: Sequence[Any]) -> list[tuple[int, str]]:
    """(index, name) of each raw field with a valid name, whatever else is wrong with it."""
    out = []
    for k, raw in enumerate(raw_fields):
        if isinstance(raw, Mapping):
            try:
                out.append((k, _name(raw.get("name"), _Part("field", f"fields[{k}]", k + 1))))
            except ValidationFailed:
                continue
    return out


def parse_definition(
    data: Mapping[str, Any], *, sample_size: tuple[int, int] | None = None
) -> TemplateDefinition:
    """Check and read a definition (``title``, ``fields``, ``tables``, ``combine``).

    Args:
        data: the JSON object as the API received or stored it.
        sample_size: ``(width, height)`` of the sample image; boxes must lie inside it.

    Raises:
        ValidationFailed: naming the first problem; ``details`` holds its ``field`` (JSON path, with
            the body's zero-based indexes), ``key``, ``part`` and ``params`` (one-based ``number``,
            ``name``), and ``problems`` lists every problem found, each with the same keys.
    """
    problems = _Problems()
    title = problems.check(lambda: _title(data.get("title"), sample_size))
    raw_fields = problems.check(lambda: _items(data.get("fields", []), "fields", "fields_list", MAX_FIELDS))
    fields: list[tuple[int, FieldDefinition]] = []
    for k, raw in enumerate(raw_fields or ()):
        part = _Part("field", f"fields[{k}]", k + 1)
        parsed = problems.check(_field, raw, part, sample_size)
        if parsed is not None:
            fields.append((k, parsed))
    # Names are compared over every field whose name is valid, refused for another reason or not, so
    # one answer names both the bad box and the repeated name and the next save finds nothing new.
    problems.found += _unique(_valid_names(raw_fields or ()), "field", "fields", "fields_duplicate")
    raw_tables = problems.check(lambda: _items(data.get("tables", []), "tables", "tables_list"))
    tables: list[TableArea] = []
    for k, raw in enumerate(raw_tables or ()):
        part = _Part("table", f"tables[{k}]", k + 1)
        table = problems.check(_table, raw, part, sample_size)
        if table is not None:
            tables.append(table)
    # A field refused for another reason still counts as named: its combinations are not blamed too.
    known = {
        f["name"].strip()
        for f in raw_fields or ()
        if isinstance(f, Mapping) and isinstance(f.get("name"), str)
    }
    raw_combine = problems.check(lambda: _items(data.get("combine"), "combine", "combine_list", MAX_COMBINES))
    combine: list[tuple[int, Combination]] = []
    for k, raw in enumerate(raw_combine or ()):
        part = _Part("combination", f"combine[{k}]", k + 1)
        made = problems.check(_combination, raw, part, known)
        if made is not None:
            combine.append((k, made))
    problems.found += _unique(
        [(k, c.name) for k, c in combine], "combination", "combine", "combination_duplicate"
    )
    problems.raise_any()
    return TemplateDefinition(title, tuple(f for _, f in fields), tuple(tables), tuple(c for _, c in combine))
