"""Call statistics older than HANJI_STATS_RETENTION_DAYS are purged."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from hanji.config import Settings, SettingsError
from hanji.services import stats
from hanji.storage.models import Call

SQLITE = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def _call(days_ago: float) -> Call:
    return Call(
        domain_id=1,
        endpoint_kind="general",
        pages=1,
        success=True,
        latency_ms=10,
        at=datetime.now(UTC) - timedelta(days=days_ago),
    )


def _count(factory: sessionmaker[Session]) -> int:
    with factory() as db:
        return db.scalar(select(func.count()).select_from(Call)) or 0


@SQLITE
def test_purge_old_calls_keeps_recent_ones(client: TestClient) -> None:
    factory: sessionmaker[Session] = client.app.state.session_factory  # type: ignore[attr-defined]
    with factory() as db:
        db.add_all([_call(500), _call(401), _call(399), _call(1), _call(0)])
        db.commit()
    with factory() as db:
        assert stats.purge_old_calls(db, older_than_days=0) == 0  # 0: keep forever
        assert stats.purge_old_calls(db, older_than_days=400) == 2
        db.commit()
    assert _count(factory) == 3
    with factory() as db:
        assert stats.purge_old_calls(db, older_than_days=30) == 1
        db.commit()
    assert _count(factory) == 2


def test_purge_due_at_most_once_an_hour(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stats, "_last_purge", -stats.PURGE_INTERVAL_S)
    assert stats.purge_due(now=0.0)
    assert not stats.purge_due(now=10.0)
    assert not stats.purge_due(now=stats.PURGE_INTERVAL_S - 1)
    assert stats.purge_due(now=stats.PURGE_INTERVAL_S)


def test_retention_setting() -> None:
    assert Settings().stats_retention_days == 400
    assert Settings.from_env({"HANJI_STATS_RETENTION_DAYS": "0"}).stats_retention_days == 0
    with pytest.raises(SettingsError):
        Settings.from_env({"HANJI_STATS_RETENTION_DAYS": "-1"})
