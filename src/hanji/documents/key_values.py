"""Generic key–value pairing by layout: ``label: value``, label left of value, label above value."""

from __future__ import annotations

import re

from hanji.core.result import KeyValue, Line, Page
from hanji.documents.layout import group_rows

_COLON = re.compile(r"^(?P<k>[^:：]{1,40}?)\s*[:：]\s*(?P<v>.+)$")
_LABEL_ONLY = re.compile(r"^(?P<k>[^:：\d]{1,40}?)\s*[:：]?\s*$")


def _split_colon(line: Line) -> KeyValue | None:
    """``Label: value`` inside one line (colon inside a word is split there)."""
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


def pair_key_values(page: Page) -> list[KeyValue]:
    """Pair labels with values, in reading order.

    Rules, tried in order for each visual row: a colon inside a line; a label-like line followed by
    a line to its right on the same row; a lone label line whose next row starts under it.
    """
    out: list[KeyValue] = []
    rows = group_rows(page)
    used: set[int] = set()
    for r, row in enumerate(rows):
        for c, line in enumerate(row):
            if id(line) in used:
                continue
            kv = _split_colon(line)
            if kv is not None:
                out.append(kv)
                continue
            if not _is_label(line):
                continue
            # A neighbour ending in a colon (or holding its own "label: value") is the next label.
            right = row[c + 1] if c + 1 < len(row) else None
            if (
                right is not None
                and not right.text.rstrip().endswith((":", "："))
                and not _split_colon(right)
            ):
                value = row[c + 1]
                used.add(id(value))
                out.append(KeyValue(line.text.strip(" :："), value.text, line.words, value.words))
            elif len(row) == 1 and r + 1 < len(rows):
                below = [
                    ln
                    for ln in rows[r + 1]
                    if ln.bbox.left <= line.bbox.right and ln.bbox.right >= line.bbox.left
                ]
                if below and not _is_label(below[0]) and id(below[0]) not in used:
                    used.add(id(below[0]))
                    out.append(KeyValue(line.text.strip(" :："), below[0].text, line.words, below[0].words))
    return out
