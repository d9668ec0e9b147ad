"""Which template features are Premium-only, and how a Basic copy drops them.

Premium, as in CLOVA: multi-box fields, checkboxes (and their text conversion), value types other than
``text`` (and an alnum/alphabet field's ``case``). Combining fields (``combineResult``) is not: it only
joins texts a Basic template reads anyway.
"""

from __future__ import annotations

import copy
from typing import Any


def premium_features(definition: dict[str, Any]) -> list[str]:
    """Describe each Premium-only feature a template definition uses (empty for a Basic one)."""
    found: list[str] = []
    for field in definition.get("fields", []):
        name = field.get("name", "?")
        if len(field.get("boxes", [])) > 1:
            found.append(f"field '{name}': multi-box")
        if field.get("checkbox"):
            found.append(f"field '{name}': checkbox")
        if field.get("checkbox_text") is not None:
            found.append(f"field '{name}': checkbox text conversion")
        if field.get("value_type", "text") != "text":
            found.append(f"field '{name}': value type {field.get('value_type')}")
    return found


def to_basic(definition: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return a Basic-only copy of a definition and what was dropped.

    Multi-box fields keep their first box, checkbox fields are removed (and from combinations), value
    types become ``text``.
    """
    dropped = premium_features(definition)
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
