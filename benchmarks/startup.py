"""Start-up of ``hanji serve`` and its first calls: when it answers, when it is ready, and whether
the first invoke call costs more than the later ones.

Starts a real ``hanji serve`` on its embedded defaults (SQLite and local OCR workers in a fresh data
dir, loopback only) and polls ``/healthz`` and ``/readyz`` every 50 ms from the moment the process
is launched. Once ready, it creates a General domain and calls its invoke URL ``--calls`` times on
each sample page in turn. Each call's JPEG is saved at another quality, so no reader's memory of a
crop makes later calls cheaper than a new page would be. One first call is one sample, so it
starts the server ``--starts`` times and reports each start's first call against the median of
its later ones and the median of those ratios, the OCR workers' resident memory, and the last
start's own progress lines with the second they appeared.

    PYTHONPATH=. .venv/bin/python -m benchmarks.startup [--calls 10] [--workers 1] [--starts 3]
"""

from __future__ import annotations

import argparse
import base64
import io
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
from PIL import Image

from benchmarks.overhead import PASSWORD, ROOT, _free_port

SAMPLES = {"en_receipt": "en", "ko_cldr": "ko"}


def _children_rss_mb(pid: int) -> list[float]:
    """Resident memory of the processes whose parent is ``pid`` (the OCR workers), from /proc."""
    out = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
            if int(fields[1]) != pid:
                continue
            status = (stat.parent / "status").read_text()
        except (OSError, IndexError, ValueError):
            continue
        kb = next((int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")), 0)
        out.append(kb / 1024)
    return sorted(out)


def _first_answer(client: httpx.Client, path: str, began: float, deadline: float) -> float | None:
    """Seconds from launch until ``path`` first answers 200 (None if not before ``deadline``)."""
    while time.monotonic() < deadline:
        try:
            if client.get(path, timeout=1).status_code == 200:
                return time.monotonic() - began
        except httpx.HTTPError:
            pass
        time.sleep(0.05)
    return None


@dataclass(frozen=True)
class StartRun:
    """One server start: when it answered, its first call against its later ones, its workers' RSS."""

    health_s: float
    ready_s: float
    first_s: dict[str, float]
    later_s: dict[str, float]
    rss_ready: list[float]
    rss_end: list[float]
    said: list[tuple[float, str]]

    def ratio(self, name: str) -> float:
        """The first call on sample ``name`` against the median of its later calls."""
        return self.first_s[name] / self.later_s[name]


def one_start(calls: int, workers: int, timeout: float) -> StartRun:
    """Start ``hanji serve`` in a fresh data dir, wait for readiness, call each sample ``calls``
    times, stop it."""
    port = _free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "HANJI_DATA_DIR": data_dir,
            "HANJI_ADMIN_PASSWORD": PASSWORD,
            "HANJI_WORKERS": str(workers),
        }
        hanji = str(Path(sys.executable).with_name("hanji"))
        began = time.monotonic()
        server = subprocess.Popen(
            [hanji, "serve", "--port", str(port)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        said: list[tuple[float, str]] = []

        def keep_log() -> None:
            assert server.stdout is not None
            for line in server.stdout:
                said.append((time.monotonic() - began, line.rstrip()))

        threading.Thread(target=keep_log, daemon=True).start()
        try:
            client = httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=300)
            deadline = began + timeout
            health = _first_answer(client, "/healthz", began, deadline)
            ready = _first_answer(client, "/readyz", began, deadline)
            if health is None or ready is None:
                raise SystemExit(
                    f"hanji serve did not answer in {timeout:.0f} s (healthz {health}, readyz {ready})"
                )
            rss_ready = _children_rss_mb(server.pid)
            token = client.post("/api/v1/tokens", json={"name": "startup"}, auth=("admin", PASSWORD))
            client.headers["Authorization"] = f"Bearer {token.json()['token']}"
            domain = client.post(
                "/api/v1/domains",
                json={"name": "startup", "code": "startup", "service_type": "general", "languages": ["ko"]},
            ).json()
            secret = client.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
            url = domain["invoke_urls"][0]["url"]
            first: dict[str, float] = {}
            later: dict[str, float] = {}
            for name, lang in SAMPLES.items():
                page = Image.open(ROOT / "tests" / "data" / "ocr" / f"{name}.jpg").convert("RGB")
                spent = []
                for call in range(calls):
                    # Each call's JPEG at another quality: other pixels, so no reader remembers a crop.
                    encoded = io.BytesIO()
                    page.save(encoded, "JPEG", quality=96 - call)
                    data = base64.b64encode(encoded.getvalue()).decode()
                    body = {
                        "version": "V2",
                        "requestId": "s",
                        "timestamp": 0,
                        "lang": lang,
                        "images": [{"format": "jpg", "name": name, "data": data}],
                    }
                    start = time.perf_counter()
                    answer = client.post(url, json=body, headers={"X-OCR-SECRET": secret})
                    spent.append(time.perf_counter() - start)
                    if answer.status_code != 200:
                        raise SystemExit(f"invoke answered {answer.status_code}: {answer.text[:200]}")
                first[name], later[name] = spent[0], statistics.median(spent[1:])
            return StartRun(health, ready, first, later, rss_ready, _children_rss_mb(server.pid), said)
        finally:
            server.terminate()
            server.wait(30)


def _mb(values: list[float]) -> str:
    return ", ".join(f"{m:.0f}" for m in values) or "none"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=10, help="invoke calls per sample page")
    parser.add_argument("--workers", type=int, default=1, help="HANJI_WORKERS for the server")
    parser.add_argument("--starts", type=int, default=3, help="server starts (one first call each)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for readiness")
    args = parser.parse_args()
    runs = [one_start(args.calls, args.workers, args.timeout) for _ in range(args.starts)]
    names = list(SAMPLES)
    head = " | ".join(f"{n} first / later" for n in names)
    print(f"| start | /healthz s | /readyz s | {head} | worker RSS ready → end MB |")
    print("|---" * (4 + len(names)) + "|")
    for k, run in enumerate(runs, 1):
        cells = " | ".join(f"{run.first_s[n]:.2f} / {run.later_s[n]:.2f} = {run.ratio(n):.2f}" for n in names)
        print(
            f"| {k} | {run.health_s:.1f} | {run.ready_s:.1f} | {cells} | "
            f"{_mb(run.rss_ready)} → {_mb(run.rss_end)} |"
        )
    medians = " | ".join(f"**{statistics.median(r.ratio(n) for r in runs):.2f}**" for n in names)
    print(
        f"| median | {statistics.median(r.health_s for r in runs):.1f} | "
        f"{statistics.median(r.ready_s for r in runs):.1f} | {medians} | |"
    )
    print("\nThe last start's own progress lines (second after launch):")
    for at, line in runs[-1].said:
        if "OCR" in line or "serving" in line.lower() or "startup" in line.lower():
            print(f"    {at:5.1f} s  {line}")


if __name__ == "__main__":
    main()
