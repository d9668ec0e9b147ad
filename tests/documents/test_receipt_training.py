"""Training pieces: labels from key fields, the numpy softmax fit, the fixed split, the CLI."""

import json
import shutil
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from hanji.cli_train import train_app
from hanji.core.geometry import Box
from hanji.core.result import Line, Page, Word
from hanji.documents.receipt_model import line_model_from_dict, load_line_model
from hanji.documents.training.fit import fit_softmax
from hanji.documents.training.labels import CLASSES, label_lines
from hanji.documents.training.score import score
from hanji.documents.training.sroie import Example, evaluate, folds, train_line_model

DATA = Path(__file__).parents[1] / "data" / "documents"


def _line(text: str, y: float) -> Line:
    words, x = [], 10.0
    for tok in text.split():
        words.append(Word(tok, Box(x, y, x + 10 * len(tok), y + 12).to_quad(), 0.9))
        x += 10 * len(tok) + 8
    return Line(tuple(words))


def test_labels_follow_the_truth_fields() -> None:
    texts = [
        "ABC TRADING SDN BHD",
        "NO 5, JALAN BESAR",
        "43000 KAJANG",
        "DATE: 02/01/2018",
        "TOTAL 13.25",
        "THANK",
    ]
    page = Page(0, 400, 400, tuple(_line(t, 20.0 * i) for i, t in enumerate(texts)))
    truth = {
        "company": "ABC TRADING SDN BHD",
        "address": "NO 5, JALAN BESAR, 43000 KAJANG",
        "date": "02/01/2018",
        "total": "13.25",
    }
    got = [CLASSES[k] for k in label_lines(page, truth)]
    assert got == ["company", "address", "address", "date", "total", "other"]


def test_fit_softmax_separates_a_toy_problem() -> None:
    rng = np.random.default_rng(0)
    y = np.repeat([0, 1, 2], 30)
    x = np.column_stack([y + rng.normal(0, 0.1, 90), rng.normal(0, 1, 90)])
    m = fit_softmax(x, y, 3, steps=500)
    pred = (((x - m.mean) / m.scale) @ m.weights + m.bias).argmax(axis=1)
    assert (pred == y).mean() > 0.95


def test_folds_are_fixed_by_id_and_balanced() -> None:
    ids = (9, 3, 5, 1, 7, 2, 8, 4, 6, 0)
    examples = [Example(f"{i:03d}", Page(0, 1, 1), {}) for i in ids]
    fold = folds(examples, 5)
    assert sorted(fold.count(n) for n in range(5)) == [2] * 5
    # The deal follows the IDs, not the order the receipts came in.
    reordered = sorted(examples, key=lambda e: e.id)
    by_id = dict(zip((e.id for e in examples), fold, strict=True))
    assert [by_id[e.id] for e in reordered] == folds(reordered, 5)


def test_boosted_trees_learn_which_line_is_which_field() -> None:
    rng = np.random.default_rng(3)
    examples = []
    for n in range(12):
        amount = f"{rng.integers(2, 90)}.{rng.integers(10, 99)}"
        texts = [
            f"SHOP {n} TRADING SDN BHD",
            f"NO {n}, JALAN BESAR",
            f"4300{n % 10} KAJANG",
            f"DATE: {n % 27 + 1:02d}/01/2018",
            f"ITEM A {rng.integers(1, 9)}.00",
            f"TOTAL {amount}",
            "THANK YOU",
        ]
        page = Page(0, 400, 400, tuple(_line(t, 20.0 * i) for i, t in enumerate(texts)))
        truth = {
            "company": texts[0],
            "address": f"{texts[1]} {texts[2]}",
            "date": f"{n % 27 + 1:02d}/01/2018",
            "total": amount,
        }
        examples.append(Example(f"{n:03d}", page, truth))
    dump = train_line_model(examples[:8], "boost")
    assert train_line_model(examples[:8], "boost") == dump  # no sampling: the same data, the same trees
    assert dump["format"] == "hanji-gbdt-lines-v1" and set(dump["ensembles"]) == set(CLASSES[1:])
    model = line_model_from_dict(json.loads(json.dumps(dump)))
    held = evaluate(examples[8:], model)
    assert held["overall"] == 1.0, held


def test_score_counts_wrong_answers_both_ways() -> None:
    truth = {"company": "A", "date": "1/1/2018", "address": "X", "total": "9.00"}
    pred = {"company": "A", "date": "", "address": "Y", "total": "RM 9.00"}
    s = score([(truth, pred)])
    assert s["company"] == s["total"] == 1.0 and s["date"] == 0.0 and s["address"] == 0.0


def test_train_command_on_recorded_pages(tmp_path: Path) -> None:
    pages, key = tmp_path / "pages", tmp_path / "sroie" / "key"
    pages.mkdir()
    key.mkdir(parents=True)
    for rid in ("000", "118"):
        shutil.copy(DATA / f"sroie_{rid}.page.json", pages / f"{rid}.page.json")
    key.joinpath("000.json").write_text(
        json.dumps(
            {
                "company": "BOOK TA .K (TAMAN DAYA) SDN BHD",
                "date": "25/12/2018",
                "address": "",
                "total": "9.00",
            }
        )
    )
    key.joinpath("118.json").write_text(
        json.dumps(
            {"company": "SYARIKAT PERNIAGAAN GIN KEE", "date": "02/01/2018", "address": "", "total": "13.25"}
        )
    )
    out = tmp_path / "models" / "receipt.json"
    args = ["receipt", "--data", str(tmp_path / "sroie"), "--pages", str(pages), "--out", str(out)]
    result = CliRunner().invoke(train_app, [*args, "--folds", "2"])
    assert result.exit_code == 0, result.output
    assert "2 held-out folds, 2 receipts" in result.output and "| boost |" in result.output
    assert "rules+boost" in result.output and "sha256" in result.output
    assert load_line_model(out).classes == CLASSES
    manifest = json.loads((out.parent / "MANIFEST.json").read_text())
    assert manifest["models"]["receipt.json"]["trained_on"] == "2 SROIE receipts"


def test_train_command_says_what_is_wrong(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    (empty / "key").mkdir(parents=True)
    result = CliRunner().invoke(
        train_app, ["receipt", "--data", str(empty), "--out", str(tmp_path / "m.json")]
    )
    assert result.exit_code == 2 and "no key/*.json under" in result.output
    result = CliRunner().invoke(
        train_app, ["receipt", "--data", str(empty), "--learner", "forest", "--out", str(tmp_path / "m.json")]
    )
    assert result.exit_code == 2 and "--learner must be one of boost, softmax" in result.output
