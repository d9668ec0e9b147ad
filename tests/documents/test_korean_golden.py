"""Golden tests for the Korean families on SYNTHETIC pages (recorded OCR in, expected JSON out, no OCR).

The pages were rendered by ``benchmarks/synthetic`` and read by the real default OCR; see
``tests/data/documents/README.md``. Regenerate the expected files after an intended change with
``HANJI_UPDATE_GOLDEN=1 pytest tests/documents/test_korean_golden.py`` and review the diff.
"""

import json
import os
from pathlib import Path

import pytest

from hanji.clova.document import render_fields
from hanji.core.result import Page
from hanji.documents import get_extractor

DATA = Path(__file__).parents[1] / "data" / "documents"
CASES = [
    ("synthetic_biz_license_7", "biz-license"),
    ("synthetic_biz_license_10", "biz-license"),
    ("synthetic_id_card_ic_3", "id-card"),
    ("synthetic_id_card_dl_3", "id-card"),
    ("synthetic_id_card_ac_3", "id-card"),
    ("synthetic_invoice_5", "invoice"),
]


def _load(name: str, suffix: str) -> dict:
    return json.loads((DATA / f"{name}.{suffix}.json").read_text())


@pytest.mark.parametrize(("name", "model"), CASES)
def test_korean_extractor_golden(name: str, model: str) -> None:
    actual = render_fields(get_extractor(model).extract(Page.from_dict(_load(name, "page"))))
    path = DATA / f"{name}.expected.json"
    if os.environ.get("HANJI_UPDATE_GOLDEN"):
        path.write_text(json.dumps(actual, ensure_ascii=False, indent=1) + "\n")
    assert actual == json.loads(path.read_text())


def test_biz_license_golden_meets_the_contract() -> None:
    corp = _load("synthetic_biz_license_7", "expected")
    truth = _load("synthetic_biz_license_7", "truth")
    number = corp["registerNumber"][0]
    assert number["formatted"] == {"value": truth["registerNumber"]} and number["keyText"] == "등록번호"
    assert set(number) == {"text", "formatted", "keyText", "confidenceScore", "boundingPolys", "maskingPolys"}
    assert corp["taxType"][0]["formatted"]["value"] == "법인사업자"
    assert corp["openDate"][0]["formatted"] == dict(
        zip(("year", "month", "day"), truth["openDate"].split("-"), strict=True)
    )
    personal = _load("synthetic_biz_license_10", "expected")
    assert personal["taxType"][0]["formatted"]["value"] == "개인사업자" and "corpName" not in personal
    assert personal["companyName"][0]["keyText"] == "상호"


def test_id_card_goldens_mask_personal_numbers() -> None:
    for name, kind, key in (
        ("ic", "ic", "personalNum"),
        ("dl", "dl", "personalNum"),
        ("ac", "ac", "alienRegNum"),
    ):
        result = _load(f"synthetic_id_card_{name}_3", "expected")
        truth = _load(f"synthetic_id_card_{name}_3", "truth")
        assert result["idtype"] == truth["idtype"] and len(result["rois"]) == 1
        number = result[kind][key][0]
        assert number["formatted"]["value"] == truth[f"{kind}.{key}"]
        assert len(number["maskingPolys"]) >= 1
    dl = _load("synthetic_id_card_dl_3", "expected")["dl"]
    assert dl["num"][0]["formatted"]["value"] == _load("synthetic_id_card_dl_3", "truth")["dl.num"]


def test_invoice_golden_items_and_totals() -> None:
    result, truth = _load("synthetic_invoice_5", "expected"), _load("synthetic_invoice_5", "truth")
    assert result["supplier"]["bizNum"]["formatted"]["value"] == truth["supplier.bizNum"]
    assert result["buyer"]["bizNum"]["formatted"]["value"] == truth["buyer.bizNum"]
    assert len(result["items"]) == sum(k.endswith(".name") for k in truth if k.startswith("items."))
    assert result["totalPrice"]["formatted"]["value"] == truth["totalPrice"]
