"""A worker's Celery app: the client app with the tasks registered and the engines warmed per process."""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery.signals import worker_process_init

from hanji.broker.celery_app import create_celery_app
from hanji.config import Settings
from hanji.workers.tasks import register_tasks


def create_worker_app(settings: Settings) -> Celery:
    app = create_celery_app(settings)
    register_tasks(app, settings)
    worker_process_init.connect(_warm_up_process, weak=False, dispatch_uid="hanji-warm-up")
    return app


def _warm_up_process(**_: Any) -> None:
    """Load the engines once per worker process, before its first task."""
    from hanji.pipeline.tasks import warm_up

    warm_up()
