"""Recogniser batch size and onnxruntime threads, measured with 1 and 2 OCR calls at a time.

    PYTHONPATH=. .venv/bin/python -m benchmarks.worker_settings [--pages 3] [--rounds 2]

Each setting runs in fresh worker processes (as ``hanji serve`` runs its OCR workers): with
``--concurrency`` 1, one process reads the pages; with 2, two processes read them at once, so
the two cores are shared as under load. A process sets ``HANJI_OCR_THREADS`` and the CTC batch
size before it builds its sessions, warms up on the first page, then reads every page
``--rounds`` times. Reported: median seconds per page (per call), pages per second over all
processes, and each process's peak RSS after warm-up and at the end (MB).
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import resource
import statistics
import time
from pathlib import Path
from typing import Any

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"
PAGES = [("rendered/en", "en"), ("rendered/ja", "ja"), ("sroie", "en")]


def _worker(threads: int, batch: int, pages: int, rounds: int, start: Any, out: Any) -> None:
    os.environ["HANJI_OCR_THREADS"] = str(threads)
    import numpy as np
    from PIL import Image

    import hanji.engines.backends.ctc as ctc
    from hanji.engines import recognize

    ctc.REC_BATCH = batch
    images = []
    for folder, lang in PAGES:
        for path in sorted((SHARED / folder / "img").glob("*.jpg"))[:pages]:
            images.append((np.array(Image.open(path).convert("RGB")), lang))
    for image, lang in images[:: max(1, pages)]:
        recognize(image, [lang])  # sessions built and each language warmed outside the timing
    warm_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    start.wait()
    secs = []
    for _ in range(rounds):
        for image, lang in images:
            began = time.perf_counter()
            recognize(image, [lang])
            secs.append(time.perf_counter() - began)
    out.put((secs, warm_rss, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))


def run(threads: int, batch: int, concurrency: int, pages: int, rounds: int) -> dict[str, float]:
    ctx = mp.get_context("spawn")
    start = ctx.Barrier(concurrency + 1)
    out: Any = ctx.Queue()
    procs = [
        ctx.Process(target=_worker, args=(threads, batch, pages, rounds, start, out))
        for _ in range(concurrency)
    ]
    for p in procs:
        p.start()
    start.wait()
    began = time.perf_counter()
    results = [out.get() for _ in procs]
    wall = time.perf_counter() - began
    for p in procs:
        p.join()
    secs = [s for r in results for s in r[0]]
    return {
        "median_s": statistics.median(secs),
        "pages_per_s": len(secs) / wall,
        "warm_rss": max(r[1] for r in results),
        "end_rss": max(r[2] for r in results),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=int, default=2, help="pages per set (rendered/en, rendered/ja, sroie)")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--threads", default="1,2")
    ap.add_argument("--batches", default="4,8,16")
    ap.add_argument("--concurrency", default="1,2")
    args = ap.parse_args()
    print("| calls at once | threads | batch | median s/call | pages/s (all) | RSS warm MB | RSS end MB |")
    print("|---|---|---|---|---|---|---|")
    for concurrency in (int(c) for c in args.concurrency.split(",")):
        for threads in (int(t) for t in args.threads.split(",")):
            for batch in (int(b) for b in args.batches.split(",")):
                r = run(threads, batch, concurrency, args.pages, args.rounds)
                print(
                    f"| {concurrency} | {threads} | {batch} | {r['median_s']:.2f} | {r['pages_per_s']:.2f} "
                    f"| {r['warm_rss']:.0f} | {r['end_rss']:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
