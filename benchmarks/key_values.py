"""Generic key–value pairing benchmark: ``pair_key_values`` on FUNSD question→answer links.

    python benchmarks/key_values.py [--limit N] [--dir ../shared/data/funsd] [--folds 5]

OCR is not scored: each annotated entity becomes one line made of its annotated words, so the
score is that of the pairing alone. A predicted pair counts when its key words come from the
question entity and its value words from the linked answer entity; pair F1 over all links.

The shipped pair model was trained on all 149 forms, so its figure here is in-sample; ``--folds``
gives the held-out figure: per fold, a model fitted (and thresholded) on the other forms only.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from hanji.documents import pair_key_values
from hanji.documents.key_values import pair_by_rules
from hanji.documents.training.funsd import (
    Score,
    cross_validate,
    cv_table,
    load_forms,
    prepare,
    score_pairs,
)

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "funsd"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--folds", type=int, default=0, help="also cross-validate a fresh model over K folds")
    args = ap.parse_args()
    forms = load_forms(args.dir, limit=args.limit)
    print("| pairer | precision | recall | **pair F1** | notes |\n|---|---|---|---|---|")
    for name, pair, note in (
        ("rules only", pair_by_rules, ""),
        ("shipped model (+ colon rule)", pair_key_values, "; in-sample: trained on these forms"),
    ):
        start = time.perf_counter()
        total = sum((score_pairs(f, pair(f.page)) for f in forms), Score())
        ms = (time.perf_counter() - start) * 1000 / max(len(forms), 1)
        print(
            f"| {name} | {total.precision:.3f} | {total.recall:.3f} | **{total.f1:.3f}** | "
            f"{total.tp}/{total.tp + total.fn} links, {len(forms)} forms, {ms:.0f} ms/form{note} |"
        )
    if args.folds:
        print()
        print("\n".join(cv_table(cross_validate([prepare(f) for f in forms], k=args.folds))))


if __name__ == "__main__":
    main()
