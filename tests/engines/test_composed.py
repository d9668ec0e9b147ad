"""The Hangul route judges a long page on a sample: an English page in a Korean domain is read
base-first, and the Hangul reader reads only the lines it could still win."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher

import numpy as np
import pytest
from PIL import Image

import hanji.engines.composed as composed
from hanji.engines.base import RgbImage
from hanji.engines.registry import get_engine
from hanji.engines.stages import LineRecognizer, Reading

from .samples import OCR_DATA, load_image

pytestmark = pytest.mark.slow

LINES = OCR_DATA / "korean_lines"


class _Counting:
    """A recogniser that counts the lines it is given."""

    def __init__(self, inner: LineRecognizer) -> None:
        self.inner, self.name, self.lines = inner, inner.name, 0

    def recognize(self, crops: Sequence[RgbImage]) -> list[Reading]:
        self.lines += len(crops)
        return self.inner.recognize(crops)


@pytest.fixture
def hybrid(monkeypatch: pytest.MonkeyPatch) -> Iterator[composed.ComposedEngine]:
    engine = get_engine("hybrid")
    assert isinstance(engine, composed.ComposedEngine)
    assert engine.hangul is not None
    monkeypatch.setattr(engine, "hangul", _Counting(engine.hangul))
    yield engine


def _receipts_with(korean_line: str | None) -> np.ndarray:
    """Three copies of the English receipt stacked (36 lines), a Korean line crop pasted below."""
    receipt = load_image("en_receipt")
    parts = [receipt, receipt, receipt]
    if korean_line is not None:
        line = np.array(Image.open(LINES / korean_line).convert("RGB"))
        band = np.full((line.shape[0] + 40, receipt.shape[1], 3), 255, np.uint8)
        band[20 : 20 + line.shape[0], 30 : 30 + line.shape[1]] = line
        parts.insert(2, band)
    return np.concatenate(parts)


def test_an_english_page_in_a_korean_domain_reads_as_without_the_sample(
    hybrid: composed.ComposedEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = _receipts_with(None)
    sampled = hybrid.read(page, ["ko"])
    counted = hybrid.hangul.lines  # type: ignore[union-attr]
    assert len(sampled.lines) > composed.SAMPLE_FROM
    assert counted < len(sampled.lines) / 2, (counted, len(sampled.lines))

    monkeypatch.setattr(composed, "SAMPLE_FROM", 10**6)  # every line read by the Hangul reader first
    whole = hybrid.read(page, ["ko"])
    # The same base readings, batched with other neighbours (PP-OCR's padding moves a space at most).
    assert SequenceMatcher(None, sampled.text, whole.text).ratio() > 0.99


def _hangul(text: str) -> str:
    return "".join(c for c in text if "가" <= c <= "힣")


def test_a_korean_line_on_an_english_page_is_still_read_in_hangul(
    hybrid: composed.ComposedEngine, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "nanumgothic-2.png"  # 합계 금액 45,000원
    page = _receipts_with(name)
    sampled = hybrid.read(page, ["ko"])
    assert hybrid.hangul.lines < len(sampled.lines) / 2  # type: ignore[union-attr]
    assert "합계" in sampled.text and "45,000" in sampled.text, sampled.text
    monkeypatch.setattr(composed, "SAMPLE_FROM", 10**6)
    assert _hangul(sampled.text) == _hangul(hybrid.read(page, ["ko"]).text)


def test_a_korean_page_is_read_by_the_hangul_reader_line_by_line(hybrid: composed.ComposedEngine) -> None:
    korean = load_image("ko_cldr")
    page = hybrid.read(np.concatenate([korean] * 6), ["ko"])
    assert len(page.lines) > composed.SAMPLE_FROM
    assert hybrid.hangul.lines >= len(page.lines)  # type: ignore[union-attr]


def test_the_sample_spreads_over_the_page() -> None:
    assert composed.spread(5, 12) == [0, 1, 2, 3, 4]
    sample = composed.spread(40, 12)
    assert len(sample) == 12 and sample[0] == 0 and sample[-1] == 39
