"""Where jobs run: the ``JobRunner`` protocol, and the local runner of the embedded mode.

The local runner drives jobs from a thread pool in the API process; OCR itself still runs on the
app's executor (local worker processes). The Celery runner (``hanji.broker``) sends the same
steps to workers instead.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from hanji.services.jobs.steps import JobContext, Outcome, give_up, run_part, start_job
from hanji.services.jobs.webhooks import backoff_s, deliver_job_webhook

log = logging.getLogger("hanji.jobs")


class JobRunner(Protocol):
    """Starts jobs that were committed as ``queued``; starting one twice must be harmless."""

    resumes_running: bool
    """Whether jobs found ``running`` at start-up must be started again (their runner died)."""

    def dispatch(self, job_id: str) -> None: ...

    def close(self) -> None: ...


class LocalJobRunner:
    """Runs job steps on a thread pool; retries wait on timers, bounded by the attempts in the DB.

    Args:
        ctx: database, blobs, settings and the executor OCR runs on.
        threads: parallel steps (at least the executor's workers, so all of them stay busy).
    """

    resumes_running = True

    def __init__(self, ctx: JobContext, *, threads: int) -> None:
        self.ctx = ctx
        self._pool = ThreadPoolExecutor(max_workers=max(1, threads), thread_name_prefix="hanji-job")
        self._closed = threading.Event()

    def dispatch(self, job_id: str) -> None:
        self._submit(self._start, job_id)

    def close(self) -> None:
        self._closed.set()
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _submit(self, fn: object, *args: object, delay_s: float = 0.0) -> None:
        if self._closed.is_set():
            return  # a job cut short here is resumed at the next start-up
        if delay_s > 0:
            timer = threading.Timer(delay_s, self._submit, (fn, *args))
            timer.daemon = True
            timer.start()
            return
        with contextlib.suppress(RuntimeError):  # shut down between the check and the submit
            self._pool.submit(fn, *args)  # type: ignore[arg-type]

    def _start(self, job_id: str) -> None:
        try:
            outcome, parts = start_job(self.ctx, job_id)
        except Exception:
            log.exception("job %s: start failed; retrying", job_id)
            self._submit(self._start, job_id, delay_s=backoff_s(1))
            return
        if outcome is Outcome.FINISHED:
            self._submit(self._webhook, job_id, 0)
        for index in parts:
            self._submit(self._part, job_id, index, 0)

    def _part(self, job_id: str, index: int, retries: int) -> None:
        try:
            outcome = run_part(self.ctx, job_id, index)
        except Exception:
            log.exception("job %s part %d failed unexpectedly", job_id, index)
            outcome = Outcome.RETRY
        if outcome is Outcome.RETRY:
            if retries >= self.ctx.settings.task_attempts * 2:
                outcome = give_up(self.ctx, job_id, f"Pages of part {index} kept failing.")
            else:
                self._submit(self._part, job_id, index, retries + 1, delay_s=backoff_s(retries))
        if outcome is Outcome.FINISHED:
            self._submit(self._webhook, job_id, 0)

    def _webhook(self, job_id: str, attempt: int) -> None:
        done = deliver_job_webhook(
            self.ctx.session_factory,
            blobs=self.ctx.blobs,
            job_id=job_id,
            allow=self.ctx.settings.fetch_allow,
            max_attempts=self.ctx.settings.webhook_attempts,
        )
        if not done:
            self._submit(self._webhook, job_id, attempt + 1, delay_s=backoff_s(attempt + 1))
