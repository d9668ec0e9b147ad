"""Searchable PDFs of real OCR results: extracted text and character boxes match what was read."""

from __future__ import annotations

import ctypes
import io
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pikepdf
import pypdfium2 as pdfium
import pytest
from PIL import Image

from hanji.core.errors import RequestBodyInvalid
from hanji.core.geometry import Box, Point
from hanji.core.result import Document, Line, Page, Word
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.general import GeneralRequest, read_general
from hanji.pipeline.inputs import FileInput
from hanji.searchable import searchable_pdf_bytes
from hanji.searchable.text_layer import words_of

OCR = Path(__file__).resolve().parents[1] / "data" / "ocr"
SAMPLES = [("ko_cldr.jpg", "ko"), ("ja_cldr.jpg", "ja"), ("zh_cldr.jpg", "zh-TW"), ("en_receipt.jpg", "en")]
TOLERANCE_PT = 3.0
CJK = r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"

pytestmark = pytest.mark.slow


@dataclass(frozen=True)
class Read:
    data: bytes
    document: Document
    languages: list[str]


def _read(data: bytes, languages: list[str]) -> Read:
    document = read_general(GeneralRequest(FileInput(data, None, IntakeLimits()), tuple(languages)))
    return Read(data, document, languages)


@pytest.fixture(scope="module", params=SAMPLES, ids=[lang for _, lang in SAMPLES])
def sample(request: pytest.FixtureRequest) -> Read:
    name, lang = request.param
    return _read((OCR / name).read_bytes(), [lang])


def cer(expected: str, got: str) -> float:
    previous = list(range(len(got) + 1))
    for i, a in enumerate(expected, 1):
        current = [i]
        for j, b in enumerate(got, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(len(expected), 1)


def flat(text: str) -> str:
    """Whitespace runs (line breaks included) as one space: extractors group lines their own way."""
    return " ".join(text.split())


def cjk_gaps(text: str) -> int:
    return len(re.findall(f"(?<={CJK}) (?={CJK})", flat(text)))


def pdfium_texts(pdf: bytes) -> list[str]:
    document = pdfium.PdfDocument(pdf)
    try:
        return [document[i].get_textpage().get_text_range() for i in range(len(document))]
    finally:
        document.close()


def poppler_text(pdf: bytes) -> str:
    """pdftotext in content order (``-raw``): its default layout mode re-sorts a page into columns."""
    assert shutil.which("pdftotext"), "poppler-utils is missing: run ./scripts/setup"
    done = subprocess.run(["pdftotext", "-raw", "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def test_text_layer_reads_back_as_the_ocr_text(sample: Read) -> None:
    pdf = searchable_pdf_bytes(sample.data, sample.document, languages=sample.languages)
    expected = sample.document.text
    assert len(expected) > 40
    for got in (pdfium_texts(pdf)[0], poppler_text(pdf)):
        assert cer(flat(expected), flat(got)) <= 0.01, got
        assert cjk_gaps(got) == cjk_gaps(expected), got


def _to_pixels(page: pdfium.PdfPage, size: tuple[int, int], x: float, y: float) -> tuple[int, int]:
    """PDFium's own page-to-device map onto a rendering of ``size`` (rotation and crop included)."""
    device_x, device_y = ctypes.c_int(), ctypes.c_int()
    pdfium.raw.FPDF_PageToDevice(page.raw, 0, 0, size[0], size[1], 0, x, y, device_x, device_y)
    return device_x.value, device_y.value


def char_boxes(pdf: bytes, index: int, size: tuple[int, int]) -> Iterator[tuple[str, Box]]:
    """Each drawn (not generated) non-space character of a page, boxed in pixels of its rendering."""
    document = pdfium.PdfDocument(pdf)
    page = document[index]
    textpage = page.get_textpage()
    for i in range(textpage.count_chars()):
        char = textpage.get_text_range(i, 1)
        if char.strip() and not pdfium.raw.FPDFText_IsGenerated(textpage.raw, i):
            left, bottom, right, top = textpage.get_charbox(i, loose=False)
            corners = [_to_pixels(page, size, x, y) for x in (left, right) for y in (bottom, top)]
            yield char, Box.enclosing(Point(x, y) for x, y in corners)


def assert_characters_in_words(pdf: bytes, page: Page, tolerance_px: float) -> None:
    expected = [(char, word.quad.bbox) for word in words_of(page) for char in word.text if char.strip()]
    got = list(char_boxes(pdf, page.index, (page.width, page.height)))
    assert [c for c, _ in got] == [c for c, _ in expected]
    t = tolerance_px
    for (char, box), (_, word) in zip(got, expected, strict=True):
        assert word.left - t <= box.left and box.right <= word.right + t, (char, box, word)
        assert word.top - t <= box.top and box.bottom <= word.bottom + t, (char, box, word)


def test_each_character_lies_in_its_words_box(sample: Read) -> None:
    pdf = searchable_pdf_bytes(sample.data, sample.document, languages=sample.languages)
    assert_characters_in_words(pdf, sample.document.pages[0], TOLERANCE_PT * 96 / 72)


def test_jpeg_is_embedded_unchanged_and_the_pdf_is_small(sample: Read) -> None:
    pdf = searchable_pdf_bytes(sample.data, sample.document, languages=sample.languages)
    assert sample.data in pdf  # the DCT stream is the input's own bytes
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        font_programs = sum(
            len(d[key].read_raw_bytes())
            for d in opened.objects
            if isinstance(d, pikepdf.Dictionary) and d.get("/Type") == "/FontDescriptor"
            for key in ("/FontFile2", "/FontFile3")
            if key in d
        )
    assert len(pdf) <= 1.10 * len(sample.data) + font_programs, (len(pdf), len(sample.data), font_programs)
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        width, height = (float(v) for v in opened.pages[0].mediabox[2:])
    image = Image.open(io.BytesIO(sample.data))
    assert (width, height) == pytest.approx((image.width * 0.75, image.height * 0.75))


def test_a_five_page_pdf_gives_five_searchable_pages(tmp_path: Path) -> None:
    images = [Image.open(OCR / name).convert("RGB") for name, _ in SAMPLES] + [
        Image.open(OCR / "ko_cldr.jpg").convert("RGB")
    ]
    buffer = io.BytesIO()
    images[0].save(buffer, format="PDF", save_all=True, append_images=images[1:], resolution=150)
    read = _read(buffer.getvalue(), ["ko", "ja", "zh-TW"])
    assert len(read.document.pages) == 5
    pdf = searchable_pdf_bytes(read.data, read.document, languages=read.languages)
    texts = pdfium_texts(pdf)
    assert len(texts) == 5
    for page, text in zip(read.document.pages, texts, strict=True):
        assert cer(flat(page.text), flat(text)) <= 0.01
        assert cjk_gaps(text) == cjk_gaps(page.text)
    # The input's pages are kept as they were: same sizes, same images.
    with pikepdf.open(io.BytesIO(read.data)) as source, pikepdf.open(io.BytesIO(pdf)) as out:
        assert [list(p.mediabox) for p in source.pages] == [list(p.mediabox) for p in out.pages]


def test_a_turned_photo_keeps_its_words_where_they_are_on_the_image() -> None:
    """A page photographed sideways is read turned upright; its text layer runs along the page."""
    upright = Image.open(OCR / "ko_cldr.jpg").convert("RGB")
    buffer = io.BytesIO()
    upright.rotate(90, expand=True).save(buffer, format="PNG")
    read = _read(buffer.getvalue(), ["ko"])
    page = read.document.pages[0]
    assert page.rotation in (90, 270)
    pdf = searchable_pdf_bytes(read.data, read.document, languages=read.languages)
    text = pdfium_texts(pdf)[0]
    assert cer(flat(page.text), flat(text)) <= 0.01
    assert_characters_in_words(pdf, page, TOLERANCE_PT * 96 / 72)


def test_a_rotated_pdf_page_gets_its_layer_under_the_rotation() -> None:
    source = Image.open(OCR / "ja_cldr.jpg").convert("RGB")
    buffer = io.BytesIO()
    source.rotate(90, expand=True).save(buffer, format="PDF", resolution=100)
    with pikepdf.open(io.BytesIO(buffer.getvalue())) as pdf:
        pdf.pages[0].rotate(90, relative=True)  # shown upright, stored sideways
        rotated = io.BytesIO()
        pdf.save(rotated)
    read = _read(rotated.getvalue(), ["ja"])
    page = read.document.pages[0]
    assert page.rotation == 0  # PDFium rendered it upright already
    pdf_bytes = searchable_pdf_bytes(read.data, read.document, languages=read.languages)
    assert cer(flat(page.text), flat(pdfium_texts(pdf_bytes)[0])) <= 0.01
    assert cer(flat(page.text), flat(poppler_text(pdf_bytes))) <= 0.01
    assert_characters_in_words(pdf_bytes, page, TOLERANCE_PT * 200 / 72)


def _document_for(image: Image.Image, words: list[tuple[str, tuple[int, int, int, int]]]) -> Document:
    """A result with given words (text, box), as an engine would return it for ``image``."""
    lines = tuple(Line((Word(text, Box(*box).to_quad(), 0.9),)) for text, box in words)
    return Document((Page(index=0, width=image.width, height=image.height, lines=lines),))


def test_without_a_cjk_font_the_glyphless_layer_still_reads_back(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HANJI_PDF_FONT", "/nonexistent/font.ttc")
    read = _read((OCR / "ko_cldr.jpg").read_bytes(), ["ko"])
    pdf = searchable_pdf_bytes(read.data, read.document, languages=read.languages)
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        names = {str(f.BaseFont) for f in opened.pages[0].Resources.Font.values()}
    assert names == {"/HanjiTextLayer"}
    assert cer(flat(read.document.text), flat(pdfium_texts(pdf)[0])) <= 0.01
    assert cer(flat(read.document.text), flat(poppler_text(pdf))) <= 0.01
    assert_characters_in_words(pdf, read.document.pages[0], TOLERANCE_PT * 96 / 72)


def test_exif_orientation_is_applied_by_placement_not_by_re_encoding() -> None:
    """A phone JPEG stored sideways with EXIF orientation 6 becomes an upright page, bytes untouched."""
    upright = Image.open(OCR / "en_receipt.jpg").convert("RGB")
    stored = upright.rotate(90, expand=True)  # what the camera wrote: turned a quarter left
    exif = Image.Exif()
    exif[0x0112] = 6
    buffer = io.BytesIO()
    stored.save(buffer, format="JPEG", quality=90, exif=exif, dpi=(200, 200))
    read = _read(buffer.getvalue(), ["en"])
    page = read.document.pages[0]
    assert (page.width, page.height) == upright.size
    pdf = searchable_pdf_bytes(read.data, read.document, languages=read.languages)
    assert read.data in pdf
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        width, height = (float(v) for v in opened.pages[0].mediabox[2:])
    assert (width, height) == pytest.approx((upright.width * 72 / 200, upright.height * 72 / 200))
    # What the page shows is the upright image: rendered back, it matches the upright pixels.
    rendered = pdfium.PdfDocument(pdf)[0].render(scale=200 / 72).to_pil().convert("L").resize(upright.size)
    expected = np.asarray(upright.convert("L"), dtype=np.int16)
    difference = np.abs(np.asarray(rendered, dtype=np.int16) - expected)
    assert float(difference.mean()) < 12
    assert_characters_in_words(pdf, page, TOLERANCE_PT * 200 / 72)


def test_a_png_keeps_its_compressed_rows() -> None:
    image = Image.open(OCR / "zh_cldr.jpg").convert("L")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(300, 300))
    data = buffer.getvalue()
    document = _document_for(image, [("克里米亞", (10, 10, 200, 60))])
    pdf = searchable_pdf_bytes(data, document, languages=["zh-TW"])
    idat = data[data.index(b"IDAT") + 4 : data.index(b"IEND") - 8]
    assert idat[:1000] in pdf
    assert len(pdf) <= 1.10 * len(data) + 20_000
    assert flat(pdfium_texts(pdf)[0]) == "克里米亞"


def test_a_pdf_page_that_already_has_text_is_left_as_it_was() -> None:
    source = pikepdf.new()
    page = source.add_blank_page(page_size=(200, 100))
    font = source.make_indirect(pikepdf.Dictionary(Type="/Font", Subtype="/Type1", BaseFont="/Helvetica"))
    page.obj["/Resources"] = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
    page.obj["/Contents"] = source.make_stream(b"BT /F1 12 Tf 20 50 Td (Born digital) Tj ET")
    buffer = io.BytesIO()
    source.save(buffer)
    data = buffer.getvalue()
    read = _read(data, ["en"])
    pdf = searchable_pdf_bytes(data, read.document, languages=["en"])
    assert flat(pdfium_texts(pdf)[0]) == "Born digital"


def test_bytes_that_are_no_image_are_refused() -> None:
    with pytest.raises(RequestBodyInvalid):
        searchable_pdf_bytes(b"plain text, not an image", Document(), languages=["ko"])
