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
from hanji.documents.receipt_model import (
    RECEIPT_MODEL,
    line_model_from_dict,
    load_line_model,
    shipped_line_model,
)

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
    assert dump["format"] == "hanji-gbdt-lines-v1" and dump["features"] == feature_names()
    assert set(dump["ensembles"]) == set(dump["classes"][1:])
    for ensemble in dump["ensembles"].values():
        assert all(max(tree["feature"]) < len(feature_names()) for tree in ensemble["trees"])


def test_tampered_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "receipt.json"
    shutil.copy(RECEIPT_MODEL, copy)
    shutil.copy(RECEIPT_MODEL.parent / "MANIFEST.json", tmp_path / "MANIFEST.json")
    load_line_model(copy)
    copy.write_text(copy.read_text().replace('"base":', '"base":1', 1))
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
    assert ((probs >= 0) & (probs <= 1)).all()
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


def test_the_softmax_baseline_loads_and_unknown_formats_are_refused() -> None:
    n_features, classes = len(feature_names()), ["other", "company", "address", "date", "total"]
    softmax = {
        "format": "hanji-softmax-v1",
        "classes": classes,
        "features": feature_names(),
        "mean": [0.0] * n_features,
        "scale": [1.0] * n_features,
        "weights": [[0.0] * len(classes)] * n_features,
        "bias": [0.0] * len(classes),
    }
    probs = line_model_from_dict(softmax).predict_proba(np.zeros((3, n_features)))
    assert np.allclose(probs, 0.2)
    with pytest.raises(ModelIntegrityError, match="not known"):
        line_model_from_dict({**softmax, "format": "pickle"})
    with pytest.raises(ModelIntegrityError, match="features differ"):
        line_model_from_dict({**softmax, "features": ["x"]})
