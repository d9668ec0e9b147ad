"""Two line recognisers on the same crops, the surer one answering: the first reads every line,
and the second's reading replaces it where its confidence is higher by a margin.

Tesseract's ``kor`` and Hanji's own Korean recogniser fail differently: Tesseract knows about
1,076 of the 2,350 common syllables and is unsure on the rest, the trained recogniser reads every
syllable but is less steady on blurred photos. The margin is measured by
``benchmarks/korean_lines.py`` (the one number chosen on it; every set is in fonts neither saw).
"""

from __future__ import annotations

from collections.abc import Sequence

from hanji.engines.base import RgbImage
from hanji.engines.stages import LineRecognizer, Reading


class SecondOpinion:
    """A :class:`~hanji.engines.stages.LineRecognizer` made of two."""

    def __init__(self, first: LineRecognizer, second: LineRecognizer, margin: float) -> None:
        self.first = first
        self.second = second
        self.margin = margin
        self.name = f"{first.name}|{second.name}"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        firsts = self.first.recognize(crops)
        seconds = self.second.recognize(crops)
        return [self.pick(a, b) for a, b in zip(firsts, seconds, strict=True)]

    def pick(self, first: Reading, second: Reading) -> Reading:
        if not second.words:
            return first
        if not first.words or second.confidence - first.confidence > self.margin:
            return second
        return first
