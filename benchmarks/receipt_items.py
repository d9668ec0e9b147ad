"""Receipt line items, end to end: SYNTHETIC receipts in five till layouts → Hanji's OCR → the
``receipt`` extractor's ``subResults[].items[]``, scored against the renderer's truth.

    PYTHONPATH=. .venv/bin/python -m benchmarks.receipt_items --n 12
    PYTHONPATH=. .venv/bin/python -m benchmarks.receipt_items --n 12 --seed 99   # other receipts

Per layout: item rows found exactly (every field of the row right, rows matched as a multiset) as
precision / recall / F1, and per field F1 pooled over rows (rows paired in order). The OCR of each
receipt is cached under ``build/receipt_items`` (keyed by seed, layout and index), so extractor
changes rerun in seconds; ``--fresh`` reads every page again.
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter
from pathlib import Path

from benchmarks.documents_synthetic import f1, flatten, normalise
from benchmarks.synthetic.receipt import LAYOUTS, render
from hanji.clova.document import render_fields
from hanji.core.result import Page
from hanji.core.text_reader import PageImage
from hanji.documents import get_extractor
from hanji.engines.default import recognize
from hanji.engines.text_reader import EngineTextReader

CACHE = Path(__file__).resolve().parents[1] / "build" / "receipt_items"
FIELDS = ("name", "count", "code", "price.unitPrice", "price.price")


def rows_of(flat: dict[str, str]) -> list[dict[str, str]]:
    """Item rows from flattened ``subResults.0.items.N.<field>`` keys, in order."""
    rows: dict[int, dict[str, str]] = {}
    for key, value in flat.items():
        parts = key.split(".")
        if len(parts) >= 5 and parts[0] == "subResults" and parts[2] == "items":
            rows.setdefault(int(parts[3]), {})[".".join(parts[4:])] = value
    return [rows[k] for k in sorted(rows)]


def row_key(row: dict[str, str], fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(row.get(f, "") for f in fields)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=12, help="receipts per layout")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--layouts", default=",".join(LAYOUTS))
    ap.add_argument("--fresh", action="store_true", help="ignore the OCR cache")
    ap.add_argument("--show", type=int, default=0, help="print N wrong rows per layout")
    a = ap.parse_args()
    extractor = get_extractor("receipt")
    print("| layout | receipts | rows | row P | row R | **row F1** | " + " | ".join(FIELDS) + " |")
    print("|---|---|---|---|---|---|" + "---|" * len(FIELDS))
    pooled: Counter[str] = Counter()
    for layout in a.layouts.split(","):
        rng = random.Random(f"{a.seed}-{layout}")
        tally: Counter[str] = Counter()
        shown = 0
        for n in range(a.n):
            doc = render(rng, layout)
            cached = CACHE / f"{a.seed}-{layout}-{n}.page.json"
            if cached.is_file() and not a.fresh:
                page = Page.from_dict(json.loads(cached.read_text()))
            else:
                page = recognize(doc.image, doc.extra["languages"])
                cached.parent.mkdir(parents=True, exist_ok=True)
                cached.write_text(json.dumps(page.export(), ensure_ascii=False))
            fields = extractor.extract(page, PageImage(doc.image, EngineTextReader()))
            got = rows_of(flatten(render_fields(fields)))
            want = rows_of({k: normalise(v) for k, v in doc.truth.items()})
            present = tuple(f for f in FIELDS if any(f in r for r in want))
            found = Counter(row_key(r, present) for r in got)
            truth = Counter(row_key(r, present) for r in want)
            tally["tp"] += sum((found & truth).values())
            tally["fp"] += sum((found - truth).values())
            tally["fn"] += sum((truth - found).values())
            tally["rows"] += len(want)
            for k in range(max(len(got), len(want))):
                g, w = (got[k] if k < len(got) else {}), (want[k] if k < len(want) else {})
                for f in present:
                    if w.get(f) and g.get(f) == w.get(f):
                        tally[f"{f}:tp"] += 1
                    else:
                        tally[f"{f}:fp"] += bool(g.get(f))
                        tally[f"{f}:fn"] += bool(w.get(f))
                if g != {f: w[f] for f in present if f in w} and shown < a.show:
                    shown += 1
                    print(f"  {layout} #{n} row {k}: want {w} got {g}")
        pooled.update(tally)
        print(_row(layout, a.n, tally), flush=True)
    print(_row("**all**", a.n * len(a.layouts.split(",")), pooled))


def _row(name: str, receipts: int, t: Counter[str]) -> str:
    p = t["tp"] / max(t["tp"] + t["fp"], 1)
    r = t["tp"] / max(t["tp"] + t["fn"], 1)
    cells = []
    for f in FIELDS:
        if t[f"{f}:tp"] + t[f"{f}:fn"] + t[f"{f}:fp"] == 0:
            cells.append("—")
        else:
            cells.append(f"{f1(t[f'{f}:tp'], t[f'{f}:fp'], t[f'{f}:fn']):.3f}")
    row_f1 = f1(t["tp"], t["fp"], t["fn"])
    return (
        f"| {name} | {receipts} | {t['rows']} | {p:.3f} | {r:.3f} | **{row_f1:.3f}** | "
        + " | ".join(cells)
        + " |"
    )


if __name__ == "__main__":
    main()
