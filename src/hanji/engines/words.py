"""Turn a recognised line (quad + text) into the result tree's words."""

from __future__ import annotations

from hanji.core.geometry import Quad, split_quad
from hanji.core.result import Line, Word


def line_from_text(quad: Quad, text: str, confidence: float, engine: str) -> Line | None:
    """Build a :class:`Line` whose words share the line's quad by character count.

    Recognisers such as PP-OCR return one box per line; CLOVA reports words, so the line is cut at
    spaces, each word getting a slice of the quad proportional to its length (spaces count as one).

    Args:
        quad: The whole line's quad, corners in reading order.
        text: The recognised text; leading/trailing space is dropped.
        confidence: Line confidence, clamped to 0..1.
        engine: Name of the recogniser, stored on the line.

    Returns:
        The line, or None when ``text`` holds no visible character.
    """
    tokens = text.split()
    if not tokens:
        return None
    conf = min(1.0, max(0.0, float(confidence)))
    total = sum(len(t) for t in tokens) + len(tokens) - 1
    spans: list[tuple[float, float]] = []
    pos = 0
    for token in tokens:
        spans.append((pos / total, (pos + len(token)) / total))
        pos += len(token) + 1
    quads = split_quad(quad, spans)
    return Line(tuple(Word(t, q, conf) for t, q in zip(tokens, quads, strict=True)), engine)
