"""Start-up of ``hanji serve`` and its first calls: when it answers, when it is ready, and whether
the first invoke call costs more than the later ones.

Starts a real ``hanji serve`` on its embedded defaults (SQLite and local OCR workers in a fresh data
dir, loopback only) and polls ``/healthz`` and ``/readyz`` every 50 ms from the moment the process
is launched. Once ready, it creates a General domain and calls its invoke URL ``--calls`` times on
each sample page in turn. Each call's JPEG is saved at another quality, so no reader's memory of a
crop makes later calls cheaper than a new page would be. It reports the first call against the
median of the later ones, the server's own progress lines with the second they appeared, and the
OCR workers' resident memory.

    PYTHONPATH=. .venv/bin/python -m benchmarks.startup [--calls 10] [--workers 1]
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


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--calls", type=int, default=10, help="invoke calls per sample page")
    parser.add_argument("--workers", type=int, default=1, help="HANJI_WORKERS for the server")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for readiness")
    args = parser.parse_args()
    port = _free_port()
    with tempfile.TemporaryDirectory() as data_dir:
        env = {
            **os.environ,
            "HANJI_DATA_DIR": data_dir,
            "HANJI_ADMIN_PASSWORD": PASSWORD,
            "HANJI_WORKERS": str(args.workers),
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
            deadline = began + args.timeout
            health = _first_answer(client, "/healthz", began, deadline)
            ready = _first_answer(client, "/readyz", began, deadline)
            if health is None or ready is None:
                raise SystemExit(
                    f"hanji serve did not answer in {args.timeout:.0f} s (healthz {health}, readyz {ready})"
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
            print(f"/healthz 200 after **{health:.1f} s**; /readyz 200 after **{ready:.1f} s**")
            print(f"OCR workers' RSS when ready: {', '.join(f'{m:.0f} MB' for m in rss_ready) or 'none'}\n")
            print("| page | first call s | calls 2.. median s | first / later |")
            print("|---|---|---|---|")
            for name, lang in SAMPLES.items():
                page = Image.open(ROOT / "tests" / "data" / "ocr" / f"{name}.jpg").convert("RGB")
                spent = []
                for call in range(args.calls):
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
                later = statistics.median(spent[1:])
                print(f"| {name} ({lang}) | {spent[0]:.2f} | {later:.2f} | {spent[0] / later:.2f} |")
            rss_end = _children_rss_mb(server.pid)
            print(
                f"\nOCR workers' RSS after the calls: {', '.join(f'{m:.0f} MB' for m in rss_end) or 'none'}"
            )
            print("\nThe server's own progress lines (second after launch):")
            for at, line in said:
                if "OCR" in line or "serving" in line.lower() or "startup" in line.lower():
                    print(f"    {at:5.1f} s  {line}")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
