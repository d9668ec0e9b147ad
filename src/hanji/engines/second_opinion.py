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

    def __init__(
        self, first: LineRecognizer, second: LineRecognizer, margin: float, gate: float = 1.0
    ) -> None:
        self.first = first
        self.second = second
        self.margin = margin
        self.gate = gate
        """The second reading is weighed only where the first's confidence is below this."""
        self.name = f"{first.name}|{second.name}"

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        firsts = self.first.recognize(crops)
        asked = [k for k, r in enumerate(firsts) if not r.words or r.confidence < self.gate]
        seconds = dict(zip(asked, self.second.recognize([crops[k] for k in asked]), strict=True))
        return [self.pick(r, seconds[k]) if k in seconds else r for k, r in enumerate(firsts)]

    def pick(self, first: Reading, second: Reading) -> Reading:
        if not second.words:
            return first
        if not first.words:
            return second
        if first.confidence < self.gate and second.confidence - first.confidence > self.margin:
            return second
        return first
