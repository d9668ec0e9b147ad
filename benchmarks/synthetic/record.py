"""Record golden inputs: render a SYNTHETIC page, run the real OCR, save its Page JSON for tests.

    python -m benchmarks.synthetic.record biz-license 7 [--kind dl] [--out tests/data/documents]
    python -m benchmarks.synthetic.record name-card 1 --kind ja     # ko | ja | en
    python -m benchmarks.synthetic.record invoice 2 --kind en       # ja | en (none: Korean 세금계산서)

Writes ``synthetic_<family>[_<kind>]_<seed>.page.json`` and the renderer's ground truth beside it
(``.truth.json``); the expected extractor output is then written by the golden test's update mode.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from benchmarks.synthetic import biz_license, id_card, invoice, invoice_foreign, medical_receipt, name_card
from hanji.engines.default import recognize


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("family", choices=("biz-license", "id-card", "invoice", "name-card", "medical-receipt"))
    ap.add_argument("seed", type=int)
    ap.add_argument(
        "--kind", choices=("ic", "dl", "ac", "ko", "ja", "en"), default=None, help="id-card kind or language"
    )
    ap.add_argument("--out", type=Path, default=Path("tests/data/documents"))
    args = ap.parse_args()
    rng = random.Random(args.seed)
    if args.family == "id-card":
        doc = id_card.render(rng, args.kind)
    elif args.family == "name-card":
        doc = name_card.render(rng, args.kind)
    elif args.family == "invoice" and args.kind:
        doc = invoice_foreign.render(rng, args.kind)
    else:
        renderers = {"biz-license": biz_license.render, "invoice": invoice.render}
        doc = (renderers | {"medical-receipt": medical_receipt.render})[args.family](rng)
    page = recognize(doc.image, doc.extra.get("languages", ["ko"]))
    stem = "_".join(
        ["synthetic", args.family.replace("-", "_"), *([args.kind] if args.kind else []), str(args.seed)]
    )
    (args.out / f"{stem}.page.json").write_text(json.dumps(page.export(), ensure_ascii=False) + "\n")
    (args.out / f"{stem}.truth.json").write_text(json.dumps(doc.truth, ensure_ascii=False, indent=1) + "\n")
    print(stem)


if __name__ == "__main__":
    main()
