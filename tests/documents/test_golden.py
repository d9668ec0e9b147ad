"""Golden tests: recorded OCR pages in, expected extractor JSON out (no OCR runs here).

Regenerate the expected files after an intended change with ``HANJI_UPDATE_GOLDEN=1 pytest``.
"""

import json
import os
from pathlib import Path

import pytest

from hanji.clova.document import render_fields
from hanji.core.result import Page
from hanji.documents import get_extractor, pair_key_values

DATA = Path(__file__).parents[1] / "data" / "documents"
CASES = [
    ("sroie_000", "receipt"),
    ("sroie_118", "receipt"),
    ("credit_card_recorded", "credit-card"),
    ("passport_td3_lines", "passport"),
]


def _check(name: str, actual: object) -> None:
    path = DATA / f"{name}.expected.json"
    if os.environ.get("HANJI_UPDATE_GOLDEN"):
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n")
    assert actual == json.loads(path.read_text())


@pytest.mark.parametrize(("name", "model"), CASES)
def test_extractor_golden(name: str, model: str) -> None:
    page = Page.from_dict(json.loads((DATA / f"{name}.page.json").read_text()))
    _check(name, render_fields(get_extractor(model).extract(page)))


def test_key_values_golden() -> None:
    page = Page.from_dict(json.loads((DATA / "key_values_form.page.json").read_text()))
    pairs = [(kv.key, kv.value) for kv in pair_key_values(page)]
    assert pairs == [("Name", "HONG GILDONG"), ("Phone", "010-1234-5678"), ("Address", "Seoul, Jung-gu 110")]


def test_key_fields_of_golden_receipts() -> None:
    r = json.loads((DATA / "sroie_118.expected.json").read_text())
    assert r["storeInfo"]["name"]["text"] == "SYARIKAT PERNIAGAAN GIN KEE"
    assert r["paymentInfo"]["date"]["formatted"] == {"year": "2018", "month": "01", "day": "02"}
    assert r["totalPrice"]["price"]["formatted"]["value"] == "13.25"
    c = json.loads((DATA / "credit_card_recorded.expected.json").read_text())
    assert c["number"]["formatted"]["value"] == "4539148803436467" and c["company"]["text"] == "Visa"
    p = json.loads((DATA / "passport_td3_lines.expected.json").read_text())
    assert p["mrz"]["valid"] and p["pp"]["num"][0]["text"] == "L898902C3"
    assert p["pp"]["birthDate"][0]["formatted"] == {"year": "1974", "month": "08", "day": "12"}
