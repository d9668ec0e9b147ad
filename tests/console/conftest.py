"""A real ``hanji serve`` process and Debian's Chromium driven by Playwright, shared by the browser tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import ADMIN_PASSWORD

CHROMIUM = os.environ.get("HANJI_TEST_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``hanji serve`` on a free loopback port with its own data directory; yields its base URL."""
    port = _free_port()
    data_dir = tmp_path_factory.mktemp("console-data")
    env = {
        **os.environ,
        "HANJI_DATA_DIR": str(data_dir),
        "HANJI_ADMIN_PASSWORD": ADMIN_PASSWORD,
        "HANJI_EXECUTOR": "inline",
        "HANJI_PORT": str(port),
        "HANJI_LOG_LEVEL": "warning",
    }
    hanji = Path(sys.executable).with_name("hanji")
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen([str(hanji), "serve"], env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"hanji serve did not start: {(data_dir / 'server.log').read_text()[-2000:]}")
        time.sleep(0.2)
    yield base
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Chromium from Debian (``apt-get install chromium``); Playwright never downloads a browser here."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("The console tests need the 'playwright' Python package (pip install playwright).")
    if not Path(CHROMIUM).exists():
        pytest.fail(f"No Chromium at {CHROMIUM}: apt-get install chromium (or set HANJI_TEST_CHROMIUM).")
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture(scope="module")
def signed_in_page(browser: Any, server: str) -> Iterator[Any]:
    """A page signed in as admin (one per test module), failing the module on any JavaScript error."""
    context = browser.new_context(base_url=server, viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto("/console/login?lang=en")
    page.fill("#username", "admin")
    page.fill("#password", ADMIN_PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/console/")
    yield page
    context.close()
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture(scope="module")
def server_api(server: str) -> Iterator[httpx.Client]:
    """The management API of the test server, with an admin token (to set a test's stage quickly)."""
    with httpx.Client(base_url=server, timeout=120) as api:
        made = api.post("/api/v1/tokens", json={"name": "setup"}, auth=("admin", ADMIN_PASSWORD))
        api.headers["Authorization"] = f"Bearer {made.json()['token']}"
        for _ in range(30):  # the server commits just after it answers
            if api.get("/api/v1/session").status_code == 200:
                break
            time.sleep(0.1)
        yield api
