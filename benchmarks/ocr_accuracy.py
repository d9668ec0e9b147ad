"""OCR accuracy and speed of Hanji's default path and each bare engine on ``../shared/data``.

Scores with the box-matched CER of ``../shared/tools/ocr_eval.py`` (imported, not copied) and
prints one table per set: CER, word accuracy, median seconds per page, pages per second and peak
RSS. Each (set, path) runs in a fresh process so RSS and model loading do not leak between rows;
the first page is read once untimed to build the sessions.

    .venv/bin/python -m benchmarks.ocr_accuracy --limit 3
    .venv/bin/python -m benchmarks.ocr_accuracy --sets ko,ja --paths default,hybrid
"""

from __future__ import annotations

import argparse
import importlib.util
import multiprocessing as mp
import os
import resource
import statistics
import time
from pathlib import Path
from types import ModuleType
from typing import Any

SHARED = Path(os.environ.get("HANJI_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SETS = {
    "sroie": "en",
    "sroie@ko": "ko",
    "rendered/ko": "ko",
    "rendered/ja": "ja",
    "rendered/zh": "zh-TW",
    "rendered/en": "en",
}
PATHS = ("default", "ppocr", "tesseract", "hybrid")


def load_scorer() -> ModuleType:
    """Import ``tools/ocr_eval.py`` from the shared folder by path."""
    spec = importlib.util.spec_from_file_location("ocr_eval", SHARED / "tools" / "ocr_eval.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"cannot load {SHARED / 'tools' / 'ocr_eval.py'}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def word_hits(scorer: ModuleType, gt: list[Any], words: list[Any]) -> tuple[int, int]:
    """Reference words found exactly (after the scorer's normalisation) in their line's reading."""
    assigned: list[list[Any]] = [[] for _ in gt]
    for w in scorer.split_words(words):
        cx, cy = (w[0] + w[2]) / 2, (w[1] + w[3]) / 2
        for k, g in enumerate(gt):
            pad = 0.25 * (g[3] - g[1])
            if g[0] - pad <= cx <= g[2] + pad and g[1] - pad <= cy <= g[3] + pad:
                assigned[k].append(w)
                break
    hits = total = 0
    for g, ws in zip(gt, assigned, strict=True):
        pred = [scorer.norm(w[4]) for w in ws]
        for ref in g[4].split():
            total += 1
            token = scorer.norm(ref)
            if token in pred:
                pred.remove(token)
                hits += 1
    return hits, total


def run_one(set_name: str, path: str, limit: int | None) -> dict[str, Any]:
    """Read every image of one set with one path; runs in its own process."""
    import numpy as np
    from PIL import Image

    from hanji.engines import recognize

    scorer = load_scorer()
    folder = SHARED / "data" / set_name.split("@")[0]  # "sroie@ko": the same pages asked for in Korean
    scorer.DIR = str(folder)
    lang = SETS[set_name]
    ids = sorted(p.stem for p in (folder / "img").glob("*.jpg"))[:limit]
    engine = None if path == "default" else path
    dist = ref = hits = words_total = 0
    secs: list[float] = []
    for n, i in enumerate(ids):
        image = np.array(Image.open(folder / "img" / f"{i}.jpg").convert("RGB"))
        if n == 0:
            recognize(image, [lang], engine)  # build sessions outside the timing
        start = time.perf_counter()
        page = recognize(image, [lang], engine)
        secs.append(time.perf_counter() - start)
        words = [(b.left, b.top, b.right, b.bottom, w.text) for w in page.words for b in [w.quad.bbox]]
        gt = scorer.gt_lines(i)
        d, r, _ = scorer.score(gt, words)
        h, t = word_hits(scorer, gt, words)
        dist, ref, hits, words_total = dist + d, ref + r, hits + h, words_total + t
    return {
        "set": set_name,
        "path": path,
        "n": len(ids),
        "cer": dist / max(ref, 1),
        "word_acc": hits / max(words_total, 1),
        "median_s": statistics.median(secs) if secs else 0.0,
        "pages_s": len(secs) / sum(secs) if secs else 0.0,
        "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def table(rows: list[dict[str, Any]]) -> str:
    """Markdown table of one set's rows."""
    out = [
        f"### {rows[0]['set']} ({rows[0]['n']} pages, lang {SETS[rows[0]['set']]})",
        "",
        "| path | CER | word acc | median s/page | pages/s | peak RSS MB |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        out.append(
            f"| {r['path']} | {r['cer']:.3f} | {r['word_acc']:.3f} | {r['median_s']:.2f} | "
            f"{r['pages_s']:.2f} | {r['rss_mb']:.0f} |"
        )
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    ap.add_argument("--paths", default=",".join(PATHS), help="comma-separated, from: " + ", ".join(PATHS))
    ap.add_argument("--limit", type=int, default=None, help="at most N pages per set")
    a = ap.parse_args()
    ctx = mp.get_context("spawn")
    for set_name in a.sets.split(","):
        rows = []
        for path in a.paths.split(","):
            with ctx.Pool(1) as pool:
                rows.append(pool.apply(run_one, (set_name, path, a.limit)))
        print(table(rows), flush=True)


if __name__ == "__main__":
    main()
