"""Start ``hanji serve`` as a real subprocess on a free loopback port (durability test, soak script)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def start_server(
    data_dir: Path, *, password: str, env: dict[str, str] | None = None
) -> tuple[subprocess.Popen[bytes], str]:
    """Run ``hanji serve`` on 127.0.0.1 and wait until /healthz answers; returns (process, base URL)."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    environment = {
        **os.environ,
        "HANJI_DATA_DIR": str(data_dir),
        "HANJI_ADMIN_PASSWORD": password,
        "HANJI_HOST": "127.0.0.1",
        "HANJI_PORT": str(port),
        "HANJI_LOG_LEVEL": "warning",
        **(env or {}),
    }
    command = [str(Path(sys.executable).parent / "hanji"), "serve"]
    # The log goes to a file: a pipe nobody reads would fill up and block the server.
    log = (data_dir / "server.log").open("ab")
    process = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"hanji serve exited: {process.stderr.read().decode() if process.stderr else ''}"
            )
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.3)
    process.kill()
    raise RuntimeError("hanji serve did not start in 180 s")


def general_domain(base: str, password: str) -> tuple[httpx.Client, str, dict[str, str]]:
    """A bearer-token client, and a new General domain's invoke URL and secret header."""
    token = httpx.post(f"{base}/api/v1/tokens", json={"name": "t"}, auth=("admin", password)).json()["token"]
    client = httpx.Client(base_url=base, headers={"Authorization": f"Bearer {token}"}, timeout=300)
    domain = client.post(
        "/api/v1/domains",
        json={
            "name": "soak",
            "code": "soak",
            "service_type": "general",
            "languages": ["ko", "ja", "zh-TW"],
            "recognition_model": "general",
        },
    ).json()
    secret = client.post(f"/api/v1/domains/{domain['id']}/secret-keys").json()["secret"]
    return client, domain["invoke_urls"][0]["url"], {"X-OCR-SECRET": secret}
