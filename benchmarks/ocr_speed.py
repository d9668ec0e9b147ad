"""Where the default OCR path spends its time: wall and CPU seconds per page, by stage.

For each set of ``../shared/data`` the default path (``hanji.engines.recognize(image, [lang])``)
reads every page ``--repeat`` times in a fresh process (sessions built and warmed outside the
timing). Per page it records wall time (``perf_counter``) and process CPU time
(``process_time``: all threads, onnxruntime's and Tesseract's included), and splits both by stage:

- ``orient``: the orientation probe (``detect_rotation``: line probes, plus its own small detector
  pass where the engine's full pass is not reused),
- ``detect``: the detector passes (on an upright page one, which also feeds the probe),
- ``rec``: PP-OCR's recogniser on line crops,
- ``tess``: Tesseract line reading outside the probe (Korean lines),
- ``order``: reading order,
- ``other``: the rest (crops, colour conversion, result building).

A stage is timed only when no other stage encloses it, so the columns add up to the total. On a
shared machine compare CPU seconds first: wall time also counts waiting for a core.

    .venv/bin/python -m benchmarks.ocr_speed --limit 3 --repeat 3
    .venv/bin/python -m benchmarks.ocr_speed --sets rendered/ko --repeat 5
    .venv/bin/python -m benchmarks.ocr_speed --orientation   # 64 turned pages, probe vs full pass
"""

from __future__ import annotations

import argparse
import functools
import multiprocessing as mp
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

SHARED = Path(os.environ.get("HANJI_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))
SETS = {
    "rendered/ko": "ko",
    "rendered/ja": "ja",
    "rendered/zh": "zh-TW",
    "rendered/en": "en",
    "sroie": "en",
    "sroie@ko": "ko",  # the same receipts sent to a Korean domain
}
STAGES = ("orient", "detect", "rec", "tess", "order")


class StageClock:
    """Wall and CPU seconds per stage; only the outermost timed call counts."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self.cpu: dict[str, float] = dict.fromkeys(STAGES, 0.0)
        self._depth = 0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        self._depth += 1
        outer = self._depth == 1
        w, c = time.perf_counter(), time.process_time()
        try:
            yield
        finally:
            self._depth -= 1
            if outer:
                self.wall[name] += time.perf_counter() - w
                self.cpu[name] += time.process_time() - c

    def reset(self) -> None:
        for d in (self.wall, self.cpu):
            for k in d:
                d[k] = 0.0

    def wrap(self, owner: Any, attr: str, name: str) -> None:
        """Replace ``owner.attr`` with a timed version of itself."""
        inner: Callable[..., Any] = getattr(owner, attr)

        @functools.wraps(inner)
        def timed(*args: Any, **kwargs: Any) -> Any:
            with self.stage(name):
                return inner(*args, **kwargs)

        setattr(owner, attr, timed)


def instrument(clock: StageClock) -> None:
    """Wrap the stages where the engines call them (backend classes and the orienter)."""
    from hanji.engines import composed, orientation
    from hanji.engines.backends import ppocr, tesseract

    clock.wrap(orientation.Orienter, "rotation", "orient")
    clock.wrap(ppocr.PpOcrDetector, "detect", "detect")
    clock.wrap(ppocr.PpOcrRecognizer, "recognize", "rec")
    clock.wrap(tesseract.TesseractLineRecognizer, "recognize", "tess")
    clock.wrap(composed, "order_lines", "order")


def run_set(set_name: str, limit: int | None, repeat: int) -> dict[str, Any]:
    """Time every page of one set ``repeat`` times; runs in its own process."""
    import numpy as np
    from PIL import Image

    import hanji.engines
    from hanji.engines import recognize

    clock = StageClock()
    instrument(clock)
    folder = SHARED / "data" / set_name.split("@")[0]
    lang = SETS[set_name]
    ids = sorted(p.stem for p in (folder / "img").glob("*.jpg"))[:limit]
    images = [np.array(Image.open(folder / "img" / f"{i}.jpg").convert("RGB")) for i in ids]
    start = time.perf_counter()
    if hasattr(hanji.engines, "warm_up"):  # older trees (A/B runs against a checkout) lack it
        hanji.engines.warm_up([lang])
    warm_s = time.perf_counter() - start
    recognize(images[0], [lang])  # first real page: allocator and caches
    pages: list[dict[str, float]] = []
    for _ in range(repeat):
        for image in images:
            clock.reset()
            w, c = time.perf_counter(), time.process_time()
            recognize(image, [lang])
            wall, cpu = time.perf_counter() - w, time.process_time() - c
            row = {"wall": wall, "cpu": cpu}
            for k in STAGES:
                row[f"w_{k}"], row[f"c_{k}"] = clock.wall[k], clock.cpu[k]
            row["w_other"] = wall - sum(clock.wall.values())
            row["c_other"] = cpu - sum(clock.cpu.values())
            pages.append(row)
    med = {k: statistics.median(p[k] for p in pages) for k in pages[0]}
    return {"set": set_name, "n": len(ids), "repeat": repeat, "warm_s": warm_s, **med}


ORIENTATION_PAGES = {"rendered/ko": 6, "rendered/ja": 2, "rendered/zh": 2, "rendered/en": 2, "sroie": 4}


def check_orientation() -> dict[str, Any]:
    """Turn pages 0/90/180/270 and count right answers of the small probe pass vs the full detector pass."""
    import numpy as np
    from PIL import Image

    from hanji.engines import warm_up
    from hanji.engines.registry import detector, orienter

    warm_up(["ko", "en"])
    right = {"probe": 0, "full": 0}
    cpu = {"probe": 0.0, "full": 0.0}
    misses: list[str] = []
    total = 0
    for set_name, count in ORIENTATION_PAGES.items():
        folder = SHARED / "data" / set_name
        for path in sorted((folder / "img").glob("*.jpg"))[:count]:
            page = np.array(Image.open(path).convert("RGB"))
            for turn in (0, 90, 180, 270):
                image = np.ascontiguousarray(np.rot90(page, k=turn // 90))  # counter-clockwise
                total += 1
                for how in ("probe", "full"):
                    c = time.process_time()
                    found = detector().detect(image) if how == "full" else None
                    got = orienter().rotation(image, [SETS[set_name]], found)
                    cpu[how] += time.process_time() - c
                    right[how] += got == turn
                    if got != turn:
                        misses.append(f"{how} {set_name}/{path.stem}@{turn}->{got}")
    return {"total": total, "right": right, "cpu": cpu, "misses": misses}


def table(rows: list[dict[str, Any]]) -> str:
    """Markdown table: medians over every (page, repetition) of a set."""
    cols = [*STAGES, "other"]
    head = "| set | pages×rep | wall s/page | CPU s/page | " + " | ".join(f"{c} w/cpu" for c in cols)
    out = [head + " | warm-up s |", "|---" * (len(cols) + 5) + "|"]
    for r in rows:
        stages = " | ".join(f"{r[f'w_{c}']:.2f}/{r[f'c_{c}']:.2f}" for c in cols)
        out.append(
            f"| {r['set']} | {r['n']}×{r['repeat']} | {r['wall']:.2f} | {r['cpu']:.2f} | {stages} | "
            f"{r['warm_s']:.1f} |"
        )
    return "\n".join(out) + "\n"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    ap.add_argument("--limit", type=int, default=None, help="at most N pages per set")
    ap.add_argument("--repeat", type=int, default=3, help="times each page is read (medians over all)")
    ap.add_argument("--orientation", action="store_true", help="check orientation on turned pages instead")
    a = ap.parse_args()
    ctx = mp.get_context("spawn")
    if a.orientation:
        with ctx.Pool(1) as pool:
            r = pool.apply(check_orientation)
        for how in ("probe", "full"):
            print(f"{how}: {r['right'][how]}/{r['total']} right, CPU {r['cpu'][how] / r['total']:.2f} s/page")
        print("\n".join(r["misses"]) or "no misses")
        return
    rows = []
    for set_name in a.sets.split(","):
        with ctx.Pool(1) as pool:
            rows.append(pool.apply(run_set, (set_name, a.limit, a.repeat)))
        print(f"{set_name}: wall {rows[-1]['wall']:.2f} s, CPU {rows[-1]['cpu']:.2f} s per page", flush=True)
    print()
    print(table(rows), flush=True)


if __name__ == "__main__":
    main()
