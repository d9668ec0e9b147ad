"""JSON Schemas for ``openapi_extra``: a model's schema with its ``$defs`` written in place.

``openapi_extra`` is copied into the OpenAPI document as it is, so a ``#/$defs/…`` reference there
would point at the document's root, where there are no ``$defs``; routes that read their body raw
(invoke URLs, template test runs) document it with a self-contained schema instead.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

_DEFS = "#/$defs/"


def inline_schema(model: type[BaseModel]) -> dict[str, Any]:
    """``model``'s validation JSON Schema without references (its models must not be recursive)."""
    schema = model.model_json_schema(mode="validation")
    defs: dict[str, Any] = schema.pop("$defs", {})
    resolved = _resolve(schema, defs)
    assert isinstance(resolved, dict)
    return resolved


def _resolve(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith(_DEFS):
            target = _resolve(defs[ref.removeprefix(_DEFS)], defs)
            return {**target, **{k: _resolve(v, defs) for k, v in node.items() if k != "$ref"}}
        return {k: _resolve(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_resolve(item, defs) for item in node]
    return node
