"""Field rules (``required``, ``regex``) checked on the values read: the ``validationResult`` verdict."""

from __future__ import annotations

import re
from collections.abc import Sequence

from hanji.core.template_reading import FieldCheck
from hanji.templates.schema import FieldDefinition


def check_fields(fields: Sequence[FieldDefinition], values: dict[str, str]) -> FieldCheck:
    """``NO_REQUESTED`` when no field has a rule, else VALID / INVALID with what failed.

    Args:
        fields: the template's fields.
        values: field name -> the value read (checkboxes: ``"true"``/``""``).
    """
    ruled = [f for f in fields if f.validation.required or f.validation.regex is not None]
    if not ruled:
        return FieldCheck("NO_REQUESTED")
    problems: list[str] = []
    for f in ruled:
        value = values.get(f.name, "")
        if f.validation.required and not value:
            problems.append(f"{f.name}: required")
        elif value and f.validation.regex is not None and not re.fullmatch(f.validation.regex, value):
            problems.append(f"{f.name}: does not match {f.validation.regex}")
    if problems:
        return FieldCheck("INVALID", "; ".join(problems))
    return FieldCheck("VALID")
