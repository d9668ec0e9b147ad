"""Soak: does ``hanji serve`` (process executor) hold its memory over many invoke calls?

Starts ``hanji serve`` on a free loopback port with ``HANJI_EXECUTOR=process``, makes ``--calls``
invoke calls on the real pages of ``tests/data/ocr`` (two at a time, one per worker), and prints the
resident memory of the server and of each OCR worker every ``--every`` calls, then whether each
stayed within 10 % of its level after the first ``--every`` calls. Loopback only.

    .venv/bin/python benchmarks/soak.py --calls 1000 [--workers 2] [--out benchmarks/RESULTS_soak.md]
"""

from __future__ import annotations

import argparse
import base64
import itertools
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from tests.hostile.server import general_domain, start_server  # noqa: E402

PASSWORD = "soak-password-123"
LANGS = {"ko_cldr": "ko", "ja_cldr": "ja", "zh_cldr": "zh-TW", "en_receipt": "ko"}


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pids(server: int) -> list[int]:
    """The server's OCR worker processes (spawned pool children, not the resource tracker)."""
    children: list[int] = []
    for task in Path(f"/proc/{server}/task").iterdir():
        children += [int(pid) for pid in (task / "children").read_text().split()]
    workers = []
    for pid in children:
        try:
            command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        except FileNotFoundError:
            continue
        if "spawn_main" in command:
            workers.append(pid)
    return sorted(workers)


def bodies() -> list[dict[str, object]]:
    out = []
    for name, lang in LANGS.items():
        data = base64.b64encode((ROOT / "tests" / "data" / "ocr" / f"{name}.jpg").read_bytes()).decode()
        out.append(
            {
                "version": "V2",
                "requestId": name,
                "timestamp": 0,
                "lang": lang,
                "images": [{"format": "jpg", "name": name, "data": data}],
            }
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=1000)
    parser.add_argument("--every", type=int, default=100)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--max-tasks", type=int, default=0, help="HANJI_WORKER_MAX_TASKS")
    parser.add_argument("--out", type=Path, default=None, help="also write the table here (Markdown)")
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="hanji-soak-"))
    env = {
        "HANJI_EXECUTOR": "process",
        "HANJI_WORKERS": str(args.workers),
        "HANJI_WORKER_MAX_TASKS": str(args.max_tasks),
        "HANJI_RATE_LIMIT": "0",
    }
    process, base = start_server(data_dir, password=PASSWORD, env=env)
    rows: list[tuple[int, float, list[float], float]] = []
    failures = 0
    try:
        client, url, headers = general_domain(base, PASSWORD)
        requests = itertools.cycle(bodies())
        started = time.perf_counter()
        with httpx.Client(timeout=300) as http, ThreadPoolExecutor(args.workers) as pool:
            done = 0
            while done < args.calls:
                batch = [next(requests) for _ in range(min(args.every, args.calls - done))]
                for response in pool.map(lambda body: http.post(url, headers=headers, json=body), batch):
                    failures += response.status_code != 200
                done += len(batch)
                workers = [rss_mb(pid) for pid in worker_pids(process.pid)]
                rows.append((done, rss_mb(process.pid), workers, time.perf_counter() - started))
                print(
                    f"{done:6d} calls  server {rows[-1][1]:7.1f} MB  workers "
                    + " ".join(f"{w:7.1f}" for w in workers)
                    + f"  ({rows[-1][3]:.0f} s)",
                    flush=True,
                )
        client.close()
    finally:
        process.terminate()
        try:
            process.wait(30)
        except Exception:
            process.kill()
            process.wait(30)
    report = render(rows, failures, args)
    print(report)
    if args.out:
        args.out.write_text(report)


def render(rows: list[tuple[int, float, list[float], float]], failures: int, args: argparse.Namespace) -> str:
    width = max(len(r[2]) for r in rows)
    head = (
        "| calls | server RSS MB | "
        + " | ".join(f"worker {i + 1} RSS MB" for i in range(width))
        + " | elapsed s |"
    )
    lines = [head, "|" + "---|" * (width + 3)]
    for calls, server, workers, elapsed in rows:
        cells = [f"{w:.1f}" for w in workers] + ["-"] * (width - len(workers))
        lines.append(f"| {calls} | {server:.1f} | " + " | ".join(cells) + f" | {elapsed:.0f} |")
    first, last = rows[0], rows[-1]
    verdicts = [f"server {first[1]:.1f} → {last[1]:.1f} MB ({(last[1] / first[1] - 1) * 100:+.1f} %)"]
    for i, (a, b) in enumerate(zip(first[2], last[2], strict=False)):
        verdicts.append(f"worker {i + 1} {a:.1f} → {b:.1f} MB ({(b / a - 1) * 100:+.1f} %)")
    within = all(
        abs(b / a - 1) <= 0.10 for a, b in [(first[1], last[1]), *zip(first[2], last[2], strict=False)]
    )
    return "\n".join(
        [
            f"calls {args.calls}, workers {args.workers}, HANJI_WORKER_MAX_TASKS {args.max_tasks}, "
            f"non-200 answers {failures}",
            "",
            *lines,
            "",
            "; ".join(verdicts),
            f"within 10 % of the level after the first {args.every} calls: {'yes' if within else 'NO'}",
            "",
        ]
    )


if __name__ == "__main__":
    main()
