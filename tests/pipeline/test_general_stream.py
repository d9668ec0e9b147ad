"""A long file is read one decoded page at a time: memory holds one page image, not the file's all."""

from __future__ import annotations

import gc
import io
import weakref
from collections.abc import Sequence

import numpy as np
import pytest
from PIL import Image

from hanji.core.result import Page
from hanji.intake.limits import IntakeLimits
from hanji.intake.page import RgbImage
from hanji.pipeline import general
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.inputs import FileInput


def _pages(kind: str, count: int) -> bytes:
    frames = [Image.new("RGB", (400, 300), (255, 255 - i, 255)) for i in range(count)]
    buffer = io.BytesIO()
    fmt = {"tiff": "TIFF", "pdf": "PDF"}[kind]
    frames[0].save(buffer, format=fmt, save_all=True, append_images=frames[1:])
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["tiff", "pdf"])
def test_only_one_decoded_page_is_alive_at_a_time(kind: str, monkeypatch: pytest.MonkeyPatch) -> None:
    earlier: list[weakref.ref[RgbImage]] = []
    alive_at_each_page: list[int] = []

    def recognise(image: RgbImage, languages: Sequence[str], engine: str | None) -> Page:
        gc.collect()
        alive_at_each_page.append(sum(ref() is not None for ref in earlier))
        earlier.append(weakref.ref(image))
        assert isinstance(image, np.ndarray)
        return Page(index=0, width=image.shape[1], height=image.shape[0])

    monkeypatch.setattr(general, "recognize", recognise)
    progress: list[tuple[int, int]] = []
    document = general.read_general(
        GeneralRequest(FileInput(_pages(kind, 12), kind, IntakeLimits(max_pages=20)), ("en",)),
        on_page=lambda done, total: progress.append((done, total)),
    )
    assert len(document.pages) == 12
    assert alive_at_each_page == [0] * 12  # each earlier page was freed before the next was decoded
    assert progress == [(n, 12) for n in range(1, 13)]
