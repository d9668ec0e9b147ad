"""Hanji extension: render generic key–value pairs as a General image's ``keyValues[]`` list.

Sent only when the request asks for ``"enableKeyValue": true`` (see ``docs/key-values.md``);
CLOVA clients that never send the option never see the key.
"""

from __future__ import annotations

from collections.abc import Sequence

from hanji.clova.geometry import confidence, polygon_item
from hanji.core.geometry import Quad
from hanji.core.result import KeyValue, Word
from hanji.core.wire import WireObject


def _words_quad(words: Sequence[Word]) -> Quad:
    """The axis-aligned quad around ``words`` (a key or value may span several words)."""
    box = words[0].quad.bbox
    for w in words[1:]:
        box = box.union(w.quad.bbox)
    return box.to_quad()


def _side(text: str, words: Sequence[Word], version: str) -> WireObject:
    out: WireObject = {"text": text}
    if words:
        out.update(polygon_item(_words_quad(words), version))
    return out


def render_key_values(pairs: Sequence[KeyValue], version: str = "V2") -> list[WireObject]:
    """``[{"key": {text, boundingPoly}, "value": {text, boundingPoly}, "confidence"}]``.

    Args:
        pairs: What :func:`hanji.documents.pair_key_values` found on one page.
        version: ``"V2"`` writes ``boundingPoly {vertices}``; ``"V1"`` writes ``bounding``.

    Returns:
        One dict per pair, in reading order. ``confidence`` is the lowest word confidence of the
        pair (a pair is only as sure as its weakest word); 0 when a side has no words.
    """
    out: list[WireObject] = []
    for kv in pairs:
        words = [*kv.key_words, *kv.value_words]
        out.append(
            {
                "key": _side(kv.key, kv.key_words, version),
                "value": _side(kv.value, kv.value_words, version),
                "confidence": confidence(min((w.confidence for w in words), default=0.0)),
            }
        )
    return out
