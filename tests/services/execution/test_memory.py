"""A worker's address space is capped: an allocation past it fails that process's task, cleanly."""

from __future__ import annotations

import subprocess
import sys

import pytest

from hanji.config import Settings, SettingsError
from hanji.pipeline.flows import Ping
from hanji.services.execution.executor import ProcessExecutor


def test_an_allocation_past_the_cap_is_a_memory_error_not_the_machines_memory() -> None:
    script = (
        "from hanji.services.execution.memory import cap_address_space\n"
        "cap_address_space(2048)\n"
        "try:\n"
        "    block = bytearray(3 * 1024**3)\n"
        "except MemoryError:\n"
        "    print('refused')\n"
        "else:\n"
        "    print('allocated', len(block))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "refused", result.stderr


@pytest.mark.slow
def test_capped_workers_still_start_and_answer() -> None:
    pool = ProcessExecutor(workers=1, memory_mb=2048, warm=False)
    try:
        assert pool.run(Ping(), 120).pid > 0
    finally:
        pool.close()


def test_the_setting_refuses_a_cap_the_models_cannot_fit() -> None:
    assert Settings().worker_memory_mb == 4096
    assert Settings.from_env({"HANJI_WORKER_MEMORY_MB": "0"}).worker_memory_mb == 0
    with pytest.raises(SettingsError, match="at least 2048"):
        Settings.from_env({"HANJI_WORKER_MEMORY_MB": "512"})
