"""Task payloads and replies as JSON: bytes survive, Hanji errors come back with class and code."""

from __future__ import annotations

import pytest
from kombu.utils.json import dumps, loads

from hanji.broker.celery_app import INVOKE_QUEUE, create_celery_app
from hanji.broker.envelope import unwrap, wrap_error
from hanji.config import Settings
from hanji.core.errors import OcrServiceError, RequestBodyInvalid, RequestBodyTooLarge, UnknownServiceError


def test_file_bytes_cross_the_json_serializer_as_base64() -> None:
    payload = ["general", {"data": bytes(range(256)), "languages": ["ko"]}]
    wire = dumps(payload)
    assert "base64" in wire and loads(wire) == payload


@pytest.mark.parametrize(
    "error",
    [
        RequestBodyInvalid("the PDF has 12 pages"),
        RequestBodyTooLarge("big"),
        OcrServiceError(),
        UnknownServiceError("boom"),
    ],
)
def test_errors_come_back_as_the_same_class_with_the_same_message(error: Exception) -> None:
    with pytest.raises(type(error)) as caught:
        unwrap(loads(dumps(wrap_error(error))))  # type: ignore[arg-type]
    assert type(caught.value) is type(error) and str(caught.value) == str(error)


def test_unknown_error_type_falls_back_to_its_code() -> None:
    with pytest.raises(RequestBodyInvalid):
        unwrap({"error": {"type": "Gone", "code": "0011", "message": "Request body invalid. x"}})
    assert unwrap({"ok": {"pages": []}}) == {"pages": []}


def test_app_config_keeps_tasks_until_done() -> None:
    app = create_celery_app(Settings(broker_url="redis://127.0.0.1:6379/11"))
    conf = app.conf
    assert conf.task_acks_late and conf.task_reject_on_worker_lost and conf.worker_prefetch_multiplier == 1
    assert conf.task_serializer == "json" and conf.accept_content == ["json"]
    assert conf.result_backend == "redis://127.0.0.1:6379/11"
    assert INVOKE_QUEUE in {q.name for q in app.amqp.queues.values()}
    amqp = Settings(broker_url="amqp://guest:guest@127.0.0.1:5672//", database_url="postgresql+psycopg://x/y")
    assert amqp.resolved_result_backend == "db+postgresql+psycopg://x/y"
