"""A worker process's runtime, built after the fork (database connections do not survive one)."""

from __future__ import annotations

import os

from hanji.config import Settings
from hanji.runtime import Runtime, build_worker_runtime

_runtimes: dict[int, Runtime] = {}


def worker_runtime(settings: Settings) -> Runtime:
    """This process's runtime; a forked child builds its own."""
    pid = os.getpid()
    runtime = _runtimes.get(pid)
    if runtime is None:
        runtime = build_worker_runtime(settings)
        _runtimes.clear()
        _runtimes[pid] = runtime
    return runtime
