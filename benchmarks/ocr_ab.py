"""Speed of the default path against a previous revision, page by page, alternated.

On a shared 2-core machine wall time drifts by 2x over minutes, so two paths timed one after the
other can differ by the drift alone. Here two warm worker processes — this tree and the revision
given — read the same page in turn (which goes first alternates), and the ratio of medians is
reported per set. Pages come from ``../shared/data`` sets and from ``benchmarks.photo_pages`` sets.

    .venv/bin/python -m benchmarks.ocr_ab --baseline 17b8820 --sets rendered/ko,sroie --limit 6
    .venv/bin/python -m benchmarks.ocr_ab --baseline 17b8820 --sets photo:tune/ko-photo --limit 6
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import statistics
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from benchmarks.ocr_accuracy import SETS, SHARED

REPO = Path(__file__).resolve().parents[1]
PHOTO_LANGS = {"ko": "ko", "ja": "ja", "zh": "zh-TW", "en": "en"}


def _worker(src: str, conn: Connection) -> None:
    """Read pages sent over ``conn`` with the default path of the tree at ``src``; answer seconds."""
    sys.path.insert(0, src)
    import numpy as np
    from PIL import Image

    from hanji.engines import recognize

    while True:
        job = conn.recv()
        if job is None:
            return
        path, lang = job
        image = np.array(Image.open(path).convert("RGB"))
        start = time.perf_counter()
        recognize(image, [lang])
        conn.send(time.perf_counter() - start)


def _pages(name: str, limit: int) -> tuple[list[Path], str]:
    if name.startswith("photo:"):
        folder = REPO / "benchmarks" / "out" / "photo" / name.removeprefix("photo:")
        lang = PHOTO_LANGS[folder.name.split("-")[0]]
    else:
        folder = SHARED / "data" / name.split("@")[0]
        lang = SETS[name]
    pages = sorted((folder / "img").glob("*.jpg"))[:limit]
    if not pages:
        raise SystemExit(f"no pages in {folder}: generate them (benchmarks.photo_pages) or check ../shared")
    return pages, lang


def _worktree(rev: str) -> Path:
    tree = Path(f"/tmp/hanji-baseline-{rev}")
    if not tree.exists():
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), rev], check=True)
    return tree


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", required=True, help="git revision to compare against")
    ap.add_argument("--sets", default="rendered/ko,rendered/ja,rendered/zh,rendered/en,sroie")
    ap.add_argument("--limit", type=int, default=6)
    ap.add_argument("--repeat", type=int, default=2)
    a = ap.parse_args()
    ctx = mp.get_context("spawn")
    trees = {"default": REPO / "src", f"previous ({a.baseline})": _worktree(a.baseline) / "src"}
    conns: dict[str, Connection] = {}
    procs: list[Any] = []
    for name, src in trees.items():
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_worker, args=(str(src), child), daemon=True)
        proc.start()
        conns[name], procs = parent, [*procs, proc]
    print(f"`python -m benchmarks.ocr_ab {' '.join(sys.argv[1:])}`\n")
    print("| set | pages×rep | default s/page | previous s/page | default / previous |")
    print("|---|---|---|---|---|")
    for set_name in a.sets.split(","):
        pages, lang = _pages(set_name, a.limit)
        for conn in conns.values():  # warm both: sessions, caches, first-page costs
            conn.send((str(pages[0]), lang))
            conn.recv()
        times: dict[str, list[float]] = {name: [] for name in conns}
        order = list(conns)
        for rep in range(a.repeat):
            for k, page in enumerate(pages):
                turn = order if (k + rep) % 2 == 0 else order[::-1]
                for name in turn:
                    conns[name].send((str(page), lang))
                    times[name].append(conns[name].recv())
        new, old = (statistics.median(times[name]) for name in order)
        row = f"| {set_name} | {len(pages)}×{a.repeat} | {new:.2f} | {old:.2f} | {new / old:.2f} |"
        print(row, flush=True)
    for conn in conns.values():
        conn.send(None)
    for proc in procs:
        proc.join(timeout=10)


if __name__ == "__main__":
    main()
