"""Page orientation (0/90/180/270), decided from the stages an engine already has.

The shape of detected lines (wide vs tall) tells upright from sideways nearly for free. Upside
down is harder and a wrong turn costs the whole page, so a turn needs two witnesses that agree:
PP-OCR's 0/180 classifier (asked both ways: on receipts its score hovers near 0.5) and the
recogniser's own confidence on the same lines read both ways. For Korean, where the classifier
is systematically wrong, the Hangul recogniser's confidence both ways decides, by a clear margin.
Anything less is an abstention: the page is read as given.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from hanji.core.geometry import Box, Point, Quad
from hanji.engines.base import RgbImage
from hanji.engines.stages import LineDetector, LineRecognizer, UpsideDownClassifier
from hanji.engines.transform import crop_quad, downscale, turn_clockwise

PROBE_MAX_SIDE = 640
"""Orientation needs only the big lines: a cheap low-resolution detector pass is enough."""
PROBE_LINES = 12
HANGUL_PROBE_LINES = 5
HANGUL_SURE = 0.6
"""Tesseract ``kor`` reads a Korean line at >= 0.86 confidence the right way up, but Japanese or
Chinese lines at <= 0.54 either way, so below this it has no say (mixed ko+ja pages)."""
HANGUL_MARGIN = 0.15
"""A Korean line votes only when one way reads this much more confidently than the other."""
READ_MARGIN = 0.08
"""The recogniser must read the turned lines this much more confidently than the given ones."""
SIDEWAYS_SHARE = 1.5
"""Tall line boxes must outnumber wide ones by this factor to call a page sideways."""


class Orienter:
    """Decides the clockwise turn that makes a page upright, or abstains (0)."""

    def __init__(
        self,
        detector: LineDetector,
        classifier: UpsideDownClassifier,
        recognizer: LineRecognizer,
        hangul: LineRecognizer | None = None,
    ) -> None:
        self.detector = detector
        self.classifier = classifier
        self.recognizer = recognizer
        self.hangul = hangul

    def rotation(self, image: RgbImage, languages: Sequence[str], found: Sequence[Quad] | None = None) -> int:
        """The clockwise turn (0/90/180/270) that makes ``image`` read upright.

        Args:
            image: RGB page.
            languages: Requested languages; with ``"ko"`` the Hangul recogniser has a vote.
            found: Lines already detected on ``image`` (its pixels); None runs a small probe pass.
        """
        if found is None:
            small, scale = downscale(image, PROBE_MAX_SIDE)
            boxes = [q.bbox for q in self.detector.detect(small)]
            height = small.shape[0]
        else:
            boxes, scale, height = [q.bbox for q in found], 1.0, image.shape[0]
        if not boxes:
            return 0
        wide = sum(b.width >= 1.5 * b.height for b in boxes)
        tall = sum(b.height >= 1.5 * b.width for b in boxes)
        # Sideways text shows as tall boxes; turning 90° clockwise makes them lines again.
        base = 90 if tall >= 3 and tall > SIDEWAYS_SHARE * wide else 0
        if base:
            boxes = [
                Box.enclosing([Point(height - b.bottom, b.left), Point(height - b.top, b.right)])
                for b in boxes
            ]
        boxes = sorted((b for b in boxes if b.width >= 1.5 * b.height), key=lambda b: b.width, reverse=True)
        upright = turn_clockwise(image, base)
        # Crops come from the full-size page: on a shrunk large scan, receipt text is too small to judge.
        crops = [crop_quad(upright, _zoom(b, 1 / scale).to_quad()) for b in boxes[:PROBE_LINES]]
        if not crops:
            return base
        undecided = crops
        if "ko" in languages and self.hangul is not None:
            votes, undecided = self._hangul_votes(crops[:HANGUL_PROBE_LINES])
            if votes:
                return (base + 180) % 360 if votes < 0 else base
            undecided = undecided + crops[HANGUL_PROBE_LINES:]
        return (base + 180) % 360 if self._upside_down(undecided) else base

    def _upside_down(self, crops: Sequence[RgbImage]) -> bool:
        """Both witnesses: the classifier, and the recogniser's confidence both ways."""
        if not crops:
            return False
        flipped = [np.ascontiguousarray(c[::-1, ::-1]) for c in crops]
        as_given = float(np.mean(self.classifier.upside_down(crops)))
        turned = float(np.mean(self.classifier.upside_down(flipped)))
        if as_given <= turned:
            return False
        readings = self.recognizer.recognize([*crops, *flipped])
        ahead = float(np.mean([r.confidence for r in readings[: len(crops)]]))
        behind = float(np.mean([r.confidence for r in readings[len(crops) :]]))
        return behind > ahead + READ_MARGIN

    def _hangul_votes(self, crops: Sequence[RgbImage]) -> tuple[int, list[RgbImage]]:
        """Korean lines vote by the Hangul recogniser's confidence; the rest stay undecided."""
        assert self.hangul is not None
        votes = 0
        undecided: list[RgbImage] = []
        flipped = [np.ascontiguousarray(c[::-1, ::-1]) for c in crops]
        reads = [r.confidence for r in self.hangul.recognize([*crops, *flipped])]
        for crop, ahead, behind in zip(crops, reads[: len(crops)], reads[len(crops) :], strict=True):
            if max(ahead, behind) >= HANGUL_SURE and abs(ahead - behind) >= HANGUL_MARGIN:
                votes += 1 if ahead > behind else -1
            else:
                undecided.append(crop)
        return votes, undecided


def _zoom(box: Box, factor: float) -> Box:
    return Box(box.left * factor, box.top * factor, box.right * factor, box.bottom * factor)
