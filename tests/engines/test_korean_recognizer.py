"""Hanji's own Korean recogniser as shipped: its file is checked against the manifest, and it reads
the committed line crops (tests/data/ocr/korean_lines, see render.py there) exactly — in a face it
trained on and in one it never saw, rare syllables Tesseract cannot read included."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from hanji.core.errors import OcrServiceError
from hanji.engines.backends.korean import MODEL, KoreanModel
from hanji.engines.registry import recognizer

LINES = Path(__file__).resolve().parents[1] / "data" / "ocr" / "korean_lines"
TRUTH: dict[str, str] = json.loads((LINES / "truth.json").read_text())


def _crop(name: str) -> np.ndarray:
    return np.asarray(Image.open(LINES / name).convert("RGB"))


def test_the_shipped_model_is_in_the_manifest_and_small() -> None:
    manifest = json.loads((MODEL.parent / "MANIFEST.json").read_text())
    entry = manifest["models"][MODEL.name]
    assert entry["bytes"] == MODEL.stat().st_size <= 25 * 1024 * 1024


def test_a_changed_model_file_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / MODEL.name
    shutil.copy(MODEL, copy)
    shutil.copy(MODEL.parent / "MANIFEST.json", tmp_path / "MANIFEST.json")
    data = bytearray(copy.read_bytes())
    data[len(data) // 2] ^= 0xFF
    copy.write_bytes(bytes(data))
    with pytest.raises(OcrServiceError, match="does not match the manifest"):
        KoreanModel(copy, threads=1)
    (tmp_path / "MANIFEST.json").write_text('{"models": {}}')
    with pytest.raises(OcrServiceError, match="not listed"):
        KoreanModel(copy, threads=1)


@pytest.mark.parametrize("name", sorted(TRUTH))
def test_it_reads_the_committed_crops_exactly(name: str) -> None:
    (reading,) = recognizer("hanji-korean").recognize([_crop(name)])
    assert reading.text == TRUTH[name]
    starts = [g.start for g in reading.glyphs]
    assert starts == sorted(starts) and all(0 <= g.start < g.end <= 1 for g in reading.glyphs)


def test_rare_syllables_reach_the_answer_through_the_second_opinion() -> None:
    names = [n for n, text in TRUTH.items() if "뙤" in text or "꿰" in text]
    readings = recognizer("tesseract-kor|hanji-korean").recognize([_crop(n) for n in names])
    assert [r.text for r in readings] == [TRUTH[n] for n in names]


def test_a_crop_gets_side_margins_in_its_own_background_and_positions_map_back() -> None:
    from hanji.engines.backends.korean import SIDE_MARGIN, with_side_margins

    crop = np.full((40, 100, 3), 230, np.uint8)
    crop[5:35, 95:] = 0  # a glyph touching the right edge does not colour the margin
    padded, margin = with_side_margins(crop)
    assert margin == round(SIDE_MARGIN * 40) and padded.shape == (40, 100 + 2 * margin, 3)
    assert (padded[:, :margin] == 230).all() and (padded[:, -margin:] == 230).all()
    assert (padded[:, margin:-margin] == crop).all()
    # positions come back as fractions of the crop as given: the padded crop's edges of the
    # original fall on 0 and 1, its middle stays the middle, the margins clip to the ends
    from hanji.engines.backends.korean import _unpadded
    from hanji.engines.stages import Glyph, Reading, SpanWord

    full = 100 + 2 * margin
    left, mid, right = margin / full, 0.5, (margin + 100) / full
    padded_reading = Reading(
        (SpanWord("가나", 0.9, left, right),),
        (Glyph("가", 0.9, left, mid), Glyph("나", 0.9, mid, 1.0)),
        "hanji-korean",
    )
    back = _unpadded(padded_reading, margin, 100)
    assert [(g.start, g.end) for g in back.glyphs] == [pytest.approx((0.0, 0.5)), pytest.approx((0.5, 1.0))]
    assert (back.words[0].start, back.words[0].end) == pytest.approx((0.0, 1.0))
    assert back.text == padded_reading.text and back.recognizer == "hanji-korean"
    reading = KoreanModel().recognize_bgr([_crop("nanumgothic-1.png")[:, :, ::-1].copy()])[0]
    assert reading.text == TRUTH["nanumgothic-1.png"]
    assert all(0.0 <= g.start <= g.end <= 1.0 for g in reading.glyphs)
