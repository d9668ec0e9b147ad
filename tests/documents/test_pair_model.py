"""The learned key–value pairer: the shipped JSON trees, their integrity check, the numpy booster,
one-to-one decoding, the rules fallback and a smoke fit of ``hanji train pairer``.

The smoke fit runs on synthetic forms written by the test: FUNSD's terms (research and
education, never shipped) keep its forms out of ``tests/data``.
"""

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from typer.testing import CliRunner

from hanji.cli_train import train_app
from hanji.core.model_files import ModelIntegrityError, sha256_file
from hanji.core.result import Line, Page
from hanji.documents import key_values
from hanji.documents.pair_features import feature_names, pair_features
from hanji.documents.pair_model import PAIR_MODEL, PairModel, decode, load_pair_model, shipped_pair_model
from hanji.documents.training.boost import BoostParams, fit_boosted_trees
from hanji.documents.training.funsd import folds, load_forms, prepare
from tests.documents.lines import text_line


def test_manifest_records_the_shipped_sha256() -> None:
    manifest = json.loads((PAIR_MODEL.parent / "MANIFEST.json").read_text())
    entry = manifest["models"]["pairer.json"]
    assert entry["sha256"] == sha256_file(PAIR_MODEL)
    assert entry["bytes"] == PAIR_MODEL.stat().st_size < 1_500_000
    assert entry["trained_on"].startswith("149 FUNSD forms")


def test_shipped_model_is_plain_json_trees_over_these_features() -> None:
    dump = json.loads(PAIR_MODEL.read_text())
    assert dump["format"] == "hanji-gbdt-v1" and dump["features"] == feature_names()
    assert len(dump["trained_on"]) == 149 and 0.0 < dump["threshold"] < 1.0
    tree = dump["trees"][0]
    assert len(tree["feature"]) == len(tree["threshold"]) == len(tree["left"]) == len(tree["value"])
    assert shipped_pair_model() is not None


def test_tampered_model_is_refused(tmp_path: Path) -> None:
    copy = tmp_path / "pairer.json"
    shutil.copy(PAIR_MODEL, copy)
    shutil.copy(PAIR_MODEL.parent / "MANIFEST.json", tmp_path / "MANIFEST.json")
    load_pair_model(copy)
    copy.write_text(copy.read_text().replace('"threshold":', '"threshold": ', 1))
    with pytest.raises(ModelIntegrityError, match="sha256"):
        load_pair_model(copy)


def test_a_model_for_other_features_is_refused() -> None:
    dump = json.loads(PAIR_MODEL.read_text())
    dump["features"] = dump["features"][:-1]
    with pytest.raises(ModelIntegrityError, match="features"):
        PairModel.from_dict(dump)


def test_without_a_model_the_rules_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    page = Page(0, 400, 100, (_line("Phone", 10, 10), _line("555-0100", 100, 10)))
    monkeypatch.setattr(key_values, "shipped_pair_model", lambda: None)
    assert key_values.pair_key_values(page) == key_values.pair_by_rules(page)
    assert [(kv.key, kv.value) for kv in key_values.pair_key_values(page)] == [("Phone", "555-0100")]


def test_decode_is_one_to_one_best_first() -> None:
    keys = np.array([0, 0, 1, 1, 2])
    values = np.array([5, 6, 5, 7, 0])
    scores = np.array([0.9, 0.8, 0.85, 0.6, 0.7])
    # (0,5) wins; key 0 is then taken, value 5 too; (1,7) is next; (2,0) would reuse line 0.
    assert decode(keys, values, scores, 0.5) == [0, 3]
    assert decode(keys, values, scores, 0.95) == []


def test_boosted_trees_learn_an_interaction_and_are_deterministic() -> None:
    rng = np.random.default_rng(3)
    x = rng.uniform(-1, 1, (600, 3))
    y = ((x[:, 0] > 0) ^ (x[:, 1] > 0)).astype(np.float64)  # xor: no linear model separates it
    params = BoostParams(trees=30, depth=3)
    fitted = fit_boosted_trees(x, y, params)
    assert fitted == fit_boosted_trees(x, y, params)
    dump = {"format": "hanji-gbdt-v1", "features": feature_names(), "threshold": 0.5, **fitted}
    accuracy = ((PairModel.from_dict(dump).score(x) > 0.5) == (y > 0.5)).mean()
    assert accuracy > 0.95


def test_candidates_include_right_below_and_not_far_lines() -> None:
    page = Page(
        0,
        1000,
        1000,
        (_line("Name:", 10, 10), _line("Jane", 100, 10), _line("Notes", 10, 60), _line("far", 10, 900)),
    )
    cands = pair_features(page, [0, 1, 2, 3])
    pairs = set(zip(cands.keys.tolist(), cands.values.tolist(), strict=True))
    assert (0, 1) in pairs and (0, 2) in pairs and (0, 3) not in pairs
    assert cands.features.shape == (len(pairs), len(feature_names()))
    assert np.isfinite(cands.features).all()


def _line(text: str, x: float, y: float) -> Line:
    return text_line(text, x, y, char_width=9, gap=7, height=14, confidence=0.95)


_LABELS = ("Name:", "Date:", "Phone:", "City:", "Account No.", "Remarks", "Title:", "Fax:")
_VALUES = ("Jane Smith", "12/03/1998", "555-0100", "Boston", "88123", "Ship by truck", "Manager", "555-0199")


def _entity(eid: int, text: str, x: float, y: float, label: str, linking: list[list[int]]) -> dict[str, Any]:
    words, cx = [], x
    for tok in text.split():
        words.append({"text": tok, "box": [cx, y, cx + 9 * len(tok), y + 14]})
        cx += 9 * len(tok) + 7
    return {
        "id": eid,
        "text": text,
        "box": [x, y, cx, y + 14],
        "label": label,
        "words": words,
        "linking": linking,
    }


def _synthetic_form(seed: int) -> dict[str, Any]:
    """Labels with values right of them or under them, a header and an unlinked note."""
    rng = np.random.default_rng(seed)
    form = [_entity(0, "APPLICATION FORM", 300, 20, "header", [])]
    y = 70.0
    for n, i in enumerate(rng.permutation(len(_LABELS))[:6]):
        q, a = 2 * n + 1, 2 * n + 2
        below = bool(rng.integers(2))
        x = float(rng.integers(20, 400))
        form.append(_entity(q, _LABELS[i], x, y, "question", [[q, a]]))
        vx, vy = (x, y + 22) if below else (x + 9 * len(_LABELS[i]) + 30, y)
        form.append(_entity(a, _VALUES[i], vx, vy, "answer", [[q, a]]))
        y += 70
    form.append(_entity(99, "Thank you for applying", 40, y, "other", []))
    return {"form": form}


def test_train_pairer_fits_synthetic_forms(tmp_path: Path) -> None:
    data = tmp_path / "funsd"
    (data / "annotations").mkdir(parents=True)
    for n in range(4):
        (data / "annotations" / f"{n:04d}.json").write_text(json.dumps(_synthetic_form(n)))
    out = tmp_path / "models" / "pairer.json"
    result = CliRunner().invoke(
        train_app, ["pairer", "--data", str(data), "--out", str(out), "--trees", "20"]
    )
    assert result.exit_code == 0, result.output
    assert "wrote" in result.output and "4 forms" in result.output
    model = load_pair_model(out)  # its sha256 went into the MANIFEST.json beside it
    assert json.loads((out.parent / "MANIFEST.json").read_text())["models"]["pairer.json"]["bytes"] > 0
    entities = {e["id"]: e for e in _synthetic_form(0)["form"]}
    truth = {(entities[q]["text"].strip(" :"), entities[q + 1]["text"]) for q in range(1, 12, 2)}
    pairs = {(kv.key, kv.value) for kv in key_values.pair_key_values(load_forms(data)[0].page, model)}
    assert len(pairs & truth) >= 4


def test_folds_are_fixed_and_balanced() -> None:
    items = list(range(149))
    fold = folds(items)
    assert fold == folds(items) and sorted(np.bincount(fold).tolist()) == [29, 30, 30, 30, 30]


def test_prepared_candidates_label_the_linked_pair(tmp_path: Path) -> None:
    (tmp_path / "annotations").mkdir()
    (tmp_path / "annotations" / "0001.json").write_text(json.dumps(_synthetic_form(1)))
    (prepared,) = [prepare(f) for f in load_forms(tmp_path)]
    assert prepared.labels.sum() == 6 and len(prepared.labels) == len(prepared.plan.candidates.keys)
