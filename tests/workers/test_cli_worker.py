"""``hanji worker`` refuses to start without a broker, and says how to set one."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from hanji.cli import app


def test_worker_needs_a_broker(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["worker", "--data-dir", str(tmp_path)], env={"HANJI_BROKER_URL": ""})
    assert result.exit_code == 2 and "HANJI_BROKER_URL" in result.output


def test_worker_help_names_its_options() -> None:
    result = CliRunner().invoke(app, ["worker", "--help"])
    assert result.exit_code == 0 and "--concurrency" in result.output and "--queues" in result.output
