"""Korean personal numbers on cards: 주민등록번호 / 외국인등록번호 (masked back half), 운전면허번호.

A personal number's back seven digits identify the holder beyond the birth date, so its value object
carries ``maskingPolys`` over them: the word quads are cut by character fraction.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from hanji.core.geometry import Quad, split_quad
from hanji.core.result import Line
from hanji.documents.checksums import rrn_valid
from hanji.documents.spans import word_offsets, words_between
from hanji.documents.values import ValueObject, digits_only, value_object

RRN = re.compile(r"(?<!\d)(?:\d ?){5}\d\s*-\s*(?:\d ?){6}\d(?!\d)")
"""``YYMMDD-NNNNNNN``; a stray space the OCR put between two digits (``283292 1``) is kept in."""
LICENSE_NUMBER = re.compile(r"(?<![\d가-힣])(?:\d{2}|[가-힣]{2})\s*-?\s*\d{2}\s*-\s*\d{6}\s*-\s*\d{2}(?!\d)")


def span_quads(line: Line, start: int, end: int) -> list[Quad]:
    """Quads covering characters [start, end) of ``line.text``, cutting words by character fraction."""
    quads: list[Quad] = []
    for word, (a, b) in zip(line.words, word_offsets(line), strict=True):
        lo, hi = max(a, start), min(b, end)
        if lo >= hi:
            continue
        n = max(b - a, 1)
        if lo == a and hi == b:
            quads.append(word.quad)
        else:
            quads.extend(split_quad(word.quad, [((lo - a) / n, (hi - a) / n)]))
    return quads


def personal_number(
    rows: Sequence[Line], *, key_text: str = "", start_row: int = 0
) -> tuple[ValueObject, int, bool] | None:
    """First 13-digit personal number from ``start_row`` on: (value object, row index, check digit ok).

    ``formatted.value`` is ``YYMMDD-NNNNNNN``; the masking polygons cover the seven digits after the
    dash. A number failing :func:`rrn_valid` is still returned (cards issued after Oct 2020 drop the
    check digit), with its confidence halved as a warning.
    """
    for i in range(start_row, len(rows)):
        line = rows[i]
        m = RRN.search(line.text)
        if not m:
            continue
        digits = digits_only(m.group())
        back = m.start() + m.group().index("-") + 1
        words = words_between(line, m.start(), m.end())
        valid = rrn_valid(digits)
        conf = sum(w.confidence for w in words) / len(words) if words else 0.0
        vo = value_object(
            m.group(),
            words,
            formatted={"value": f"{digits[:6]}-{digits[6:]}"},
            key_text=key_text,
            confidence=conf if valid else conf / 2,
            quads=span_quads(line, m.start(), m.end()),
            masking=span_quads(line, back, m.end()),
        )
        return vo, i, valid
    return None


def license_number(rows: Sequence[Line]) -> tuple[ValueObject, int] | None:
    """운전면허번호 ``NN-NN-NNNNNN-NN`` (region digits or the older two-syllable region name first)."""
    for i, line in enumerate(rows):
        m = LICENSE_NUMBER.search(line.text)
        if not m:
            continue
        parts = re.findall(r"\d+|[가-힣]{2}", m.group())
        value = "-".join(parts)
        words = words_between(line, m.start(), m.end())
        return value_object(m.group(), words, formatted={"value": value}, key_text=""), i
    return None
