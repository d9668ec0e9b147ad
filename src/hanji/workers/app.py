"""A worker's Celery app: the client app with the tasks registered and the engines warmed per process."""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery.signals import worker_process_init

from hanji.broker.celery_app import create_celery_app
from hanji.config import Settings
from hanji.services.execution.memory import cap_address_space
from hanji.workers.tasks import register_tasks


def create_worker_app(settings: Settings) -> Celery:
    app = create_celery_app(settings)
    register_tasks(app, settings)

    def start_process(**_: Any) -> None:
        """Cap the worker process's memory and load the engines once, before its first task."""
        from hanji.pipeline.flows import warm_up

        cap_address_space(settings.worker_memory_mb)
        warm_up()

    worker_process_init.connect(start_process, weak=False, dispatch_uid="hanji-warm-up")
    return app
