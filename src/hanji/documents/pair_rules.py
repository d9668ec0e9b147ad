"""Key–value pairing rules: ``label: value`` in one line, label left of value, label above value.

They pair alone when no learned model loads; with one, the colon split still decides its lines,
the rules' pairs are a feature of the model, and a label-above-value pair fills in where the
model left both lines unpaired.
"""

from __future__ import annotations

import re
from typing import Literal

from hanji.core.result import KeyValue, Line, Page
from hanji.documents.layout import group_rows

RuleKind = Literal["colon", "right", "below"]

_COLON = re.compile(r"^(?P<k>[^:：]{1,40}?)\s*[:：]\s*(?P<v>.+)$")
_LABEL_ONLY = re.compile(r"^(?P<k>[^:：\d]{1,40}?)\s*[:：]?\s*$")


def split_colon(line: Line) -> KeyValue | None:
    """``Label: value`` inside one line, both sides non-empty (colon inside a word is split there)."""
    m = _COLON.match(line.text)
    if not m or not m["k"].strip() or re.fullmatch(r"[\d\s]+", m["k"]):
        return None
    n_key = len(m["k"].split())
    key_words, value_words = line.words[:n_key], line.words[n_key:]
    if not value_words:
        # The colon glued key and value into one word ("Tel:03-555").
        value_words = line.words[n_key - 1 :]
    return KeyValue(m["k"].strip(), m["v"].strip(), tuple(key_words), tuple(value_words))


def _is_label(line: Line) -> bool:
    text = line.text.strip()
    return (bool(_LABEL_ONLY.match(text)) and text.endswith((":", "："))) or (
        len(text) <= 20 and not re.search(r"\d", text) and len(text.split()) <= 3
    )


def _pair(key: Line, value: Line) -> KeyValue:
    return KeyValue(key.text.strip(" :："), value.text, key.words, value.words)


def rule_pairs(page: Page) -> list[tuple[RuleKind, KeyValue]]:
    """Every pair the rules make, with the rule that made it, in reading order.

    Rules, tried in order for each visual row: a colon inside a line; a label-like line followed by
    a line to its right on the same row; a lone label line whose next row starts under it.
    """
    out: list[tuple[RuleKind, KeyValue]] = []
    rows = group_rows(page)
    used: set[int] = set()
    for r, row in enumerate(rows):
        for c, line in enumerate(row):
            if id(line) in used:
                continue
            kv = split_colon(line)
            if kv is not None:
                out.append(("colon", kv))
                continue
            if not _is_label(line):
                continue
            # A neighbour ending in a colon (or holding its own "label: value") is the next label.
            right = row[c + 1] if c + 1 < len(row) else None
            if right is not None and not right.text.rstrip().endswith((":", "：")) and not split_colon(right):
                used.add(id(right))
                out.append(("right", _pair(line, right)))
            elif len(row) == 1 and r + 1 < len(rows):
                below = [
                    ln
                    for ln in rows[r + 1]
                    if ln.bbox.left <= line.bbox.right and ln.bbox.right >= line.bbox.left
                ]
                if below and not _is_label(below[0]) and id(below[0]) not in used:
                    used.add(id(below[0]))
                    out.append(("below", _pair(line, below[0])))
    return out


def pair_by_rules(page: Page) -> list[KeyValue]:
    """Pair labels with values by the rules alone, in reading order."""
    return [kv for _, kv in rule_pairs(page)]


def rule_line_pairs(page: Page) -> dict[tuple[int, int], RuleKind]:
    """``(key, value)`` indices into ``page.lines`` of the rules' pairs across two lines, with
    the rule that made each (a colon split inside one line is left out)."""
    line_of = {id(w): i for i, ln in enumerate(page.lines) for w in ln.words}
    out: dict[tuple[int, int], RuleKind] = {}
    for kind, kv in rule_pairs(page):
        if kind != "colon" and kv.key_words and kv.value_words:
            out[(line_of[id(kv.key_words[0])], line_of[id(kv.value_words[0])])] = kind
    return out
