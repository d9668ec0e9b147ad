"""Load test: invoke-call throughput and latency, embedded mode vs. 1, 2 and 4 Celery worker processes.

Every mode runs in this one process's run, on loopback only: a real ``hanji serve`` (uvicorn) on a
fresh data dir, and for the Celery modes one ``celery worker --concurrency N`` on a flushed Redis
database. Requests are real CLOVA JSON calls with the small images in ``tests/data/ocr``, sent by
an async httpx client with a bounded number in flight, a bounded count and a time cap per mode.

    .venv/bin/python -m benchmarks.load [--requests 40] [--concurrency 8] [--max-seconds 90]
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import redis

ROOT = Path(__file__).resolve().parents[1]
IMAGES = sorted((ROOT / "tests" / "data" / "ocr").glob("*.jpg"))
REDIS_URL = "redis://127.0.0.1:6379/12"
HANJI = [sys.executable, "-c", "from hanji.cli import main; main()"]


@dataclass
class ModeResult:
    mode: str
    ok: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def throughput(self) -> float:
        return self.ok / self.seconds if self.seconds else 0.0

    def percentile(self, q: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_for(predicate: object, what: str, timeout_s: float = 180) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.3)
    raise RuntimeError(f"{what} did not come up in {timeout_s} s")


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def _prepare(env: dict[str, str]) -> tuple[str, str]:
    """Create a General domain and a secret key with the CLI; return (invoke path, secret)."""
    run = lambda *args: subprocess.run([*HANJI, *args], env=env, check=True, capture_output=True).stdout  # noqa: E731
    domain = json.loads(
        run(
            "domain",
            "create",
            "load",
            "--code",
            "load",
            "--type",
            "general",
            "--languages",
            "ko,ja,zh-TW",
            "--plan",
            "unlimited",
        )
    )
    secret = json.loads(run("key", "create", str(domain["id"])))["secret"]
    path = "/" + domain["invoke_urls"][0]["url"].split("/", 3)[3]
    return path, secret


def _bodies() -> list[dict[str, object]]:
    return [
        {
            "version": "V2",
            "requestId": image.stem,
            "timestamp": 0,
            "images": [
                {"format": "jpg", "name": image.stem, "data": base64.b64encode(image.read_bytes()).decode()}
            ],
        }
        for image in IMAGES
    ]


async def _drive(url: str, secret: str, *, requests: int, concurrency: int, max_seconds: float) -> ModeResult:
    bodies = _bodies()
    latencies: list[float] = []
    errors = 0
    async with httpx.AsyncClient(timeout=180, trust_env=False) as client:
        for body in bodies:  # warm-up, not counted: first calls load models everywhere
            await client.post(url, json=body, headers={"X-OCR-SECRET": secret})
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(requests):
            queue.put_nowait(i)
        started = time.perf_counter()
        deadline = started + max_seconds

        async def one_client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                response = await client.post(
                    url, json=bodies[i % len(bodies)], headers={"X-OCR-SECRET": secret}
                )
                if response.status_code == 200:
                    latencies.append((time.perf_counter() - t0) * 1000)
                else:
                    errors += 1

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
    return ModeResult("", len(latencies), errors, seconds, latencies)


def run_mode(mode: str, workers: int, args: argparse.Namespace) -> ModeResult:
    with tempfile.TemporaryDirectory(prefix="hanji-load-") as tmp:
        port = _free_port()
        env = {
            **os.environ,
            "HANJI_DATA_DIR": tmp,
            "HANJI_ADMIN_PASSWORD": "load-test-password",
            "HANJI_RATE_LIMIT": "0",
            "HANJI_PORT": str(port),
            "HANJI_LOG_LEVEL": "warning",
        }
        if mode == "embedded":
            env["HANJI_WORKERS"] = str(workers)
        else:
            redis.Redis.from_url(REDIS_URL).flushdb()
            env["HANJI_BROKER_URL"] = REDIS_URL
        subprocess.run([*HANJI, "db", "upgrade"], env=env, check=True, capture_output=True)
        path, secret = _prepare(env)
        processes: list[subprocess.Popen[bytes]] = []
        log = Path(tmp) / "processes.log"
        try:
            with log.open("wb") as out:
                if mode != "embedded":
                    worker = subprocess.Popen(
                        [*HANJI, "worker", "--concurrency", str(workers), "--loglevel", "info"],
                        env=env,
                        stdout=out,
                        stderr=subprocess.STDOUT,
                    )
                    processes.append(worker)
                    _wait_for(lambda: "ready." in log.read_text(errors="replace"), "celery worker")
                processes.append(
                    subprocess.Popen([*HANJI, "serve"], env=env, stdout=out, stderr=subprocess.STDOUT)
                )
                _wait_for(lambda: _healthy(port), "hanji serve")
                result = asyncio.run(
                    _drive(
                        f"http://127.0.0.1:{port}{path}",
                        secret,
                        requests=args.requests,
                        concurrency=args.concurrency,
                        max_seconds=args.max_seconds,
                    )
                )
        finally:
            for process in reversed(processes):
                process.terminate()
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    process.kill()
        result.mode = (
            f"embedded ({workers} local processes)"
            if mode == "embedded"
            else f"celery, {workers} worker process(es)"
        )
        return result


def table(results: list[ModeResult], args: argparse.Namespace) -> str:
    lines = [
        f"# Load test: invoke calls ({date.today().isoformat()})",
        "",
        f"Machine: {os.cpu_count()} cores (shared with other work while this ran), loopback only. "
        f"{args.requests} General calls per mode (images: {', '.join(i.name for i in IMAGES)}), "
        f"{args.concurrency} in flight, cap {args.max_seconds:.0f} s per mode "
        "(calls in flight at the cap finish), after one warm-up call per image.",
        "Command: `.venv/bin/python -m benchmarks.load "
        f"--requests {args.requests} --concurrency {args.concurrency} --max-seconds {args.max_seconds:.0f}`",
        "",
        "| mode | ok | errors | seconds | calls/s | p50 ms | p95 ms | mean ms |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        mean = statistics.fmean(r.latencies_ms) if r.latencies_ms else float("nan")
        lines.append(
            f"| {r.mode} | {r.ok} | {r.errors} | {r.seconds:.1f} | {r.throughput:.2f} | "
            f"{r.percentile(0.5):.0f} | {r.percentile(0.95):.0f} | {mean:.0f} |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=90.0)
    parser.add_argument("--modes", default="embedded:2,celery:1,celery:2,celery:4")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS_load.md")
    args = parser.parse_args()
    results = []
    for spec in args.modes.split(","):
        mode, workers = spec.split(":")
        print(f"running {mode} with {workers} process(es)…", file=sys.stderr, flush=True)
        results.append(run_mode(mode, int(workers), args))
    text = table(results, args)
    print(text)
    args.output.write_text(text)


if __name__ == "__main__":
    main()
