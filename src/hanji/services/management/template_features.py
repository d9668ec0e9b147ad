"""Which template features are Premium-only, and how a Basic copy drops them.

Premium, as in CLOVA: multi-box fields, checkboxes (and their text conversion), value types other than
``text`` (and an alnum/alphabet field's ``case``). Combining fields (``combineResult``) is not: it only
joins texts a Basic template reads anyway.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any, Literal

Feature = Literal["multi_box", "checkbox", "checkbox_text", "value_type"]


@dataclass(frozen=True)
class PremiumUse:
    """One Premium-only feature one field uses, and what a Basic copy does with it."""

    field: str
    feature: Feature
    """``multi_box`` (detail: the box count; the copy keeps the first), ``checkbox`` (the field is
    dropped), ``checkbox_text``, ``value_type`` (detail: the type; the copy reads text), ``case``."""
    detail: str = ""

    def describe(self) -> str:
        """In English, for the API's ``dropped_features`` and messages (the console translates)."""
        what = {
            "multi_box": f"multi-box ({self.detail} boxes; a Basic copy keeps the first)",
            "checkbox": "checkbox (a Basic copy drops the field)",
            "checkbox_text": "checkbox text conversion",
            "value_type": f"value type {self.detail} (a Basic copy reads it as text)",
        }[self.feature]
        return f"field '{self.field}': {what}"


def premium_uses(definition: dict[str, Any]) -> list[PremiumUse]:
    """Each Premium-only feature a template definition uses (empty for a Basic one)."""
    found: list[PremiumUse] = []
    for field in definition.get("fields", []):
        name = str(field.get("name", "?"))
        if len(field.get("boxes", [])) > 1:
            found.append(PremiumUse(name, "multi_box", str(len(field["boxes"]))))
        if field.get("checkbox"):
            found.append(PremiumUse(name, "checkbox"))
        if field.get("checkbox_text") is not None:
            found.append(PremiumUse(name, "checkbox_text"))
        if field.get("value_type", "text") != "text":
            found.append(PremiumUse(name, "value_type", str(field.get("value_type"))))
    return found


def premium_features(definition: dict[str, Any]) -> list[str]:
    """Describe each Premium-only feature a template definition uses (empty for a Basic one)."""
    return [use.describe() for use in premium_uses(definition)]


def to_basic(definition: dict[str, Any]) -> tuple[dict[str, Any], list[PremiumUse]]:
    """Return a Basic-only copy of a definition and what was dropped.

    Multi-box fields keep their first box, checkbox fields are removed (and from combinations), value
    types become ``text``.
    """
    dropped = premium_uses(definition)
    basic = copy.deepcopy(definition)
    kept: list[dict[str, Any]] = []
    for field in basic.get("fields", []):
        if field.get("checkbox"):
            continue
        field["boxes"] = field.get("boxes", [])[:1]
        field["value_type"] = "text"
        field.pop("case", None)
        kept.append(field)
    basic["fields"] = kept
    names = {f.get("name") for f in kept}
    combine = [
        {**c, "fields": [n for n in c.get("fields", []) if n in names]} for c in basic.get("combine", [])
    ]
    if "combine" in basic:
        basic["combine"] = [c for c in combine if c["fields"]]
    return basic, dropped
