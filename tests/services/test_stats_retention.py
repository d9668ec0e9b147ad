"""Call statistics older than HANJI_STATS_RETENTION_DAYS are purged."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from hanji.config import Settings, SettingsError
from hanji.services.statistics import calls as stats
from hanji.services.statistics.retention import RetentionJanitor
from hanji.storage.database import make_engine, make_session_factory
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


@pytest.fixture
def factory(database_url: str) -> Iterator[sessionmaker[Session]]:
    """A session factory on the test database with no app: no retention janitor purges beside the test."""
    engine = make_engine(database_url)
    yield make_session_factory(engine)
    engine.dispose()


@SQLITE
def test_purge_old_calls_keeps_recent_ones(factory: sessionmaker[Session]) -> None:
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


@SQLITE
def test_the_janitor_purges_at_start_and_then_on_its_interval(factory: sessionmaker[Session]) -> None:
    with factory() as db:
        db.add_all([_call(500), _call(1)])
        db.commit()
    janitor = RetentionJanitor(factory, days=30, interval_s=0.05)
    janitor.start()
    try:
        deadline = time.monotonic() + 10
        while _count(factory) != 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _count(factory) == 1
        with factory() as db:
            db.add(_call(45))
            db.commit()
        while _count(factory) != 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        assert _count(factory) == 1  # purged again on the next round, with no call made
    finally:
        janitor.close()


def test_a_janitor_keeping_records_forever_starts_no_thread() -> None:
    janitor = RetentionJanitor(sessionmaker(), days=0)
    janitor.start()
    assert janitor._thread is None


def test_retention_setting() -> None:
    assert Settings().stats_retention_days == 400
    assert Settings.from_env({"HANJI_STATS_RETENTION_DAYS": "0"}).stats_retention_days == 0
    with pytest.raises(SettingsError):
        Settings.from_env({"HANJI_STATS_RETENTION_DAYS": "-1"})
