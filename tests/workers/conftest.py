"""Real Celery workers (prefork, one process each) on a throwaway Redis database and PostgreSQL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import redis

from hanji.config import Settings
from tests.conftest import ADMIN_PASSWORD, _truncate_postgres

BROKER_URL = os.environ.get("HANJI_TEST_REDIS", "redis://127.0.0.1:6379/11")


@dataclass
class Workers:
    """Start and stop ``celery worker`` processes sharing one environment."""

    env: dict[str, str]
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def start(self, count: int = 1, *, timeout_s: float = 120) -> list[subprocess.Popen[bytes]]:
        started = []
        for _ in range(count):
            name = f"w{len(self.processes)}"
            log = self.logs / f"{name}.log"
            command = [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "hanji.workers.main",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                "1",
                "--loglevel",
                "INFO",
                "-n",
                f"{name}@%h",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ]
            process = subprocess.Popen(command, env=self.env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
            self.processes.append(process)
            started.append((process, log))
        for process, log in started:
            _wait_for_line(process, log, "ready.", timeout_s)
        return [p for p, _ in started]

    def pool_children(self, process: subprocess.Popen[bytes]) -> list[int]:
        """The prefork pool processes of a worker (they run the tasks)."""
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == process.pid:
                children.append(int(stat.parent.name))
        return children

    def stop_all(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)
        self.processes.clear()

    def log_text(self) -> str:
        return "\n".join(p.read_text(errors="replace") for p in sorted(self.logs.glob("*.log")))


def _wait_for_line(process: subprocess.Popen[bytes], log: Path, marker: str, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if marker in log.read_text(errors="replace"):
            return
        if process.poll() is not None:
            raise AssertionError(f"celery worker exited ({process.returncode}):\n{log.read_text()[-3000:]}")
        time.sleep(0.2)
    raise AssertionError(f"celery worker not ready in {timeout_s} s:\n{log.read_text()[-3000:]}")


@pytest.fixture
def broker() -> Iterator[str]:
    """A flushed Redis database; fails (never skips) when Redis is down."""
    client = redis.Redis.from_url(BROKER_URL, socket_connect_timeout=5)
    try:
        client.flushdb()
    except redis.exceptions.ConnectionError as exc:
        pytest.fail(f"Redis is not reachable at {BROKER_URL}: {exc}. Start it (see README).")
    yield BROKER_URL
    client.flushdb()
    client.close()


@pytest.fixture
def celery_settings(postgres_url: str, broker: str, tmp_path: Path) -> Settings:
    _truncate_postgres(postgres_url)
    return Settings(
        data_dir=tmp_path / "data",
        database_url=postgres_url,
        admin_password=ADMIN_PASSWORD,
        public_url="http://hanji.test",
        fetch_allow=("127.0.0.1",),
        broker_url=broker,
        job_pages_per_task=10,
        ocr_timeout_s=60,
    ).with_server_key()


@pytest.fixture
def workers(celery_settings: Settings, tmp_path: Path) -> Iterator[Workers]:
    env = {
        **os.environ,
        "HANJI_DATA_DIR": str(celery_settings.data_dir),
        "HANJI_DATABASE_URL": celery_settings.database_url,
        "HANJI_BROKER_URL": celery_settings.broker_url,
        "HANJI_FETCH_ALLOW": "127.0.0.1",
        "HANJI_JOB_PAGES_PER_TASK": str(celery_settings.job_pages_per_task),
        "HANJI_TASK_ATTEMPTS": str(celery_settings.task_attempts),
        "HANJI_LOG_LEVEL": "info",
    }
    logs = tmp_path / "worker-logs"
    logs.mkdir()
    pool = Workers(env, logs)
    yield pool
    pool.stop_all()


StartWorkers = Callable[[int], list[subprocess.Popen[bytes]]]
