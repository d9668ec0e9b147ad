"""Where OCR work runs: inline, or in local worker processes that a crash cannot take down the server with.

A task is a typed request (``hanji.pipeline.task.Task``: a flow's input, knowing its flow and its
result type); the same request runs inline, in the local pool (pickled with its result), or on a
Celery worker (as JSON built from the types); the runtime picks the executor.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
import time
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol, TypeVar

from hanji.core.errors import HanjiError, OcrServiceError, UnknownServiceError
from hanji.pipeline.flows import Ping, warm_up
from hanji.pipeline.task import Task
from hanji.services.execution.memory import cap_address_space

log = logging.getLogger("hanji.executor")
R = TypeVar("R")


class Executor(Protocol):
    """Runs a flow's request and returns its typed result, raising ``HanjiError`` on failure."""

    def run(self, task: Task[R], /, timeout_s: float) -> R: ...

    def close(self) -> None: ...


def run_task(task: Task[R]) -> R:
    """What a worker process runs (a module-level function, so the pool can pickle it)."""
    return task.run()


def _unexpected(task: Task[Any], exc: BaseException) -> UnknownServiceError:
    """A task failed in a way nobody planned for: log it whole, tell the client only CLOVA's 0500."""
    log.error("task %s failed unexpectedly", task.kind, exc_info=exc)
    return UnknownServiceError()


class InlineExecutor:
    """Runs tasks in the calling thread: for the CLI, tests and debugging."""

    def run(self, task: Task[R], /, timeout_s: float) -> R:
        try:
            return task.run()
        except HanjiError:
            raise
        except Exception as exc:
            raise _unexpected(task, exc) from exc

    def close(self) -> None:
        return None


ORPHAN_CHECK_S = 1.0
"""How often a worker checks that the server that started it is still alive."""


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_S)
    os._exit(1)


def _start_worker(warm: bool, memory_mb: int = 0) -> None:
    """A worker's first act: cap its memory, watch for the server's death and follow it (a
    SIGKILLed server left its OCR workers running as orphans, holding memory and CPU), then load
    the models if asked.
    A thread polling the parent id, not prctl's death signal: that fires when the *thread* that
    spawned the worker ends, and request threads come and go."""
    cap_address_space(memory_mb)
    threading.Thread(target=_exit_when_orphaned, args=(os.getppid(),), daemon=True).start()
    if warm:
        warm_up()


class _Lane:
    """One worker process with a pool of its own: a crash or a timeout breaks only this lane, and so
    only the one task it was running (a shared pool fails every task in flight when one dies)."""

    def __init__(self, context: Any, *, warm: bool, max_tasks: int, memory_mb: int = 0) -> None:
        self.pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=_start_worker,
            initargs=(warm, memory_mb),
            max_tasks_per_child=max_tasks or None,
        )

    def kill(self) -> None:
        for process in list(getattr(self.pool, "_processes", {}).values()):
            process.terminate()
        self.pool.shutdown(wait=False, cancel_futures=True)


class ProcessExecutor:
    """Worker processes, one task each at a time; models load once per process, a crashed or
    timed-out process is replaced without touching the others' tasks.

    Args:
        workers: number of processes.
        max_tasks_per_worker: recycle a process after this many tasks (0 keeps it forever), so slow
            leaks in native libraries cannot grow without bound.
        memory_mb: each process's address-space cap (0: none); see ``memory.cap_address_space``.
    """

    def __init__(
        self, *, workers: int, max_tasks_per_worker: int = 0, warm: bool = True, memory_mb: int = 0
    ) -> None:
        self.workers = max(1, workers)
        self.max_tasks_per_worker = max_tasks_per_worker
        self.warm = warm
        self.memory_mb = memory_mb
        # spawn: a clean interpreter per worker (no forked locks or threads from the server).
        self._context = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._free: queue.Queue[_Lane] = queue.Queue()
        self._lanes: list[_Lane] = []
        self._closed = False

    def _new_lane(self) -> _Lane:
        return _Lane(
            self._context, warm=self.warm, max_tasks=self.max_tasks_per_worker, memory_mb=self.memory_mb
        )

    def _ensure_lanes(self) -> None:
        with self._lock:
            if self._closed:
                raise OcrServiceError("The OCR workers are shut down.")
            while len(self._lanes) < self.workers:
                lane = self._new_lane()
                self._lanes.append(lane)
                self._free.put(lane)

    def _replace(self, lane: _Lane) -> _Lane:
        lane.kill()
        fresh = self._new_lane()
        with self._lock:
            self._lanes = [fresh if x is lane else x for x in self._lanes]
        return fresh

    def start(self) -> None:
        """Start the workers now so the first request does not pay for loading models."""
        self._ensure_lanes()
        lanes = [self._free.get() for _ in range(self.workers)]
        try:
            for future in [lane.pool.submit(run_task, Ping()) for lane in lanes]:
                future.result(timeout=300)
        finally:
            for lane in lanes:
                self._free.put(lane)

    def run(self, task: Task[R], /, timeout_s: float) -> R:
        self._ensure_lanes()
        lane = self._free.get()  # waits for an idle worker; the time limit starts once one runs it
        broken = False
        try:
            try:
                future: Future[R] = lane.pool.submit(run_task, task)
            except BrokenProcessPool:  # the idle process died (killed, out of memory): a fresh one
                lane = self._replace(lane)
                future = lane.pool.submit(run_task, task)
            return future.result(timeout=timeout_s)
        except HanjiError:
            raise
        except BrokenProcessPool as exc:
            broken = True
            log.error("an OCR worker process died during task %s; replacing it", task.kind)
            raise UnknownServiceError("An OCR worker stopped unexpectedly; retry the request.") from exc
        except TimeoutError as exc:
            # A running task cannot be cancelled; stop its process so a hung engine frees the CPU.
            broken = True
            log.error("task %s passed its %.0f s limit; restarting its OCR worker", task.kind, timeout_s)
            raise OcrServiceError(f"OCR took longer than {timeout_s:g} s.") from exc
        except Exception as exc:
            raise _unexpected(task, exc) from exc
        finally:
            self._free.put(self._replace(lane) if broken else lane)

    def close(self) -> None:
        with self._lock:
            self._closed = True
            lanes, self._lanes = self._lanes, []
        for lane in lanes:
            lane.pool.shutdown(wait=True, cancel_futures=True)
