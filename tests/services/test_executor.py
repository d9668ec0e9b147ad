"""OCR runs in worker processes: a worker that dies takes only its request with it."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from hanji.core.errors import HanjiError, UnknownServiceError
from hanji.intake.limits import IntakeLimits
from hanji.pipeline.flows import Ping
from hanji.pipeline.general import GeneralRequest
from hanji.pipeline.inputs import FileInput
from hanji.services.execution.executor import InlineExecutor, ProcessExecutor

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "ocr" / "en_receipt.jpg"
LIMITS = IntakeLimits(max_bytes=10_000_000, max_pages=10)


def general_task(data: bytes) -> GeneralRequest:
    return GeneralRequest(FileInput(data, "jpg", LIMITS), ("en",))


@pytest.mark.slow
def test_killed_worker_fails_one_request_and_the_next_succeeds() -> None:
    executor = ProcessExecutor(workers=1, warm=False)
    try:
        pid = executor.run(Ping(), 60).pid
        outcome: dict[str, BaseException | None] = {"error": None}

        def call() -> None:
            try:
                executor.run(general_task(SAMPLE.read_bytes()), 120)
            except HanjiError as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=call)
        thread.start()
        time.sleep(0.5)  # the worker is loading models / reading
        os.kill(pid, signal.SIGKILL)
        thread.join(60)
        assert isinstance(outcome["error"], UnknownServiceError)
        assert outcome["error"].code == "0500"
        result = executor.run(general_task(SAMPLE.read_bytes()), 120)
        assert "JOHOR" in result.pages[0].text
        assert executor.run(Ping(), 60).pid != pid
    finally:
        executor.close()


def test_task_errors_cross_the_process_boundary_with_their_code() -> None:
    executor = ProcessExecutor(workers=1, warm=False)
    try:
        with pytest.raises(HanjiError) as caught:
            executor.run(general_task(b"definitely not an image"), 60)
        assert caught.value.code == "0011" and "Request body invalid." in caught.value.message
    finally:
        executor.close()


def test_inline_executor_runs_the_same_task() -> None:
    assert InlineExecutor().run(Ping(), 1).pid == os.getpid()


@pytest.mark.slow
def test_a_crash_fails_only_its_own_request_not_the_other_in_flight() -> None:
    """M3: with two workers busy, killing one fails its request only; the other is answered."""
    from tests.hostile.test_faults import wait_until_busy

    executor = ProcessExecutor(workers=2, warm=False)
    try:
        pids = {executor.run(Ping(), 60).pid for _ in range(4)}
        assert len(pids) == 2
        outcomes: list[str] = []

        def call() -> None:
            try:
                executor.run(general_task(SAMPLE.read_bytes()), 120)
                outcomes.append("ok")
            except HanjiError as exc:
                outcomes.append(exc.code)

        threads = [threading.Thread(target=call) for _ in range(2)]
        for thread in threads:
            thread.start()
        victim, survivor = sorted(pids)
        wait_until_busy(victim)
        wait_until_busy(survivor)
        os.kill(victim, signal.SIGKILL)
        for thread in threads:
            thread.join(120)
        assert sorted(outcomes) == ["0500", "ok"]
        assert len({executor.run(Ping(), 60).pid for _ in range(4)}) == 2  # healed
    finally:
        executor.close()


def test_workers_follow_a_killed_server() -> None:
    """L5: a SIGKILLed server leaves no OCR worker running as an orphan."""
    import subprocess
    import sys

    script = (
        "import time\n"
        "from hanji.services.execution.executor import ProcessExecutor\n"
        "ex = ProcessExecutor(workers=1, warm=False)\n"
        "from hanji.pipeline.flows import Ping\n"
        "print(ex.run(Ping(), 60).pid, flush=True)\n"
        "time.sleep(60)\n"
    )
    server = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        worker = int(server.stdout.readline())
        os.kill(server.pid, signal.SIGKILL)
        server.wait(10)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.kill(worker, 0)
            except ProcessLookupError:
                return
            time.sleep(0.2)
        pytest.fail(f"worker {worker} still runs after its server was killed")
    finally:
        server.kill()
