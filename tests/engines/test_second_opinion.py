"""The second-opinion pairing: the second reading replaces the first only where it is surer by the
margin, and is asked for only where the first is below the gate."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hanji.engines.base import RgbImage
from hanji.engines.second_opinion import SecondOpinion
from hanji.engines.stages import Reading, SpanWord


class _Fixed:
    """A recogniser that answers given readings in turn and counts what it was asked."""

    def __init__(self, name: str, readings: list[Reading]) -> None:
        self.name = name
        self.readings = readings
        self.asked = 0

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        out = self.readings[self.asked : self.asked + len(crops)]
        self.asked += len(crops)
        return out


def _reading(text: str, confidence: float) -> Reading:
    return Reading((SpanWord(text, confidence, 0.0, 1.0),))


def test_the_surer_reading_wins_only_past_the_margin_and_below_the_gate() -> None:
    first = _Fixed("t", [_reading("깡", 0.55), _reading("서울", 0.97), _reading("부산", 0.70), Reading(())])
    second = _Fixed("k", [_reading("깡패", 0.95), _reading("부산", 0.80), _reading("대구", 0.99)])
    pair = SecondOpinion(first, second, margin=0.2, gate=0.9)
    crops = [np.zeros((20, 60, 3), np.uint8)] * 4
    got = [r.text for r in pair.recognize(crops)]
    # line 2 is confident (0.97 >= gate): kept and never asked again; line 3: 0.80 - 0.70 < margin
    assert got == ["깡패", "서울", "부산", "대구"]
    assert second.asked == 3
