"""``hanji ocr`` reads files offline with the real engines and exports tables."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest
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
