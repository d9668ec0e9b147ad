"""SYNTHETIC document benchmark (ko, ja, en): render → real OCR (``hanji.engines.default``) → extract → F1.

    python benchmarks/documents_synthetic.py [--n 20] [--families biz-license,name-card] [--seed 2026]

Also run as the ``korean`` section of ``benchmarks/documents.py``. Fields are compared exactly after
normalisation (NFKC, whitespace removed; each page read in its renderer's languages,
``doc.extra["languages"]``, default Korean; dates as ``YYYY-MM-DD``; the extractor's ``formatted`` value
is scored where it has one). A field the truth lacks but the extractor reports counts as a false positive.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from hanji.clova.document import render_fields

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from functools import partial

from benchmarks.synthetic import biz_license, id_card, invoice, invoice_foreign, medical_receipt, name_card
from benchmarks.synthetic.common import SyntheticDoc
from hanji.core.text_reader import PageImage
from hanji.documents import get_extractor
from hanji.engines.default import recognize
from hanji.engines.text_reader import EngineTextReader

RENDERERS: dict[str, Callable[[random.Random], SyntheticDoc]] = {
    "biz-license": biz_license.render,
    "id-card": id_card.render,
    "invoice": invoice.render,
    "name-card": name_card.render,
    "medical-receipt": medical_receipt.render,
    "invoice-ja": partial(invoice_foreign.render, lang="ja"),
    "invoice-en": partial(invoice_foreign.render, lang="en"),
}
MODELS = {"invoice-ja": "invoice", "invoice-en": "invoice"}
"""Families scored with another family's extractor (the URL model name); the rest are their own."""


def normalise(value: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


def _leaf(vo: dict[str, Any]) -> str:
    f = vo.get("formatted") or {}
    if "start" in f:  # a period (medicalReceipt.visitDate)
        return "~".join(f"{d['year']}-{d['month']}-{d['day']}" for d in (f["start"], f["end"]))
    if "year" in f:
        return f"{f['year']}-{f.get('month', '')}-{f.get('day', '')}"
    return str(f.get("value", vo.get("text", "")))


def flatten(result: Any, prefix: str = "") -> dict[str, str]:
    """``{"ic.name": "홍길동", "items.0.count": "2", …}``: first value object of each leaf list."""
    out: dict[str, str] = {}
    if isinstance(result, dict):
        if "text" in result and "boundingPolys" in result:
            return {prefix: normalise(_leaf(result))}
        for k, v in result.items():
            if k in ("rois", "isConfident"):
                continue
            out.update(flatten(v, f"{prefix}.{k}" if prefix else k))
    elif isinstance(result, list) and result:
        if isinstance(result[0], dict) and "text" in result[0]:
            return flatten(result[0], prefix)
        for i, item in enumerate(result):
            out.update(flatten(item, f"{prefix}.{i}"))
    elif isinstance(result, str):
        out[prefix] = normalise(result)
    return out


def f1(tp: int, fp: int, fn: int) -> float:
    return 2 * tp / max(2 * tp + fp + fn, 1)


def score_family(model: str, n: int, seed: int) -> tuple[dict[str, list[int]], float]:
    """Per-field [tp, fp, fn] over ``n`` rendered pages, and seconds per page (render + OCR + extract)."""
    rng = random.Random(f"{seed}-{model}")
    extractor = get_extractor(MODELS.get(model, model))
    counts: dict[str, list[int]] = {}
    start = time.perf_counter()
    for _ in range(n):
        doc = RENDERERS[model](rng)
        pred = flatten(
            render_fields(
                extractor.extract(
                    recognize(doc.image, doc.extra.get("languages", ["ko"])),
                    PageImage(doc.image, EngineTextReader()),
                )
            )
        )
        gold = {k: normalise(v) for k, v in doc.truth.items() if v}
        for field in sorted(set(gold) | set(pred)):
            # Items are scored by column name, pooled over rows.
            c = counts.setdefault(re.sub(r"\.\d+\.", ".*.", field), [0, 0, 0])
            g, p = gold.get(field, ""), pred.get(field, "")
            if g and p == g:
                c[0] += 1
            else:
                c[1] += bool(p)
                c[2] += bool(g)
    return counts, (time.perf_counter() - start) / max(n, 1)


def bench_korean(n: int, families: list[str], seed: int = 2026) -> list[tuple[str, str, str]]:
    """Table rows (metric, value, notes) for each family: per-field F1, then the pooled F1."""
    rows: list[tuple[str, str, str]] = []
    for model in families:
        counts, secs = score_family(model, n, seed)
        for field, c in sorted(counts.items()):
            rows.append((f"SYNTHETIC {model} {field} F1", f"{f1(*c):.3f}", f"tp={c[0]} fp={c[1]} fn={c[2]}"))
        tot = [sum(c[i] for c in counts.values()) for i in range(3)]
        note = f"n={n} rendered, {secs:.1f} s/page incl. render + OCR"
        rows.append((f"**SYNTHETIC {model} overall F1**", f"**{f1(*tot):.3f}**", note))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20, help="pages per family")
    ap.add_argument("--families", default=",".join(RENDERERS))
    ap.add_argument("--seed", type=int, default=2026)
    args = ap.parse_args()
    print("| metric | value | notes |\n|---|---|---|")
    for row in bench_korean(args.n, args.families.split(","), args.seed):
        print(f"| {row[0]} | {row[1]} | {row[2]} |", flush=True)


if __name__ == "__main__":
    main()
