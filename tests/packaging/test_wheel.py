"""The wheel works on its own: built from the tree, installed into a fresh environment, it reads
Korean and English images and serves a healthy ``/readyz`` — models and console assets inside."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
from pathlib import Path

import pytest

import hanji

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
OCR_DATA = ROOT / "tests" / "data" / "ocr"


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only the built wheel (dependencies seen through a .pth)."""
    work = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "-q",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(work),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = work.glob("hanji-*.whl")
    venv = work / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The dependencies come from the development environment; Hanji itself only from the wheel.
    (site / "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    return venv


def _run(venv: Path, *args: str, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [str(venv / "bin" / "hanji"), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_installed_package_is_the_wheel(installed: Path, tmp_path: Path) -> None:
    assert _run(installed, "--version", cwd=tmp_path).strip() == f"hanji {hanji.__version__}"
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import hanji; print(hanji.__file__)"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert str(installed) in where


def test_the_wheel_reads_korean_and_english(installed: Path, tmp_path: Path) -> None:
    korean = _run(installed, "ocr", str(OCR_DATA / "ko_cldr.jpg"), "--lang", "ko", cwd=tmp_path)
    assert "인도네시아" in korean.replace(" ", "")
    english = _run(installed, "ocr", str(OCR_DATA / "en_receipt.jpg"), "--lang", "en", cwd=tmp_path)
    assert "JOHOR" in english


def test_the_wheel_serves_until_ready(installed: Path, tmp_path: Path) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    env.update(
        HANJI_DATA_DIR=str(tmp_path / "data"), HANJI_ADMIN_PASSWORD="wheel-test-password", HANJI_WORKERS="1"
    )
    server = subprocess.Popen(
        [str(installed / "bin" / "hanji"), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 90
        status = 0
        while time.monotonic() < deadline and status != 200:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/readyz", timeout=5) as response:
                    status = response.status
            except OSError:
                time.sleep(0.5)
        assert status == 200
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/console/login", timeout=5) as response:
            assert b"<form" in response.read()  # templates and static files came with the wheel
    finally:
        server.terminate()
        server.wait(timeout=30)
