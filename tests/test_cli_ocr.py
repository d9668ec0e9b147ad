"""``hanji ocr`` reads files offline with the real engines and exports tables."""

from __future__ import annotations

import io
import json
from pathlib import Path

import openpyxl
import pypdfium2 as pdfium
import pytest
from PIL import Image
from typer.testing import CliRunner

from hanji.cli import app

DATA = Path(__file__).resolve().parent / "data"
runner = CliRunner()
pytestmark = pytest.mark.slow


def test_text_json_and_clova_output() -> None:
    receipt = str(DATA / "ocr" / "en_receipt.jpg")
    text = runner.invoke(app, ["ocr", receipt, "--lang", "en"])
    assert text.exit_code == 0, text.output
    assert "JOHOR BAHRU" in text.output.upper()
    tree = json.loads(runner.invoke(app, ["ocr", receipt, "--lang", "en", "--format", "json"]).output)
    assert tree["pages"][0]["width"] > 0 and tree["pages"][0]["lines"]
    clova = json.loads(runner.invoke(app, ["ocr", receipt, "--lang", "en", "--format", "clova"]).output)
    assert clova["images"][0]["inferResult"] == "SUCCESS" and clova["images"][0]["fields"]


def test_bad_arguments_say_what_to_do(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["ocr", str(tmp_path / "nope.png")])
    assert missing.exit_code == 2 and "no such file" in missing.output
    bad_lang = runner.invoke(app, ["ocr", str(DATA / "ocr" / "ko_cldr.jpg"), "--lang", "xx"])
    assert bad_lang.exit_code == 2 and "unknown language" in bad_lang.output
    no_tables = runner.invoke(app, ["ocr", str(DATA / "ocr" / "ko_cldr.jpg"), "--format", "csv"])
    assert no_tables.exit_code == 2 and "--tables" in no_tables.output
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"not an image at all")
    unreadable = runner.invoke(app, ["ocr", str(junk)])
    assert unreadable.exit_code == 1 and "0011" in unreadable.output


def test_tables_export_csv_and_xlsx(tmp_path: Path) -> None:
    image = next(p for p in sorted((DATA / "tables").glob("*.png")) if "ruled" in p.name)
    csv_out = runner.invoke(app, ["ocr", str(image), "--lang", "en,ko", "--tables", "--format", "csv"])
    assert csv_out.exit_code == 0, csv_out.output
    assert csv_out.output.count(",") >= 4
    written = runner.invoke(
        app, ["ocr", str(image), "--lang", "en,ko", "--tables", "--format", "xlsx", "--out", str(tmp_path)]
    )
    assert written.exit_code == 0, written.output
    workbook = openpyxl.load_workbook(tmp_path / f"{image.stem}.xlsx")
    assert len(workbook.sheetnames) >= 1
    assert workbook[workbook.sheetnames[0]].max_row >= 2


def test_searchable_pdf_output(tmp_path: Path) -> None:
    pages = [Image.open(DATA / "ocr" / name).convert("RGB") for name in ("ko_cldr.jpg", "en_receipt.jpg")]
    tiff = tmp_path / "scan.tif"
    pages[0].save(tiff, save_all=True, append_images=pages[1:], dpi=(150, 150))
    korean = str(DATA / "ocr" / "ko_cldr.jpg")
    out = tmp_path / "out"
    done = runner.invoke(
        app, ["ocr", korean, str(tiff), "--lang", "ko,en", "--format", "pdf", "--out", str(out)]
    )
    assert done.exit_code == 0, done.output
    written = pdfium.PdfDocument(out / "scan.pdf")
    assert len(written) == 2
    assert "JOHOR" in written[1].get_textpage().get_text_range()
    assert written[0].get_size() == pytest.approx((pages[0].width * 72 / 150, pages[0].height * 72 / 150))
    alone = runner.invoke(app, ["ocr", korean, "--format", "pdf"])
    assert alone.exit_code == 0
    text = pdfium.PdfDocument(io.BytesIO(alone.stdout_bytes))[0].get_textpage().get_text_range()
    assert "인도네시아" in text
    assert (out / "ko_cldr.pdf").read_bytes()[:5] == b"%PDF-"
    several = runner.invoke(app, ["ocr", korean, str(tiff), "--format", "pdf"])
    assert several.exit_code == 2 and "--out" in several.output
