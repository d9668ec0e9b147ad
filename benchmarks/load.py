"""Load test: invoke-call throughput and latency, embedded mode vs. 1, 2 and 4 Celery worker processes.

Every mode runs in this one process's run, on loopback only: a real ``hanji serve`` (uvicorn) on a
fresh data dir, and for the Celery modes one ``celery worker --concurrency N`` on a flushed Redis
database. Requests are real CLOVA JSON calls with the small images in ``tests/data/ocr``, sent by
an async httpx client with a bounded number in flight, a bounded count and a time cap per mode.

With ``--postgres`` each mode runs on a scratch PostgreSQL database (created and dropped here) with
the API's pool sized by ``--pool-size`` and ``--overflow``. In every mode ``/metrics`` is scraped
every 0.2 s during the run for the API process's most database connections checked out at once.

    .venv/bin/python -m benchmarks.load [--requests 40] [--concurrency 8] [--max-seconds 90]
    .venv/bin/python -m benchmarks.load --postgres --modes embedded:2 --pool-size 2 --overflow 0 \
        --requests 48 --images ko_cldr.jpg --append
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shlex
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import httpx
import psycopg
import redis

from benchmarks.pool_peaks import PoolPeaks, scrape_pool, watch_pool

ROOT = Path(__file__).resolve().parents[1]
IMAGE_DIR = ROOT / "tests" / "data" / "ocr"
REDIS_URL = "redis://127.0.0.1:6379/12"
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
HANJI = [sys.executable, "-c", "from hanji.cli import main; main()"]
# SQLAlchemy's QueuePool TimeoutError, as the server logs it when a call waited 30 s for a connection.
POOL_TIMEOUT_MARK = "QueuePool limit of size"


@dataclass
class ModeResult:
    mode: str
    ok: int
    errors_by_code: Counter[str]
    """``HTTP status/CLOVA code`` (``0/transport`` when no answer came) to how many calls got it."""
    seconds: float
    latencies_ms: list[float]
    pool: PoolPeaks = field(default_factory=PoolPeaks)
    pool_timeouts_logged: int = 0

    @property
    def errors(self) -> int:
        return sum(self.errors_by_code.values())

    @property
    def server_errors(self) -> int:
        return sum(n for code, n in self.errors_by_code.items() if code.startswith("5"))

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


@contextmanager
def _scratch_postgres(admin_url: str) -> Iterator[str]:
    """A fresh PostgreSQL database for one mode, dropped afterwards; yields its SQLAlchemy URL."""
    name = f"hanji_load_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        base = admin_url.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(admin_url, autocommit=True, connect_timeout=5) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


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


def _bodies(images: list[Path]) -> list[dict[str, object]]:
    return [
        {
            "version": "V2",
            "requestId": image.stem,
            "timestamp": 0,
            "images": [
                {"format": "jpg", "name": image.stem, "data": base64.b64encode(image.read_bytes()).decode()}
            ],
        }
        for image in images
    ]


def _error_code(response: httpx.Response) -> str:
    try:
        code = response.json().get("code", "?")
    except (ValueError, AttributeError):
        code = "?"
    return f"{response.status_code}/{code}"


async def _drive(
    base_url: str,
    path: str,
    secret: str,
    *,
    images: list[Path],
    requests: int,
    concurrency: int,
    max_seconds: float,
) -> ModeResult:
    bodies = _bodies(images)
    url, metrics_url = f"{base_url}{path}", f"{base_url}/metrics"
    latencies: list[float] = []
    errors: Counter[str] = Counter()
    peaks = PoolPeaks()
    async with (
        httpx.AsyncClient(timeout=180, trust_env=False) as client,
        httpx.AsyncClient(timeout=10, trust_env=False) as scraper,
    ):
        for body in bodies:  # warm-up, not counted: first calls load models everywhere
            await client.post(url, json=body, headers={"X-OCR-SECRET": secret})
        await scrape_pool(scraper, metrics_url, PoolPeaks())  # starts the server's window afresh
        stop = asyncio.Event()
        watcher = asyncio.create_task(watch_pool(scraper, metrics_url, peaks, stop))
        queue: asyncio.Queue[int] = asyncio.Queue()
        for i in range(requests):
            queue.put_nowait(i)
        started = time.perf_counter()
        deadline = started + max_seconds

        async def one_client() -> None:
            while time.perf_counter() < deadline:
                try:
                    i = queue.get_nowait()
                except asyncio.QueueEmpty:
                    return
                t0 = time.perf_counter()
                try:
                    response = await client.post(
                        url, json=bodies[i % len(bodies)], headers={"X-OCR-SECRET": secret}
                    )
                except httpx.HTTPError:
                    errors["0/transport"] += 1
                    continue
                if response.status_code == 200:
                    latencies.append((time.perf_counter() - t0) * 1000)
                else:
                    errors[_error_code(response)] += 1

        await asyncio.gather(*(one_client() for _ in range(concurrency)))
        seconds = time.perf_counter() - started
        stop.set()
        await watcher
    return ModeResult("", len(latencies), errors, seconds, latencies, peaks)


def run_mode(mode: str, workers: int, args: argparse.Namespace) -> ModeResult:
    with tempfile.TemporaryDirectory(prefix="hanji-load-") as tmp:
        if args.postgres:
            with _scratch_postgres(args.postgres) as database_url:
                return _run_mode(mode, workers, args, tmp, database_url)
        return _run_mode(mode, workers, args, tmp, None)


def _run_mode(
    mode: str, workers: int, args: argparse.Namespace, tmp: str, database_url: str | None
) -> ModeResult:
    port = _free_port()
    env = {
        **os.environ,
        "HANJI_DATA_DIR": tmp,
        "HANJI_ADMIN_PASSWORD": "load-test-password",
        "HANJI_RATE_LIMIT": "0",
        "HANJI_PORT": str(port),
        "HANJI_LOG_LEVEL": "warning",
        "HANJI_EXPOSE_METRICS": "true",
        "HANJI_DB_POOL_SIZE": str(args.pool_size),
        "HANJI_DB_POOL_OVERFLOW": str(args.overflow),
    }
    if database_url:
        env["HANJI_DATABASE_URL"] = database_url
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
                    f"http://127.0.0.1:{port}",
                    path,
                    secret,
                    images=args.images,
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
    result.pool_timeouts_logged = log.read_text(errors="replace").count(POOL_TIMEOUT_MARK)
    where = "PostgreSQL" if database_url else "SQLite"
    result.mode = (
        f"embedded ({workers} local processes), {where}"
        if mode == "embedded"
        else f"celery, {workers} worker process(es), {where}"
    )
    return result


def table(results: list[ModeResult], args: argparse.Namespace) -> str:
    database = (
        f"PostgreSQL 15 (a scratch database per mode), API pool {args.pool_size} + {args.overflow} overflow"
        if args.postgres
        else "SQLite in the data dir"
    )
    heading = "## Load test with the database pool watched" if args.append else "# Load test: invoke calls"
    lines = [
        f"{heading} ({date.today().isoformat()})",
        "",
        f"Machine: {os.cpu_count()} cores (shared with other work while this ran), loopback only. "
        f"{args.requests} General calls per mode (images: {', '.join(i.name for i in args.images)}), "
        f"{args.concurrency} in flight, cap {args.max_seconds:.0f} s per mode "
        "(calls in flight at the cap finish), after one warm-up call per image. "
        f"Database: {database}. Peak DB connections: the API process's most connections checked out "
        "at once during the run (max of `hanji_db_pool_peak_checked_out` over scrapes of `/metrics` "
        "every 0.2 s; the largest `hanji_db_pool_checked_out` seen at a scrape in brackets).",
        f"Command: `.venv/bin/python -m benchmarks.load {shlex.join(sys.argv[1:])}`",
        "",
        "| mode | ok | errors (by code) | 5xx | seconds | calls/s | p50 ms | p95 ms | mean ms "
        "| peak DB conns | mean conns at a scrape | scrapes | pool timeouts logged |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        mean = statistics.fmean(r.latencies_ms) if r.latencies_ms else float("nan")
        by_code = ", ".join(f"{code}: {n}" for code, n in sorted(r.errors_by_code.items())) or "-"
        scrapes = f"{r.pool.scrapes}" + (
            f" ({r.pool.failed_scrapes} failed)" if r.pool.failed_scrapes else ""
        )
        lines.append(
            f"| {r.mode} | {r.ok} | {r.errors} ({by_code}) | {r.server_errors} | {r.seconds:.1f} | "
            f"{r.throughput:.2f} | {r.percentile(0.5):.0f} | {r.percentile(0.95):.0f} | {mean:.0f} | "
            f"{r.pool.peak} ({r.pool.now_max}) | {r.pool.mean_now:.2f} | {scrapes} | "
            f"{r.pool_timeouts_logged} |"
        )
    lines += ["", "Peak checked out per 0.2 s window (peak×windows; where the highest one first fell):", ""]
    lines += [f"- {r.mode}: {r.pool.peak_histogram()}" for r in results]
    return "\n".join(lines) + "\n"


def _images(names: str) -> list[Path]:
    if not names:
        return sorted(IMAGE_DIR.glob("*.jpg"))
    images = [IMAGE_DIR / name for name in names.split(",")]
    missing = [str(i) for i in images if not i.is_file()]
    if missing:
        raise argparse.ArgumentTypeError(f"no such image: {', '.join(missing)}")
    return images


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--max-seconds", type=float, default=90.0)
    parser.add_argument("--modes", default="embedded:2,celery:1,celery:2,celery:4")
    parser.add_argument(
        "--images", type=_images, default="", help="comma-separated names in tests/data/ocr (default: all)"
    )
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=POSTGRES_ADMIN_URL,
        default=None,
        metavar="ADMIN_URL",
        help=f"run on a scratch PostgreSQL database made through ADMIN_URL (default {POSTGRES_ADMIN_URL})",
    )
    parser.add_argument("--pool-size", type=int, default=5, help="HANJI_DB_POOL_SIZE (PostgreSQL only)")
    parser.add_argument("--overflow", type=int, default=10, help="HANJI_DB_POOL_OVERFLOW (PostgreSQL only)")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "RESULTS_load.md")
    parser.add_argument("--append", action="store_true", help="append a section to --output, not replace it")
    args = parser.parse_args()
    results = []
    for spec in args.modes.split(","):
        mode, workers = spec.split(":")
        print(f"running {mode} with {workers} process(es)…", file=sys.stderr, flush=True)
        results.append(run_mode(mode, int(workers), args))
    text = table(results, args)
    print(text)
    if args.append:
        with args.output.open("a") as out:
            out.write("\n\n" + text)
    else:
        args.output.write_text(text)


if __name__ == "__main__":
    main()
