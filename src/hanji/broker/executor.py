"""``CeleryExecutor``: the ``Executor`` protocol over Celery, for synchronous invoke calls."""

from __future__ import annotations

import logging
from typing import TypeVar

from celery import Celery
from celery.exceptions import TimeoutError as CeleryTimeout

from hanji.broker.celery_app import INVOKE_QUEUE
from hanji.broker.envelope import unwrap
from hanji.core.errors import HanjiError, OcrServiceError
from hanji.pipeline.task import Task, decode_result, encode_task

log = logging.getLogger("hanji.workers")
R = TypeVar("R")


class CeleryExecutor:
    """Sends each task to a ``hanji worker`` and waits for its reply; request and result travel as
    JSON made from their types (``hanji.pipeline.task``).

    Args:
        app: the Celery app (``create_celery_app(settings)``).
    """

    def __init__(self, app: Celery) -> None:
        self.app = app

    def run(self, task: Task[R], /, timeout_s: float) -> R:
        try:
            # expires: a task still queued (or redelivered) after its caller gave up is dropped,
            # so an input that kills workers cannot be redelivered forever.
            result = self.app.send_task(
                "hanji.run_task", args=[encode_task(task)], queue=INVOKE_QUEUE, expires=timeout_s
            )
        except Exception as exc:  # the broker is down or refuses the message
            log.error("could not send task %s to the broker: %s", task.kind, exc)
            raise OcrServiceError("The OCR workers cannot be reached.") from exc
        try:
            reply = result.get(timeout=timeout_s)
        except CeleryTimeout as exc:
            raise OcrServiceError(f"OCR took longer than {timeout_s:.0f} s.") from exc
        except HanjiError:
            raise
        except Exception as exc:  # the task itself crashed (a bug) or the backend failed
            log.error("task %s failed on a worker: %r", task.kind, exc)
            raise OcrServiceError() from exc
        finally:
            result.forget()
        return decode_result(task, unwrap(reply))

    def close(self) -> None:
        self.app.close()
