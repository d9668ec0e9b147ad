"""What a document model reads: value objects in a tree named by the model's own keys.

A receipt's ``storeInfo.name`` or an ID card's ``personalNum`` is a :class:`FieldValue`; groups are
mappings and repeated entries sequences, so each model keeps the nesting its CLOVA result has while
every leaf is one typed value. The CLOVA JSON is rendered from this tree in ``hanji.clova.document``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Union

from hanji.core import wire
from hanji.core.geometry import Quad

Formatted = Mapping[str, str | Mapping[str, str]]
"""A value's normalised form: ``{"value": …}``, ``{"year", "month", "day"}``, or a period's
``{"start": {…}, "end": {…}}``."""


@dataclass(frozen=True, slots=True)
class FieldValue:
    """One value as read: its text, the normalised form, the label printed beside it, how sure the
    reading is, where it is, and what a client should mask (a personal number's back half …)."""

    text: str
    formatted: Formatted
    key_text: str = ""
    confidence: float = 0.0
    quads: tuple[Quad, ...] = ()
    masking: tuple[Quad, ...] = field(default=())

    @property
    def value(self) -> str:
        """The normalised ``value`` (the text as read when the form has none)."""
        found = self.formatted.get("value")
        return found if isinstance(found, str) else self.text

    def with_text(self, text: str, formatted: Formatted | None = None) -> FieldValue:
        """The same value, its text (and normalised form) replaced."""
        return FieldValue(
            text,
            formatted if formatted is not None else {"value": text},
            self.key_text,
            self.confidence,
            self.quads,
            self.masking,
        )


FieldNode = Union[  # noqa: UP007 (a recursive alias must be spelt this way before Python 3.12)
    FieldValue, Quad, bool, str, Mapping[str, "FieldNode"], Sequence["FieldNode"]
]
"""A value; a region (an ID card's outline); a flag or a label of the model's own (``isConfident``,
``idtype``); a group of named nodes; or a list of nodes."""

DocumentFields = Mapping[str, FieldNode]
"""A model's whole result (``{}`` when nothing was found)."""

wire.recursive_alias("FieldNode", FieldNode)


def value_at(node: FieldNode, *path: str) -> FieldValue | None:
    """The value under ``path`` (a list on the way stands for its first entry), or None."""
    for key in path:
        while isinstance(node, Sequence) and not isinstance(node, str):
            if not node:
                return None
            node = node[0]
        if not isinstance(node, Mapping) or key not in node:
            return None
        node = node[key]
    while isinstance(node, Sequence) and not isinstance(node, str):
        if not node:
            return None
        node = node[0]
    return node if isinstance(node, FieldValue) else None


def leaves(node: FieldNode) -> list[FieldValue]:
    """Every value in ``node``, in the tree's order."""
    if isinstance(node, FieldValue):
        return [node]
    if isinstance(node, Quad | bool | str):
        return []
    children = node.values() if isinstance(node, Mapping) else node
    return [leaf for child in children for leaf in leaves(child)]
