"""Generic key–value pairing benchmark: ``pair_key_values`` on FUNSD question→answer links.

    python benchmarks/key_values.py [--limit N] [--dir ../shared/data/funsd]

OCR is not scored: each annotated entity becomes one line made of its annotated words, so the
score is that of the pairing alone. A predicted pair counts when its key words come from the
question entity and its value words from the linked answer entity; pair F1 over all links.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Any

from hanji.core.geometry import Box
from hanji.core.result import Line, Page, Word
from hanji.documents import pair_key_values

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "funsd"


def funsd_page(
    form: list[dict[str, Any]], width: int = 1000, height: int = 1000
) -> tuple[Page, dict[int, int]]:
    """A Page with one line per entity, and a map from ``id(word)`` to the entity id."""
    lines: list[Line] = []
    owner: dict[int, int] = {}
    for entity in sorted(form, key=lambda e: (e["box"][1], e["box"][0])):
        words = []
        for w in entity["words"]:
            x0, y0, x1, y1 = w["box"]
            if not w["text"].strip() or x1 <= x0 or y1 <= y0:
                continue
            word = Word(w["text"], Box(x0, y0, x1, y1).to_quad(), 1.0)
            owner[id(word)] = entity["id"]
            words.append(word)
        if words:
            lines.append(Line(tuple(words)))
    return Page(0, width, height, tuple(lines)), owner


def truth_pairs(form: list[dict[str, Any]]) -> set[tuple[int, int]]:
    """(question id, answer id) links."""
    label = {e["id"]: e["label"] for e in form}
    pairs = set()
    for e in form:
        for a, b in e.get("linking", []):
            if label.get(a) == "question" and label.get(b) == "answer":
                pairs.add((a, b))
    return pairs


def predicted_pairs(page: Page, owner: dict[int, int]) -> set[tuple[int, int]]:
    """(key entity, value entity) of every pair, each side's majority entity by word count."""
    out = set()
    for kv in pair_key_values(page):
        if not kv.key_words or not kv.value_words:
            continue
        key = Counter(owner.get(id(w), -1) for w in kv.key_words).most_common(1)[0][0]
        value = Counter(owner.get(id(w), -1) for w in kv.value_words).most_common(1)[0][0]
        out.add((key, value))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dir", type=Path, default=DATA)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    tp = fp = fn = 0
    files = sorted((args.dir / "annotations").glob("*.json"))[: args.limit]
    start = time.perf_counter()
    for path in files:
        form = json.loads(path.read_text())["form"]
        page, owner = funsd_page(form)
        gold, pred = truth_pairs(form), predicted_pairs(page, owner)
        tp += len(gold & pred)
        fp += len(pred - gold)
        fn += len(gold - pred)
    ms = (time.perf_counter() - start) * 1000 / max(len(files), 1)
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    f1 = 2 * tp / max(2 * tp + fp + fn, 1)
    print("| metric | value | notes |\n|---|---|---|")
    print(f"| FUNSD pair precision | {precision:.3f} | {tp}/{tp + fp} predicted pairs |")
    print(f"| FUNSD pair recall | {recall:.3f} | {tp}/{tp + fn} question→answer links |")
    print(
        f"| **FUNSD pair F1** | **{f1:.3f}** | {len(files)} forms, annotation words as OCR, "
        f"{ms:.0f} ms/form |"
    )


if __name__ == "__main__":
    main()
