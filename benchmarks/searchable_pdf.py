"""Searchable PDF fidelity: does the PDF's text layer give back exactly what the OCR read, where it read it?

For each page of ``../shared/data`` sets (rendered ko/ja/zh/en pages, SROIE receipt scans), the page
is read by Hanji's default path, written as a searchable PDF, and the PDF's text extracted again
with PDFium and with poppler's ``pdftotext`` (``-raw``: content order; the default layout mode is
reported too, since it re-sorts columns on its own). Per set it prints:

- CER of each extractor's text against the OCR text (whitespace runs as one space),
- spaces between two CJK characters that the OCR did not have (should be 0),
- the share of PDFium's character boxes that lie inside their word's box (3 pt tolerance),
- bytes the PDF adds to the input, less the embedded font subset, as a share of the input,
- seconds to write the PDF against seconds to OCR the page (same process, side by side).

    .venv/bin/python -m benchmarks.searchable_pdf --pages 10
"""

from __future__ import annotations

import argparse
import ctypes
import io
import os
import re
import statistics
import subprocess
import time
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from hanji.core.result import Document, Page
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.general import GeneralRequest, read_general
from hanji.pipeline.inputs import FileInput
from hanji.searchable import searchable_pdf_bytes
from hanji.searchable.text_layer import words_of

SHARED = Path(os.environ.get("HANJI_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SETS = {
    "rendered/ko": ("rendered/ko/img", "ko"),
    "rendered/ja": ("rendered/ja/img", "ja"),
    "rendered/zh": ("rendered/zh/img", "zh-TW"),
    "rendered/en": ("rendered/en/img", "en"),
    "sroie": ("sroie/img", "en"),
}
CJK = r"[\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
TOLERANCE_PT = 3.0


def flat(text: str) -> str:
    return " ".join(text.split())


def cer(expected: str, got: str) -> float:
    previous = list(range(len(got) + 1))
    for i, a in enumerate(expected, 1):
        current = [i]
        for j, b in enumerate(got, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a != b)))
        previous = current
    return previous[-1] / max(len(expected), 1)


def extra_cjk_spaces(expected: str, got: str) -> int:
    pattern = f"(?<={CJK}) (?={CJK})"
    return max(0, len(re.findall(pattern, flat(got))) - len(re.findall(pattern, flat(expected))))


def poppler(pdf: bytes, *mode: str) -> str:
    done = subprocess.run(["pdftotext", *mode, "-", "-"], input=pdf, capture_output=True, check=True)
    return done.stdout.decode("utf-8")


def boxes_inside(pdf: bytes, page: Page) -> tuple[int, int]:
    """How many drawn characters PDFium boxes inside their own word's box, of how many."""
    document = pdfium.PdfDocument(pdf)
    pdf_page = document[0]
    textpage = pdf_page.get_textpage()
    expected = [word.quad.bbox for word in words_of(page) for char in word.text if char.strip()]
    got = []
    for i in range(textpage.count_chars()):
        if textpage.get_text_range(i, 1).strip() and not pdfium.raw.FPDFText_IsGenerated(textpage.raw, i):
            left, bottom, right, top = textpage.get_charbox(i, loose=False)
            xs, ys = [], []
            for x, y in ((left, bottom), (right, top)):
                dx, dy = ctypes.c_int(), ctypes.c_int()
                pdfium.raw.FPDF_PageToDevice(pdf_page.raw, 0, 0, page.width, page.height, 0, x, y, dx, dy)
                xs.append(dx.value)
                ys.append(dy.value)
            got.append((min(xs), min(ys), max(xs), max(ys)))
    scale = page.width / pdf_page.get_width()
    tolerance = TOLERANCE_PT * scale
    inside = sum(
        1
        for (left, top, right, bottom), word in zip(got, expected, strict=False)
        if word.left - tolerance <= left
        and right <= word.right + tolerance
        and word.top - tolerance <= top
        and bottom <= word.bottom + tolerance
    )
    return inside, len(expected)


def font_bytes(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as opened:
        return sum(
            len(obj[key].read_raw_bytes())
            for obj in opened.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/Type") == "/FontDescriptor"
            for key in ("/FontFile2", "/FontFile3")
            if key in obj
        )


def run_set(name: str, pages: int) -> dict[str, float]:
    folder, lang = SETS[name]
    files = sorted((SHARED / "data" / folder).glob("*.jpg"))[:pages]
    rows: dict[str, list[float]] = {k: [] for k in ("pdfium", "raw", "layout", "gaps", "overhead", "ratio")}
    inside = total = 0
    for path in files:
        data = path.read_bytes()
        started = time.perf_counter()
        document: Document = read_general(GeneralRequest(FileInput(data, "jpg", IntakeLimits()), (lang,)))
        ocr_s = time.perf_counter() - started
        started = time.perf_counter()
        pdf = searchable_pdf_bytes(data, document, languages=[lang])
        pdf_s = time.perf_counter() - started
        expected = flat(document.text)
        pdfium_text = pdfium.PdfDocument(pdf)[0].get_textpage().get_text_range()
        raw = poppler(pdf, "-raw")
        rows["pdfium"].append(cer(expected, flat(pdfium_text)))
        rows["raw"].append(cer(expected, flat(raw)))
        rows["layout"].append(cer(expected, flat(poppler(pdf))))
        rows["gaps"].append(
            extra_cjk_spaces(document.text, pdfium_text) + extra_cjk_spaces(document.text, raw)
        )
        rows["overhead"].append((len(pdf) - len(data) - font_bytes(pdf)) / len(data))
        rows["ratio"].append(pdf_s / ocr_s)
        hits, count = boxes_inside(pdf, document.pages[0])
        inside, total = inside + hits, total + count
    summary = {key: statistics.mean(values) for key, values in rows.items()}
    summary["gaps"] = sum(rows["gaps"])
    summary["inside"] = inside / max(total, 1)
    summary["pages"] = len(files)
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="pages per set")
    parser.add_argument("--sets", default=",".join(SETS), help="comma list of " + ", ".join(SETS))
    args = parser.parse_args()
    print(
        "| set | pages | CER PDFium | CER pdftotext -raw | CER pdftotext (layout) | extra CJK spaces "
        "| char boxes inside word | bytes added (less font) | PDF time / OCR time |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        s = run_set(name, args.pages)
        print(
            f"| {name} | {s['pages']:.0f} | {s['pdfium']:.4f} | {s['raw']:.4f} | {s['layout']:.4f} "
            f"| {s['gaps']:.0f} | {s['inside']:.3f} | {s['overhead']:.1%} | {s['ratio']:.3f} |"
        )


if __name__ == "__main__":
    main()
