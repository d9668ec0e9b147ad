"""Which template features are Premium-only, and how a Basic copy drops them."""

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
        if field.get("value_type", "text") != "text":
            found.append(f"field '{name}': value type {field.get('value_type')}")
    return found


def to_basic(definition: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return a Basic-only copy of a definition and what was dropped.

    Multi-box fields keep their first box, checkbox fields are removed, value types become ``text``.
    """
    dropped = premium_features(definition)
    basic = copy.deepcopy(definition)
    kept: list[dict[str, Any]] = []
    for field in basic.get("fields", []):
        if field.get("checkbox"):
            continue
        field["boxes"] = field.get("boxes", [])[:1]
        field["value_type"] = "text"
        kept.append(field)
    basic["fields"] = kept
    return basic, dropped
