"""Service overhead: an invoke call through HTTP against the bare engine on the same page.

Starts a real ``hanji serve`` (one local OCR worker process, loopback only), creates a General
domain and key, then for each sample page times (a) ``hanji.engines.recognize`` in this process and
(b) a CLOVA V2 JSON call to the invoke URL, alternating a/b so load drifts hit both alike. Prints the
median of each and the overhead ratio.

Usage: ``python -m benchmarks.overhead [--repeat 5]``
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = {"en_receipt": "en", "ko_cldr": "ko", "ja_cldr": "ja", "zh_cldr": "zh-TW"}
PASSWORD = "overhead-benchmark"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_server(data_dir: str, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "HANJI_DATA_DIR": data_dir, "HANJI_ADMIN_PASSWORD": PASSWORD, "HANJI_WORKERS": "1"}
    hanji = str(Path(sys.executable).with_name("hanji"))
    return subprocess.Popen([hanji, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    from hanji.engines import recognize, warm_up

    warm_up()
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data_dir:
        server = _start_server(data_dir, port)
        try:
            client = httpx.Client(base_url=base, timeout=120)
            for _ in range(120):
                try:
                    if client.get("/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.5)
            token = client.post("/api/v1/tokens", json={"name": "bench"}, auth=("admin", PASSWORD)).json()[
                "token"
            ]
            client.headers["Authorization"] = f"Bearer {token}"
            domain = client.post(
                "/api/v1/domains",
                json={
                    "name": "bench",
                    "code": "bench",
                    "service_type": "general",
                    "languages": ["ko", "ja", "zh-TW"],
                },
            ).json()
            secret = client.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
            url = domain["invoke_urls"][0]["url"]
            print("| page | bare engine s (median) | HTTP invoke s (median) | overhead |")
            print("|---|---|---|---|")
            ratios = []
            for name, lang in SAMPLES.items():
                path = ROOT / "tests" / "data" / "ocr" / f"{name}.jpg"
                image = np.array(Image.open(path).convert("RGB"))
                body = {
                    "version": "V2",
                    "requestId": "b",
                    "timestamp": 0,
                    "lang": lang,
                    "images": [
                        {"format": "jpg", "name": name, "data": base64.b64encode(path.read_bytes()).decode()}
                    ],
                }
                client.post(url, json=body, headers={"X-OCR-SECRET": secret})  # warm the worker on this page
                bare, http = [], []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    recognize(image, [lang])
                    bare.append(time.perf_counter() - start)
                    start = time.perf_counter()
                    response = client.post(url, json=body, headers={"X-OCR-SECRET": secret})
                    http.append(time.perf_counter() - start)
                    assert response.status_code == 200, response.text
                b, h = statistics.median(bare), statistics.median(http)
                ratios.append(h / b - 1)
                print(f"| {name} ({lang}) | {b:.2f} | {h:.2f} | {100 * (h / b - 1):+.0f} % |")
            print(f"\nmedian overhead: {100 * statistics.median(ratios):+.0f} %")
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
