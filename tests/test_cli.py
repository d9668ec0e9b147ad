"""The hanji command, run in-process against a temporary data directory."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hanji.cli import app

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {"HANJI_DATA_DIR": str(tmp_path / "data"), "HANJI_ADMIN_PASSWORD": "a-long-password"}


def run(args: list[str], env: dict[str, str]) -> tuple[int, str]:
    result = runner.invoke(app, args, env=env)
    return result.exit_code, result.output


def test_help_on_every_command(env: dict[str, str]) -> None:
    for args in (
        ["--help"],
        ["serve", "--help"],
        ["db", "upgrade", "--help"],
        ["domain", "--help"],
        ["domain", "create", "--help"],
        ["domain", "list", "--help"],
        ["domain", "show", "--help"],
        ["domain", "copy", "--help"],
        ["domain", "delete", "--help"],
        ["key", "create", "--help"],
        ["token", "create", "--help"],
    ):
        code, out = run(args, env)
        assert code == 0 and "Usage" in out, args


def test_domain_lifecycle(env: dict[str, str]) -> None:
    assert run(["db", "upgrade"], env)[0] == 0
    code, out = run(
        ["domain", "create", "청구서", "--code", "bills", "--type", "template", "--model", "premium"], env
    )
    assert code == 0, out
    domain = json.loads(out)
    assert domain["invoke_urls"][0]["url"].endswith("/infer")
    code, out = run(
        ["domain", "copy", str(domain["id"]), "--name", "copy", "--code", "billscopy", "--model", "basic"],
        env,
    )
    assert code == 0 and json.loads(out)["dropped_features"] == []
    code, out = run(["domain", "list", "--json"], env)
    assert {d["code"] for d in json.loads(out)["data"]} == {"bills", "billscopy"}
    code, out = run(["domain", "list"], env)
    assert code == 0 and "청구서" in out
    assert json.loads(run(["domain", "show", str(domain["id"])], env)[1])["code"] == "bills"
    code, out = run(["key", "create", str(domain["id"])], env)
    assert json.loads(out)["secret"].startswith("hsk_")
    code, out = run(["token", "create", "--name", "ci"], env)
    assert json.loads(out)["token"].startswith("hjt_")
    assert run(["domain", "delete", str(domain["id"]), "--confirm", "bills"], env)[0] == 0


def test_errors_are_clear_and_exit_2(env: dict[str, str]) -> None:
    code, out = run(["domain", "create", "x", "--code", "has space"], env)
    assert code == 2 and "INVALID_DOMAIN_CODE" in out
    code, out = run(["domain", "show", "999"], env)
    assert code == 2 and "DOMAIN_NOT_FOUND" in out
    code, out = run(["db", "upgrade"], {**env, "HANJI_PORT": "nope"})
    assert code == 2 and "HANJI_PORT" in out


@pytest.mark.slow
def test_serve_says_what_it_does_while_the_models_load(tmp_path: Path) -> None:
    """#15 item 15: the tens of seconds of loading are announced, and their end too."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {
        **os.environ,
        "HANJI_DATA_DIR": str(tmp_path / "data"),
        "HANJI_ADMIN_PASSWORD": "a-long-password",
        "HANJI_PORT": str(port),
        "HANJI_WORKERS": "1",
    }
    hanji = Path(sys.executable).with_name("hanji")
    server = subprocess.Popen(
        [str(hanji), "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    lines: list[str] = []
    while_loading: tuple[int, int, str] | None = None
    try:
        deadline = time.monotonic() + 240
        assert server.stdout is not None
        while time.monotonic() < deadline:
            line = server.stdout.readline()
            if not line:
                break
            lines.append(line)
            if "Loading the OCR models" in line:
                # #19: the server answers while the models load; readiness says it is loading.
                while_loading = (_status(port, "/healthz")[0], *_status(port, "/readyz"))
            if "OCR workers ready" in line:
                break
        ready = _status(port, "/readyz")
    finally:
        server.terminate()
        server.wait(timeout=30)
    text = "".join(lines)
    assert "Loading the OCR models into 1 worker process" in text, text
    assert "OCR workers ready in" in text, text
    assert while_loading is not None and while_loading[0] == 200, while_loading
    assert while_loading[1:] == (503, "loading") or while_loading[1:] == (200, "ok"), while_loading
    assert ready == (200, "ok"), ready


def _status(port: int, path: str) -> tuple[int, str]:
    """A health route's status and (for ``/readyz``) its OCR workers' check, retried until it answers."""
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5) as response:
                body = json.loads(response.read())
                return response.status, body.get("checks", {}).get("ocr_workers", "")
        except urllib.error.HTTPError as refused:
            return refused.code, json.loads(refused.read()).get("checks", {}).get("ocr_workers", "")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
