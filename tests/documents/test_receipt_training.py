"""Training pieces: labels from key fields, the numpy softmax fit, the fixed split, the CLI."""

import json
import shutil
from pathlib import Path

import numpy as np
from typer.testing import CliRunner

from hanji.cli_train import train_app
from hanji.core.geometry import Box
from hanji.core.result import Line, Page, Word
from hanji.documents.receipt_model import load_line_model
from hanji.documents.training.fit import fit_softmax
from hanji.documents.training.labels import CLASSES, label_lines
from hanji.documents.training.score import score
from hanji.documents.training.sroie import Example, split

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


def test_split_is_fixed_by_sorted_id() -> None:
    examples = [Example(f"{i:03d}", Page(0, 1, 1), {}) for i in (9, 3, 5, 1, 7, 2, 8, 4, 6, 0)]
    train, held = split(examples)
    assert [e.id for e in train] == [f"{i:03d}" for i in range(7)]
    assert [e.id for e in held] == ["007", "008", "009"]


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
    result = CliRunner().invoke(train_app, args)
    assert result.exit_code == 0, result.output
    assert "held-out rules+model" in result.output and "sha256" in result.output
    assert load_line_model(out).classes == CLASSES
