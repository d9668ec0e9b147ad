"""CTC line recognition shared by every ONNX recogniser: batching crops by width into the 48 px
input PP-OCR-style models take, and greedy decoding that keeps each character's position."""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import Any

import cv2
import numpy as np

from hanji.engines.stages import Glyph, Reading, SpanWord

REC_BATCH = 4
"""Line crops per recogniser call; crops are sorted by width first, so batches pad little. Four
reads as well as eight (CER equal or better on every set) with 100–230 MB less peak memory per
worker, and no slower on 1 or 2 threads (``benchmarks/RESULTS_speed.md``)."""
REC_HEIGHT = 48
REC_MIN_WIDTH = 96
"""The recogniser's input: 48 px high, at least 96 px wide."""


def recognize_bgr(
    session: Any,
    chars: Sequence[str],
    crops: Sequence[np.ndarray[Any, Any]],
    name: str,
    output: int = 0,
    discount: np.ndarray[Any, Any] | None = None,
) -> list[Reading]:
    """Read BGR line crops with ``session`` (input (N, 3, 48, W) in [-1, 1], output ``output``:
    (N, W/8, classes) probabilities, class 0 the blank and class k ``chars[k]``); ``discount`` as
    for :func:`decode`."""
    input_name = session.get_inputs()[0].name
    output_name = session.get_outputs()[output].name
    readings: list[Reading] = [Reading(())] * len(crops)
    order = sorted(range(len(crops)), key=lambda k: crops[k].shape[1] / max(crops[k].shape[0], 1))
    for begin in range(0, len(order), REC_BATCH):
        batch = order[begin : begin + REC_BATCH]
        ratio = max(
            max(crops[k].shape[1] / max(crops[k].shape[0], 1) for k in batch), REC_MIN_WIDTH / REC_HEIGHT
        )
        tensor, used = line_tensor([crops[k] for k in batch], math.ceil(REC_HEIGHT * ratio))
        probs = session.run([output_name], {input_name: tensor})[0]
        for row, k in enumerate(batch):
            readings[k] = decode(probs[row], used[row] / tensor.shape[3], chars, name, discount)
    return readings


def line_tensor(crops: Sequence[np.ndarray[Any, Any]], width: int) -> tuple[np.ndarray[Any, Any], list[int]]:
    """BGR crops as the recogniser's input: 48 px high, aspect kept (at most ``width``), scaled to
    [-1, 1] and right-padded with 0 (mid grey) to ``width``; also each crop's own width."""
    tensor = np.zeros((len(crops), 3, REC_HEIGHT, width), np.float32)
    used: list[int] = []
    for row, crop in enumerate(crops):
        w = min(width, max(1, math.ceil(REC_HEIGHT * crop.shape[1] / max(crop.shape[0], 1))))
        resized = cv2.resize(crop, (w, REC_HEIGHT)).astype(np.float32)
        tensor[row, :, :, :w] = resized.transpose(2, 0, 1) / 127.5 - 1.0
        used.append(w)
    return tensor, used


def decode(
    probs: np.ndarray[Any, Any],
    used_share: float,
    chars: Sequence[str],
    name: str,
    discount: np.ndarray[Any, Any] | None = None,
) -> Reading:
    """Greedy CTC decoding; a character sits at the centre of its run of frames.

    ``discount`` (one factor per class, at most 1) is a prior: a frame picks the class with the
    highest discounted probability, so a rare class needs that much more evidence. Only the frames
    whose plain best is discounted are looked at again; confidences stay the model's own."""
    frames = probs.shape[0]
    best = probs.argmax(axis=1)
    if discount is not None:
        doubted = np.flatnonzero(discount[best] < 1.0)
        if doubted.size:
            best[doubted] = (probs[doubted] * discount).argmax(axis=1)
    conf = probs[np.arange(frames), best]
    runs: list[tuple[int, float, float]] = []  # (char index, centre frame, confidence)
    t = 0
    while t < frames:
        k = int(best[t])
        end = t
        while end + 1 < frames and best[end + 1] == k:
            end += 1
        if k != 0 and k < len(chars):
            runs.append((k, (t + end + 1) / 2, float(conf[t : end + 1].max())))
        t = end + 1
    if not runs:
        return Reading((), recognizer=name)
    scale = 1.0 / (frames * max(used_share, 1e-6))  # frame -> fraction of the crop's width
    centres = [c for _, c, _ in runs]
    gaps = [b - a for a, b in itertools.pairwise(centres)]
    pitch = float(np.median(gaps)) if gaps else 2.0
    glyphs: list[Glyph] = []
    for n, (k, centre, p) in enumerate(runs):
        lo = centre - pitch / 2 if n == 0 else max(centre - pitch / 2, (centres[n - 1] + centre) / 2)
        hi = (
            centre + pitch / 2
            if n == len(runs) - 1
            else min(centre + pitch / 2, (centre + centres[n + 1]) / 2)
        )
        glyphs.append(Glyph(chars[k], p, _clip(lo * scale), _clip(hi * scale)))
    return Reading(words_of(glyphs), tuple(glyphs), name)


def _clip(x: float) -> float:
    return min(max(x, 0.0), 1.0)


def words_of(glyphs: Sequence[Glyph]) -> tuple[SpanWord, ...]:
    """Cut a line's glyphs into words at spaces."""
    words: list[SpanWord] = []
    current: list[Glyph] = []
    for g in [*glyphs, Glyph(" ", 1.0, 1.0, 1.0)]:
        if g.char.isspace():
            if current:
                text = "".join(c.char for c in current)
                confidence = float(np.mean([c.confidence for c in current]))
                words.append(SpanWord(text, confidence, current[0].start, current[-1].end))
            current = []
        else:
            current.append(g)
    return tuple(words)
