"""Where OCR work runs: inline, or in local worker processes that a crash cannot take down the server with.

A task is a name from ``hanji.pipeline.tasks.TASKS`` plus keyword arguments of plain data; the same
task function runs inline, in the local pool, or on a Celery worker (the adapter picks the executor).
"""

from __future__ import annotations

import logging
import multiprocessing
import threading
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Protocol

from hanji.core.errors import HanjiError, OcrServiceError, UnknownServiceError
from hanji.pipeline.tasks import run_task, warm_up

log = logging.getLogger("hanji.executor")


class Executor(Protocol):
    """Runs a named pipeline task and returns its plain-data result, raising ``HanjiError`` on failure."""

    def run(self, task: str, /, timeout_s: float, **kwargs: Any) -> Any: ...

    def close(self) -> None: ...


def _unexpected(task: str, exc: BaseException) -> UnknownServiceError:
    """A task failed in a way nobody planned for: log it whole, tell the client only CLOVA's 0500."""
    log.error("task %s failed unexpectedly", task, exc_info=exc)
    return UnknownServiceError()


class InlineExecutor:
    """Runs tasks in the calling thread: for the CLI, tests and debugging."""

    def run(self, task: str, /, timeout_s: float, **kwargs: Any) -> Any:
        try:
            return run_task(task, kwargs)
        except HanjiError:
            raise
        except Exception as exc:
            raise _unexpected(task, exc) from exc

    def close(self) -> None:
        return None


class ProcessExecutor:
    """A pool of worker processes; models load once per process, a crashed process is replaced.

    Args:
        workers: number of processes.
        max_tasks_per_worker: recycle a process after this many tasks (0 keeps it forever), so slow
            leaks in native libraries cannot grow without bound.
    """

    def __init__(self, *, workers: int, max_tasks_per_worker: int = 0, warm: bool = True) -> None:
        self.workers = max(1, workers)
        self.max_tasks_per_worker = max_tasks_per_worker
        self.warm = warm
        self._lock = threading.Lock()
        self._pool: ProcessPoolExecutor | None = None

    def _get_pool(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                # spawn: a clean interpreter per worker (no forked locks or threads from the server).
                context = multiprocessing.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    max_workers=self.workers,
                    mp_context=context,
                    initializer=warm_up if self.warm else None,
                    max_tasks_per_child=self.max_tasks_per_worker or None,
                )
            return self._pool

    def _discard(self, pool: ProcessPoolExecutor) -> None:
        with self._lock:
            if self._pool is pool:
                self._pool = None
        pool.shutdown(wait=False, cancel_futures=True)

    def start(self) -> None:
        """Start the workers now so the first request does not pay for loading models."""
        pool = self._get_pool()
        futures = [pool.submit(run_task, "ping", {}) for _ in range(self.workers)]
        for future in futures:
            future.result(timeout=300)

    def run(self, task: str, /, timeout_s: float, **kwargs: Any) -> Any:
        pool = self._get_pool()
        try:
            future: Future[Any] = pool.submit(run_task, task, kwargs)
        except BrokenProcessPool:
            self._discard(pool)
            pool = self._get_pool()
            future = pool.submit(run_task, task, kwargs)
        try:
            return future.result(timeout=timeout_s)
        except HanjiError:
            raise
        except BrokenProcessPool as exc:
            log.error("an OCR worker process died during task %s; replacing the pool", task)
            self._discard(pool)
            raise UnknownServiceError("An OCR worker stopped unexpectedly; retry the request.") from exc
        except TimeoutError as exc:
            # A running task cannot be cancelled; stop its processes so a hung engine frees the CPU.
            log.error("task %s passed its %.0f s limit; restarting the OCR workers", task, timeout_s)
            for process in list(getattr(pool, "_processes", {}).values()):
                process.terminate()
            self._discard(pool)
            raise OcrServiceError(f"OCR took longer than {timeout_s:g} s.") from exc
        except Exception as exc:
            raise _unexpected(task, exc) from exc

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
