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
from hanji.engines.scripts import is_han, is_kana, is_syllable
from hanji.engines.stages import LineDetector, LineRecognizer, Reading, UpsideDownClassifier
from hanji.engines.transform import crop_quad, downscale, line_crop, turn_clockwise

PROBE_MAX_SIDE = 640
"""Orientation needs only the big lines: a cheap low-resolution detector pass is enough."""
PROBE_LINES = 12
HANGUL_PROBE_LINES = 3
HANGUL_SURE = 0.6
"""Tesseract ``kor`` reads a Korean line at >= 0.86 confidence the right way up, but Japanese or
Chinese lines at <= 0.54 either way, so below this it has no say (mixed ko+ja pages)."""
HANGUL_MARGIN = 0.15
"""A Korean line votes only when one way reads this much more confidently than the other."""
TURN_VOTES = 2
"""How many more Korean probe lines must read better turned than as given for the page to be turned
on their word alone. One such line is also what an upright English receipt gives when ``kor`` reads a
turned Latin line as syllables (SROIE 061 sent with ``lang=ko``); below this the two witnesses decide."""
UPRIGHT_SURE = 0.85
"""A Korean probe line read as given this plausibly is upright: upright rendered and photographed
Korean lines read 0.71-0.96 as given and at most 0.33 turned, turned ones at most 0.36 as given."""
READ_MARGIN = 0.08
"""The recogniser must read the turned lines this much more confidently than the given ones."""
FEW_LINES = 3
FEW_LINES_MARGIN = 0.3
"""With fewer probe lines than this (a single line, a small label), a turn needs this margin."""
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
        wide = sum(_is_wide(b) for b in boxes)
        tall = sum(b.height >= 1.5 * b.width for b in boxes)
        # Sideways text shows as tall boxes; turning 90° clockwise makes them lines again.
        base = 90 if tall >= 3 and tall > SIDEWAYS_SHARE * wide else 0
        if base:
            boxes = [
                Box.enclosing([Point(height - b.bottom, b.left), Point(height - b.top, b.right)])
                for b in boxes
            ]
        boxes = sorted((b for b in boxes if _is_wide(b)), key=lambda b: b.width, reverse=True)
        upright = turn_clockwise(image, base)
        # Crops come from the full-size page: on a shrunk large scan, receipt text is too small to judge.
        crops = [crop_quad(upright, _zoom(b, 1 / scale).to_quad()) for b in boxes[:PROBE_LINES]]
        if not crops:
            return base
        undecided = crops
        if "ko" in languages and self.hangul is not None:
            probes = crops[:HANGUL_PROBE_LINES]
            if found is not None and not base:
                # The line reader's own crops: the Hangul recogniser keeps its readings of them
                # (see ``memo``), so on an upright page the probe's reads are not paid twice.
                widest = sorted((q for q in found if _is_wide(q.bbox)), key=lambda q: q.bbox.width)
                probes = [line_crop(image, q) for q in reversed(widest[-HANGUL_PROBE_LINES:])]
            votes, undecided = self._hangul_votes(probes)
            if votes > 0:
                return base
            if votes <= -TURN_VOTES:
                return (base + 180) % 360
            undecided = undecided + crops[HANGUL_PROBE_LINES:]
        korean = "ko" in languages
        return (base + 180) % 360 if self._upside_down(undecided, korean) else base

    def _upside_down(self, crops: Sequence[RgbImage], korean: bool = False) -> bool:
        """Both witnesses: the classifier, and a recogniser's plausible reading both ways.

        For Korean the second witness is the Hangul recogniser: PP-OCR has no Hangul, so its
        confidence on a Hangul line says nothing about which way up the line is.
        """
        if not crops:
            return False
        flipped = [np.ascontiguousarray(c[::-1, ::-1]) for c in crops]
        as_given = float(np.mean(self.classifier.upside_down(crops)))
        turned = float(np.mean(self.classifier.upside_down(flipped)))
        if as_given <= turned:
            return False
        witness = self.hangul if korean and self.hangul is not None else self.recognizer
        readings = witness.recognize([*crops, *flipped])
        ahead = float(np.mean([plausibility(r) for r in readings[: len(crops)]]))
        behind = float(np.mean([plausibility(r) for r in readings[len(crops) :]]))
        margin = READ_MARGIN if len(crops) >= FEW_LINES else FEW_LINES_MARGIN
        return behind > ahead + margin

    def _hangul_votes(self, crops: Sequence[RgbImage]) -> tuple[int, list[RgbImage]]:
        """Korean lines vote by the Hangul recogniser's confidence; the rest stay undecided.

        A line read as given at :data:`UPRIGHT_SURE` votes upright without its turned reading: that
        reading could only move the vote to an abstention, never to a turn (it would need
        ``HANGUL_MARGIN`` more than it), and upside-down reads are the slow ones.
        """
        assert self.hangul is not None
        votes = 0
        undecided: list[RgbImage] = []
        ahead = [_korean_plausibility(r) for r in self.hangul.recognize(crops)]
        unsure = [k for k, a in enumerate(ahead) if a < UPRIGHT_SURE]
        turned = self.hangul.recognize([np.ascontiguousarray(crops[k][::-1, ::-1]) for k in unsure])
        behind = dict.fromkeys(range(len(crops)), 0.0) | {
            k: _korean_plausibility(r) for k, r in zip(unsure, turned, strict=True)
        }
        margin = HANGUL_MARGIN if len(crops) >= FEW_LINES else FEW_LINES_MARGIN
        for k, crop in enumerate(crops):
            if max(ahead[k], behind[k]) >= HANGUL_SURE and abs(ahead[k] - behind[k]) >= margin:
                votes += 1 if ahead[k] > behind[k] else -1
            else:
                undecided.append(crop)
        return votes, undecided


def _is_wide(box: Box) -> bool:
    """A horizontal line's box (a tall one is sideways text, a squarish one says nothing)."""
    return box.width >= 1.5 * box.height


def _korean_plausibility(reading: Reading) -> float:
    """:func:`plausibility` of a reading that is Korean, else 0: upside down, ``kor`` reads digits
    and Latin-like shapes confidently (``13,710`` turned reads ``016 66`` at 0.64), but seldom syllables."""
    return plausibility(reading) if sum(is_syllable(c) for c in reading.text) >= 2 else 0.0


_PLAIN = set(".,:;-()/%₩~*#&+@'\"")


def plausibility(reading: Reading) -> float:
    """Confidence times the share of characters a document line is made of (syllables, Latin,
    digits, Han, common marks): read upside down, ``kor`` emits jamo and stray symbols, confidently."""
    chars = [c for c in reading.text if not c.isspace()]
    if not chars:
        return 0.0
    plain = sum(
        is_syllable(c) or (c.isascii() and c.isalnum()) or is_han(c) or is_kana(c) or c in _PLAIN
        for c in chars
    )
    return reading.confidence * plain / len(chars)


def _zoom(box: Box, factor: float) -> Box:
    return Box(box.left * factor, box.top * factor, box.right * factor, box.bottom * factor)
