"""The statistics summary is summed by the database: it equals a brute-force Python computation on
SQLite and PostgreSQL, cuts buckets in UTC whatever the session's zone, and costs a fixed number of
aggregate statements however many calls there are."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.orm import Session, sessionmaker

from hanji.config import Settings
from hanji.services.statistics.aggregates import call_buckets
from hanji.services.statistics.summary import StatsQuery, load_summary
from hanji.storage.database import make_engine, make_session_factory
from hanji.storage.models import Call
from tests.services.statistics import reference
from tests.services.statistics.reference import NOW, domain_rows, seeded_calls


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    engine = make_engine(database_url)
    yield engine
    engine.dispose()


@pytest.fixture
def factory(engine: Engine) -> sessionmaker[Session]:
    factory = make_session_factory(engine)
    with factory() as db:
        db.add_all(domain_rows())
        db.commit()
    return factory


def _store(factory: sessionmaker[Session], calls: list[Call]) -> None:
    with factory() as db:
        db.add_all(calls)
        db.commit()


def _session(factory: sessionmaker[Session]) -> Session:
    """A session whose PostgreSQL connection is in Seoul (UTC+9): buckets must still be UTC."""
    db = factory()
    if db.get_bind().dialect.name == "postgresql":
        db.execute(text("SET TIME ZONE 'Asia/Seoul'"))
    return db


def _quotas(settings: Settings) -> dict[str, int | None]:
    return {plan: settings.monthly_quota(plan) for plan in ("basic", "standard", "unlimited")}


QUERIES = [
    # Across the month's end, by hour: February's calls count in the period, not in quota use.
    StatsQuery(date(2026, 2, 26), date(2026, 3, 1), "hour"),
    StatsQuery(date(2026, 2, 27), date(2026, 3, 2), "day"),
    StatsQuery(date(2026, 2, 26), date(2026, 3, 2), "day", domain_id=2),
    StatsQuery(date(2026, 2, 28), date(2026, 3, 1), "hour", domain_id=4, template_id=11),
    StatsQuery(date(2026, 2, 26), date(2026, 3, 2), "day", template_id=7),
    StatsQuery(date(2025, 1, 1), date(2025, 1, 2), "day"),  # no calls: zeros
]


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: f"{q.start}-{q.end}-{q.bucket}-{q.domain_id}")
def test_the_summary_equals_a_brute_force_computation(
    factory: sessionmaker[Session], settings: Settings, query: StatsQuery
) -> None:
    calls = seeded_calls(400)
    _store(factory, calls)
    with _session(factory) as db:
        got = load_summary(db, settings, query, now=NOW).model_dump(mode="json", by_alias=True)
    expected = reference.summary(
        calls,
        first=query.start,
        last=query.end,
        bucket=query.bucket,
        quotas=_quotas(settings),
        domain_id=query.domain_id,
        template_id=query.template_id,
    )
    for part in ("totals", "series", "by_domain", "by_template", "quota"):
        assert got[part] == expected[part], part
    assert got == expected


def test_the_seed_covers_what_the_summary_must_get_right(settings: Settings) -> None:
    """Guard the brute-force test against a seed too thin to catch anything."""
    calls = seeded_calls(400)
    s = reference.summary(
        calls, first=date(2026, 2, 26), last=date(2026, 3, 2), bucket="hour", quotas=_quotas(settings)
    )
    assert len(s["series"]) > 90 and len(s["by_template"]) == 4
    assert any(d["deleted"] for d in s["by_domain"]) and len(s["totals"]["error_codes"]) == 4
    assert {q["calls"] > 0 for q in s["quota"]} == {True} and s["quota"][0]["name"] == "Bills-b"
    assert sum(c.at < datetime(2026, 3, 1, tzinfo=UTC) for c in calls) > 200


@pytest.mark.parametrize(
    "where",
    [
        {"bucket": "hour"},
        {"bucket": "day", "domain_id": 1},
        {"bucket": "day", "template_id": 8},
        {
            "bucket": "hour",
            "start": datetime(2026, 2, 28, 15, 30, tzinfo=UTC),
            "end": datetime(2026, 3, 1, 0, 59, 59, tzinfo=UTC),
        },
    ],
)
def test_call_rows_equal_a_brute_force_computation(
    factory: sessionmaker[Session], where: dict[str, Any]
) -> None:
    calls = seeded_calls(300, seed=11)
    _store(factory, calls)
    with _session(factory) as db:
        got = [row.model_dump(mode="json") for row in call_buckets(db, **where)]
    assert got == reference.call_buckets(calls, **where)


def test_buckets_are_utc_hours_and_days_whatever_the_session_zone(factory: sessionmaker[Session]) -> None:
    calls = seeded_calls(4)  # the edges: 15:30 and 23:59:59.999999 on Feb 28, 00:00 and 00:59:59 on Mar 1
    _store(factory, calls)
    with _session(factory) as db:
        hours = [(r.bucket, r.calls) for r in call_buckets(db, bucket="hour")]
        days = [r.bucket for r in call_buckets(db, bucket="day")]
    assert sorted({b for b, _ in hours}) == ["2026-02-28T15:00Z", "2026-02-28T23:00Z", "2026-03-01T00:00Z"]
    assert sorted(set(days)) == ["2026-02-28", "2026-03-01"]


@contextmanager
def _statements(engine: Engine) -> Iterator[list[str]]:
    """The SELECT statements ``engine`` runs inside the block."""
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def test_the_summary_is_a_few_aggregate_statements_whatever_the_number_of_calls(
    engine: Engine, factory: sessionmaker[Session], settings: Settings
) -> None:
    query = StatsQuery(date(2026, 2, 26), date(2026, 3, 2), "hour")
    counts = []
    for n in (20, 600):
        _store(factory, seeded_calls(n, seed=n))
        with _statements(engine) as seen, factory() as db:
            load_summary(db, settings, query, now=NOW)
        counts.append(len(seen))
        for sql in seen:
            # The outermost select aggregates: one row comes back per group, never one per call.
            outer = re.split(r"\sFROM\s", sql, maxsplit=1)[0].lower()
            assert "count(" in outer, sql
    assert counts == [9, 9]


def _call(
    domain_id: int, latency_ms: int, *, template_id: int | None = None, error: str | None = None
) -> Call:
    return Call(
        domain_id=domain_id,
        domain_deleted=domain_id == reference.DELETED_DOMAIN,
        template_id=template_id,
        endpoint_kind="general",
        pages=1,
        success=error is None,
        error_code=error,
        latency_ms=latency_ms,
        at=datetime(2026, 3, 1, 9, tzinfo=UTC),
    )


def test_merged_groups_get_exact_percentiles(factory: sessionmaker[Session], settings: Settings) -> None:
    """One bucket over three domains: p50 is the 3rd of 5 latencies and p95 the 5th, not a blend of
    the domains' percentiles; a deleted domain keeps its numbers under its id."""
    _store(
        factory,
        [
            _call(1, 100),
            _call(1, 100),
            _call(1, 100),
            _call(2, 500, template_id=7),
            _call(reference.DELETED_DOMAIN, 40, error="0011"),
        ],
    )
    with _session(factory) as db:
        summary = load_summary(db, settings, StatsQuery(date(2026, 3, 1), date(2026, 3, 1)), now=NOW)
    [day] = summary.series
    assert (day.bucket, day.calls, day.latency_ms_p50, day.latency_ms_p95) == ("2026-03-01", 5, 100, 500)
    assert summary.totals.error_codes == {"0011": 1} and summary.totals.failure == 1
    assert [(d.domain_id, d.calls, d.deleted, d.name) for d in summary.by_domain] == [
        (1, 3, False, "general"),
        (2, 1, False, "bills"),
        (reference.DELETED_DOMAIN, 1, True, None),
    ]
    [template] = summary.by_template
    assert (template.domain, template.template_id, template.latency_ms_p50) == ("bills", 7, 500)
    bills = next(q for q in summary.quota if q.name == "bills")
    assert (bills.calls, bills.quota, bills.percent) == (1, 10_000, 0.0)
