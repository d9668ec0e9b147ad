"""The Celery app factory: broker, result backend and the delivery guarantees, from settings.

Tasks are acknowledged only after they finish (``acks_late``) and put back when their worker
process dies (``task_reject_on_worker_lost``); each worker process takes one task at a time
(``worker_prefetch_multiplier=1``), so a long PDF does not hold other tasks hostage. Messages are
JSON; kombu's JSON carries ``bytes`` as base64, so file bytes need no pickle.
"""

from __future__ import annotations

from typing import Any

from celery import Celery

from hanji.config import Settings

INVOKE_QUEUE = "hanji.invoke"
"""Synchronous invoke calls: a client is waiting."""
JOBS_QUEUE = "hanji.jobs"
"""Async job steps: start, page parts, webhooks."""


def create_celery_app(settings: Settings) -> Celery:
    """Build the Celery app the API sends tasks with (by name: it never imports the task code or
    the engines); ``hanji.workers.app`` adds the tasks for a worker."""
    app = Celery(
        "hanji", broker=settings.broker_url, backend=settings.resolved_result_backend, set_as_current=False
    )
    app.conf.update(_conf(settings))
    return app


def _conf(settings: Settings) -> dict[str, Any]:
    return {
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        "worker_prefetch_multiplier": 1,
        "task_queues": {INVOKE_QUEUE: {}, JOBS_QUEUE: {}},  # direct queues, one per name
        "task_default_queue": JOBS_QUEUE,
        "task_routes": {"hanji.run_task": {"queue": INVOKE_QUEUE}, "hanji.job_*": {"queue": JOBS_QUEUE}},
        # Redis redelivers an unacknowledged task only after this; keep it above the longest task.
        "broker_transport_options": {"visibility_timeout": settings.broker_visibility_timeout_s},
        "result_backend_transport_options": {"visibility_timeout": settings.broker_visibility_timeout_s},
        "result_expires": 3600,
        "broker_connection_retry_on_startup": True,
        # Loading the OCR models takes seconds; Celery's default 4 s would kill the process.
        "worker_proc_alive_timeout": 300,
        "worker_hijack_root_logger": False,
    }
