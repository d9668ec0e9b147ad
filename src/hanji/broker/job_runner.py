"""``CeleryJobRunner``: jobs started by sending their first step to the workers."""

from __future__ import annotations

from celery import Celery

from hanji.broker.celery_app import JOBS_QUEUE


class CeleryJobRunner:
    """Dispatches jobs to ``hanji worker``s; the broker, not this process, owns a running job.

    Args:
        app: the Celery app (shared with the ``CeleryExecutor``).
    """

    # A running job's tasks sit in the broker and come back if a worker dies; starting them again
    # at API start-up would only duplicate (harmless, wasteful) work.
    resumes_running = False

    def __init__(self, app: Celery) -> None:
        self.app = app

    def dispatch(self, job_id: str) -> None:
        self.app.send_task("hanji.job_start", args=[job_id], queue=JOBS_QUEUE)

    def close(self) -> None:
        return None
