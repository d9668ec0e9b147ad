"""Greedy CTC decoding with a prior: a discounted class needs that much more evidence."""

from __future__ import annotations

import numpy as np

from hanji.engines.backends.ctc import decode

CHARS = ["", "가", "갂", "a"]  # the blank, a KS X 1001 syllable, a rare one, a letter


def _frames(*rows: tuple[float, float, float, float]) -> np.ndarray:
    return np.array(rows, np.float32)


def test_without_a_discount_the_likeliest_class_wins() -> None:
    probs = _frames((0.1, 0.4, 0.5, 0.0), (0.9, 0.05, 0.05, 0.0), (0.0, 0.0, 0.1, 0.9))
    assert decode(probs, 1.0, CHARS, "t").text == "갂a"


def test_a_discounted_class_loses_a_close_call_and_wins_a_clear_one() -> None:
    discount = np.array([1.0, 1.0, np.exp(-2.0), 1.0], np.float32)
    close = _frames((0.1, 0.4, 0.5, 0.0), (0.9, 0.05, 0.05, 0.0))
    clear = _frames((0.02, 0.03, 0.95, 0.0), (0.9, 0.05, 0.05, 0.0))
    reading = decode(close, 1.0, CHARS, "t", discount)
    assert reading.text == "가"
    assert reading.glyphs[0].confidence == np.float32(0.4)  # the model's own probability, not discounted
    assert decode(clear, 1.0, CHARS, "t", discount).text == "갂"
