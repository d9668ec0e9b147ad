"""The shipped receipt line model: integrity (manifest sha256), size, loading and predictions."""

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from hanji.clova.document import render_fields
from hanji.core.model_files import ModelIntegrityError, sha256_file
from hanji.core.result import Page
from hanji.documents.receipt import ReceiptExtractor, extract_receipt, rule_picks
from hanji.documents.receipt_features import feature_names, line_features
from hanji.documents.receipt_model import RECEIPT_MODEL, load_line_model, shipped_line_model

DATA = Path(__file__).parents[1] / "data" / "documents"


def _page(name: str) -> Page:
    return Page.from_dict(json.loads((DATA / f"{name}.page.json").read_text()))


def test_manifest_records_the_shipped_sha256() -> None:
    manifest = json.loads((RECEIPT_MODEL.parent / "MANIFEST.json").read_text())
    entry = manifest["models"]["receipt.json"]
    assert entry["sha256"] == sha256_file(RECEIPT_MODEL)
    assert entry["bytes"] == RECEIPT_MODEL.stat().st_size < 1_000_000


def test_model_is_plain_json_with_matching_features() -> None:
    dump = json.loads(RECEIPT_MODEL.read_text())
    assert dump["format"] == "hanji-softmax-v1" and dump["features"] == feature_names()
    assert np.asarray(dump["weights"]).shape == (len(feature_names()), len(dump["classes"]))


def test_tampered_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "receipt.json"
    shutil.copy(RECEIPT_MODEL, copy)
    shutil.copy(RECEIPT_MODEL.parent / "MANIFEST.json", tmp_path / "MANIFEST.json")
    load_line_model(copy)
    copy.write_text(copy.read_text().replace('"bias":[', '"bias":[1.0,', 1))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_line_model(copy)
    (tmp_path / "other.json").write_text("{}")
    with pytest.raises(ModelIntegrityError, match="not listed"):
        load_line_model(tmp_path / "other.json")


def test_model_predicts_on_a_recorded_receipt() -> None:
    page = _page("sroie_118")
    model = shipped_line_model()
    assert model is not None
    probs = model.predict_proba(line_features(page, rule_picks(page)))
    assert probs.shape == (len(page.lines), len(model.classes))
    assert np.allclose(probs.sum(axis=1), 1.0)
    best = {c: page.lines[int(probs[:, k].argmax())].text for k, c in enumerate(model.classes)}
    assert "GIN KEE" in best["company"]
    assert "02/01/2018" in best["date"] or "2018" in best["date"]


def test_model_and_rules_agree_on_clean_fields() -> None:
    page = _page("sroie_118")
    with_model = render_fields(ReceiptExtractor().extract(page))
    rules = render_fields(extract_receipt(page, None))
    assert with_model["storeInfo"]["name"]["text"] == rules["storeInfo"]["name"]["text"]
    assert with_model["totalPrice"]["price"]["formatted"] == {"value": "13.25"}
    assert extract_receipt(Page(0, 10, 10), load_line_model()) == {}
