"""Receipt key fields by cross-validation over every SROIE receipt we hold, through Hanji's own OCR.

    PYTHONPATH=. .venv/bin/python -m benchmarks.receipts_cv [--folds 5] [--cache build/sroie_pages]

Each receipt of ``../shared/data/sroie`` (100) and ``../shared/data/sroie-train`` (250) is read
once by ``hanji.engines.recognize(image, ["en"])`` (what a General or ``document/receipt`` call
reads; the Page JSON is kept under ``--cache``). The receipts are dealt into folds with a fixed
seed; on each held-out fold the rules alone and a line model of each learner fitted on the other
folds are scored (SROIE key fields, exact match after normalisation). The table gives per-field F1
as mean ± std over the folds.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import cv2
import numpy as np

from hanji.core.result import Page
from hanji.documents.training.sroie import LEARNERS, cross_validate, cv_table, load_examples

DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def read_page(image_path: Path, cache: Path) -> Page:
    """The receipt as Hanji reads it, from ``cache`` when it was read before."""
    recorded = cache / f"{image_path.stem}.page.json"
    if recorded.exists():
        return Page.from_dict(json.loads(recorded.read_text()))
    from hanji.engines import recognize

    bgr = cv2.imread(str(image_path))
    if bgr is None:
        raise SystemExit(f"cannot read {image_path}")
    page = recognize(np.ascontiguousarray(bgr[:, :, ::-1]), ["en"])
    cache.mkdir(parents=True, exist_ok=True)
    recorded.write_text(json.dumps(page.export(), ensure_ascii=False))
    return page


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, nargs="+", default=[DATA / "sroie", DATA / "sroie-train"])
    ap.add_argument("--cache", type=Path, default=Path("build/sroie_pages"))
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--learners", default=",".join(LEARNERS))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    started = time.perf_counter()
    examples = load_examples(args.data, lambda p: read_page(p, args.cache), limit=args.limit)
    print(f"{len(examples)} receipts from {', '.join(str(d) for d in args.data)}")
    learners = tuple(name for name in args.learners.split(",") if name)
    for row in cv_table(cross_validate(examples, args.folds, learners)):  # type: ignore[arg-type]
        print(row)
    print(f"\n({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()
