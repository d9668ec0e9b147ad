"""The orientation step turns a page on Korean evidence only when more than one line asks for it."""

from collections.abc import Sequence

import numpy as np
import pytest

from hanji.core.geometry import Quad
from hanji.engines.base import RgbImage
from hanji.engines.orientation import TURN_VOTES, Orienter
from hanji.engines.stages import Reading, SpanWord

LINE_HEIGHTS = (20, 24, 28)
"""Three probe lines told apart by their height (each as wide as the page)."""


def _page() -> tuple[RgbImage, list[Quad]]:
    # Dark on the left, light on the right: a crop turned 180° is light on the left.
    image = np.tile(np.linspace(40, 220, 600).astype(np.uint8)[None, :, None], (200, 1, 3))
    quads, top = [], 10
    for h in LINE_HEIGHTS:
        quads.append(Quad.from_sequence([(0, top), (600, top), (600, top + h), (0, top + h)]))
        top += h + 20
    return image, quads


class _Detector:
    name = "fixed"

    def __init__(self, quads: list[Quad]) -> None:
        self.quads = quads

    def detect(self, image: RgbImage, max_side: int | None = None) -> list[Quad]:
        return self.quads


class _Classifier:
    name = "unsure"

    def upside_down(self, crops: Sequence[RgbImage]) -> list[float]:
        return [0.5 for _ in crops]  # no opinion: a turn can only come from the Korean votes


class _Hangul:
    """Reads a line as confident Hangul the way up ``turned_better`` says (by line height)."""

    name = "hangul"

    def __init__(self, turned_better: set[int]) -> None:
        self.turned_better = turned_better

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        out = []
        for crop in crops:
            turned = int(crop[:, 0].mean()) > int(crop[:, -1].mean())
            better = crop.shape[0] in self.turned_better
            confidence = 0.95 if turned == better else 0.3
            out.append(Reading((SpanWord("가나다라", confidence, 0.0, 1.0),)))
        return out


@pytest.mark.parametrize(
    ("turned_lines", "rotation"),
    # One line against two, or two against one: the evidence is mixed and the page is read as given.
    [(set(), 0), ({20}, 0), ({20, 24}, 0), (set(LINE_HEIGHTS), 180)],
)
def test_korean_lines_turn_a_page_only_when_at_least_two_more_ask_than_not(
    turned_lines: set[int], rotation: int
) -> None:
    image, quads = _page()
    detector = _Detector(quads)
    orienter = Orienter(detector, _Classifier(), _Hangul(set()), _Hangul(turned_lines))
    assert TURN_VOTES == 2
    assert orienter.rotation(image, ["ko"], quads) == rotation


class _Recording(_Hangul):
    def __init__(self) -> None:
        super().__init__(set())
        self.crops: list[RgbImage] = []

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        self.crops.extend(crops)
        return super().recognize(crops)


def test_an_upright_korean_page_is_probed_with_the_line_readers_own_crops_and_not_read_turned() -> None:
    from hanji.engines.transform import line_crop

    image, quads = _page()
    hangul = _Recording()
    orienter = Orienter(_Detector(quads), _Classifier(), _Hangul(set()), hangul)
    assert orienter.rotation(image, ["ko"], quads) == 0
    # Widest first (all equal here), each exactly as the line reader will crop it; every line read
    # upright with confidence, so none is read turned.
    own = {line_crop(image, q).tobytes() for q in quads}
    assert len(hangul.crops) == len(quads)
    assert {c.tobytes() for c in hangul.crops} == own
