"""A remembering recogniser reads each distinct crop once, and forgets the oldest first."""

from collections.abc import Sequence

import numpy as np

from hanji.engines.base import RgbImage
from hanji.engines.memo import Remembering
from hanji.engines.stages import Reading, SpanWord


class _Counting:
    name = "counting"

    def __init__(self) -> None:
        self.read: list[int] = []

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        self.read.extend(int(c[0, 0, 0]) for c in crops)
        return [Reading((SpanWord(str(int(c[0, 0, 0])), 0.9, 0.0, 1.0),)) for c in crops]


def _crop(value: int) -> RgbImage:
    return np.full((8, 32, 3), value, np.uint8)


def test_a_crop_read_before_is_answered_from_memory_in_its_place() -> None:
    inner = _Counting()
    memo = Remembering(inner)
    assert [r.text for r in memo.recognize([_crop(1), _crop(2)])] == ["1", "2"]
    assert [r.text for r in memo.recognize([_crop(3), _crop(2), _crop(1)])] == ["3", "2", "1"]
    assert inner.read == [1, 2, 3]
    assert memo.name == "counting"


def test_the_same_pixels_in_another_shape_are_another_crop() -> None:
    inner = _Counting()
    memo = Remembering(inner)
    memo.recognize([_crop(5)])
    memo.recognize([np.full((16, 16, 3), 5, np.uint8)])
    assert inner.read == [5, 5]


def test_the_oldest_reading_is_forgotten_first() -> None:
    inner = _Counting()
    memo = Remembering(inner, size=2)
    memo.recognize([_crop(1), _crop(2)])
    memo.recognize([_crop(1)])  # 1 is now the newest
    memo.recognize([_crop(3)])  # forgets 2
    memo.recognize([_crop(1), _crop(2)])
    assert inner.read == [1, 2, 3, 2]
