"""Result webhooks wait on a bounded queue: a receiver that hangs cannot grow the server's memory."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from sqlalchemy.orm import sessionmaker

from hanji.config import Settings
from hanji.services.jobs import webhooks
from hanji.services.jobs.webhooks import ResultWebhooks
from hanji.storage.models import Domain


def test_deliveries_past_the_bound_are_dropped_and_the_slots_come_back(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()
    delivered: list[int] = []

    def slow_delivery(_: Any, *, domain_id: int, **__: Any) -> bool:
        release.wait(10)
        delivered.append(domain_id)
        return True

    monkeypatch.setattr(webhooks, "deliver_result_webhook", slow_delivery)
    hooks = ResultWebhooks(sessionmaker(), Settings(), threads=1, max_pending=2)
    domain = Domain(id=7, webhook_url="https://receiver.example/hook")
    try:
        first, second = hooks.dispatch(domain, {}), hooks.dispatch(domain, {})
        assert first is not None and second is not None
        assert hooks.dispatch(domain, {}) is None  # the third waits for nobody: dropped
        release.set()
        assert first.result(10) and second.result(10)
        assert hooks.dispatch(domain, {}) is not None  # slots are given back after delivery
        assert hooks.dispatch(Domain(id=8, webhook_url=None), {}) is None  # no webhook, no work
    finally:
        hooks.close()
    assert delivered[:2] == [7, 7]
