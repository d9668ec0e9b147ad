"""Hypothesis over intake: random and mutated files never escape as anything but a HanjiError,
and no decoded page is ever over the pixel limit."""

from __future__ import annotations

import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from hanji.core.errors import HanjiError
from hanji.intake import IntakeLimits, decode_pages
from tests.hostile import make_corpus as corpus

LIMITS = IntakeLimits(max_bytes=2_000_000, max_pages=3, max_pixels=250_000, pdf_dpi=72)
FUZZ = settings(max_examples=100, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def _seed(fmt: str) -> bytes:
    image = Image.open(io.BytesIO(corpus.text_png(size=(160, 40)))).convert("RGB")
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


# Small real files of every supported kind: the mutations start from these.
SEEDS = [
    _seed("PNG"),
    _seed("JPEG"),
    _seed("TIFF"),
    _seed("GIF"),
    _seed("BMP"),
    _seed("WEBP"),
    corpus.pdf_bad_xref(),
    corpus.pdf_encrypted(),
    corpus.pdf_many_pages(),
]


def check(data: bytes) -> None:
    try:
        pages = decode_pages(data, declared_format="png", limits=LIMITS)
    except HanjiError as exc:
        assert exc.code == "0011"
        return
    assert pages, "decode_pages returned no page at all"
    assert [page.index for page in pages] == list(range(len(pages)))
    assert len(pages) <= LIMITS.max_pages
    for page in pages:
        assert page.width * page.height <= LIMITS.max_pixels
        if page.image is not None:
            assert page.image.dtype.name == "uint8" and page.image.shape[2] == 3


@pytest.mark.filterwarnings("ignore")  # Pillow warns about corrupt EXIF and the like
@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes(data: bytes) -> None:
    check(data)


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A real file with bytes flipped, a slice cut out, or a header field overwritten."""
    data = bytearray(draw(st.sampled_from(SEEDS)))
    for _ in range(draw(st.integers(1, 8))):
        how = draw(st.sampled_from(["flip", "cut", "truncate", "big-number"]))
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        if how == "flip":
            data[at] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif how == "truncate":
            del data[max(at, 8) :]
        else:  # header sizes are where bombs live: write 0xFFFF.. near the start
            head = min(at, 64)
            data[head : head + 4] = b"\xff\xff\x7f\xff"
    return bytes(data)


@pytest.mark.filterwarnings("ignore")
@FUZZ
@given(mutated())
def test_mutated_real_files(data: bytes) -> None:
    check(data)
