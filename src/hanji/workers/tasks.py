"""The Celery tasks: one for synchronous OCR, three for async jobs (start, page part, webhook).

Job tasks only carry ids; their state lives in the database and the blob store, and each step is
idempotent (``hanji.services.jobs.steps``), which is what makes late acknowledgement safe.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, Task

from hanji.broker.envelope import wrap_error
from hanji.config import Settings
from hanji.core.errors import HanjiError
from hanji.core.wire import Wire
from hanji.pipeline import flows as _flows  # noqa: F401 (registers every task for decode_task)
from hanji.pipeline.task import decode_task, encode_result
from hanji.services.jobs.steps import Outcome, give_up, run_part, start_job
from hanji.services.jobs.webhooks import backoff_s, deliver_job_webhook
from hanji.workers.runtime import worker_runtime

log = logging.getLogger("hanji.workers")


def register_tasks(app: Celery, settings: Settings) -> None:
    """Define the tasks on ``app`` (a worker's app; the API sends them by name)."""
    # Retries of a step are bounded twice: here, and by the attempts counted in the database.
    step_retries = settings.task_attempts * 2

    @app.task(name="hanji.run_task")  # type: ignore[untyped-decorator]
    def ocr(message: Wire) -> dict[str, Any]:
        try:
            request = decode_task(message)
            return {"ok": encode_result(request, request.run())}
        except HanjiError as exc:
            return wrap_error(exc)

    @app.task(name="hanji.job_start", bind=True, max_retries=step_retries)  # type: ignore[untyped-decorator]
    def job_start(self: Task, job_id: str) -> None:
        try:
            outcome, parts = start_job(worker_runtime(settings).job_context, job_id)
        except Exception as exc:
            log.exception("job %s: start failed", job_id)
            raise self.retry(exc=exc, countdown=backoff_s(self.request.retries + 1)) from exc
        if outcome is Outcome.FINISHED:
            job_webhook.delay(job_id)
        for index in parts:
            job_part.delay(job_id, index)

    @app.task(name="hanji.job_part", bind=True, max_retries=step_retries)  # type: ignore[untyped-decorator]
    def job_part(self: Task, job_id: str, index: int) -> None:
        context = worker_runtime(settings).job_context
        try:
            outcome = run_part(context, job_id, index)
        except Exception:
            log.exception("job %s part %d failed unexpectedly", job_id, index)
            outcome = Outcome.RETRY
        if outcome is Outcome.RETRY:
            if self.request.retries >= step_retries:
                outcome = give_up(context, job_id, f"Pages of part {index} kept failing.")
            else:
                raise self.retry(countdown=backoff_s(self.request.retries))
        if outcome is Outcome.FINISHED:
            job_webhook.delay(job_id)

    @app.task(name="hanji.job_webhook", bind=True, max_retries=settings.webhook_attempts)  # type: ignore[untyped-decorator]
    def job_webhook(self: Task, job_id: str) -> None:
        context = worker_runtime(settings).job_context
        delivered = deliver_job_webhook(
            context.session_factory,
            blobs=context.blobs,
            job_id=job_id,
            allow=settings.fetch_allow,
            max_attempts=settings.webhook_attempts,
        )
        if not delivered:
            raise self.retry(countdown=backoff_s(self.request.retries + 1))
