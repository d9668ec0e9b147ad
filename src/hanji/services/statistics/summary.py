"""Load what the statistics page shows; shared by the page and its JSON twin ``/api/v1/stats/summary``.

Every number is summed by the database (see ``aggregates``): nine statements per summary,
however many calls are stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import cast

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from hanji.config import Settings
from hanji.core.errors import InvalidQuery
from hanji.services.limits.quota import month_start
from hanji.services.statistics import aggregates
from hanji.services.statistics.aggregates import CallFilter
from hanji.services.statistics.views import (
    Bucket,
    DomainTotals,
    QuotaUse,
    SeriesPoint,
    StatsSummary,
    TemplateTotals,
)
from hanji.storage.models import Call, Domain, Template

DEFAULT_DAYS = 7


@dataclass(frozen=True)
class StatsQuery:
    start: date
    end: date
    """Inclusive last day."""
    bucket: Bucket = "day"
    domain_id: int | None = None
    template_id: int | None = None


def parse_query(params: dict[str, str], *, today: date | None = None) -> StatsQuery:
    """Read ``from``, ``to`` (dates), ``bucket``, ``domain_id``, ``template_id``; default: last 7 days."""
    today = today or datetime.now(UTC).date()

    def day(name: str, default: date) -> date:
        raw = params.get(name)
        if not raw:
            return default
        try:
            return date.fromisoformat(raw[:10])
        except ValueError:
            raise InvalidQuery(f"{name} must be a date (YYYY-MM-DD).", details={"field": name}) from None

    def number(name: str) -> int | None:
        raw = params.get(name)
        if not raw:
            return None
        if not raw.isdigit():
            raise InvalidQuery(f"{name} must be a number.", details={"field": name})
        return int(raw)

    end = day("to", today)
    start = day("from", end - timedelta(days=DEFAULT_DAYS - 1))
    if start > end:
        raise InvalidQuery("from must not be after to.", details={"field": "from"})
    bucket = params.get("bucket") or "day"
    if bucket not in ("day", "hour"):
        raise InvalidQuery("bucket must be 'hour' or 'day'.", details={"field": "bucket"})
    return StatsQuery(start, end, cast(Bucket, bucket), number("domain_id"), number("template_id"))


@dataclass(frozen=True)
class LiveDomain:
    """A domain that exists, with its calls since the start of this month (UTC)."""

    id: int
    name: str
    service_type: str
    service_plan: str
    calls_this_month: int


def live_domains(
    db: Session, *, since: datetime, domain_ids: frozenset[int] | None = None
) -> list[LiveDomain]:
    """Every domain (of ``domain_ids``, when given) with its calls at or after ``since``, counted in
    the same query; by id."""
    calls = func.count(Call.id)
    stmt = (
        select(Domain.id, Domain.name, Domain.service_type, Domain.service_plan, calls)
        .outerjoin(Call, and_(Call.domain_id == Domain.id, Call.at >= since))
        .group_by(Domain.id, Domain.name, Domain.service_type, Domain.service_plan)
        .order_by(Domain.id)
    )
    if domain_ids is not None:
        stmt = stmt.where(Domain.id.in_(sorted(domain_ids)))
    return [LiveDomain(*row) for row in db.execute(stmt)]


def quota_use(domains: list[LiveDomain], settings: Settings) -> list[QuotaUse]:
    """This month's calls per domain against its plan's monthly quota, by plan and then name."""
    out = []
    # Sorted here, not in SQL: code point order, the same on SQLite and under any PostgreSQL collation.
    for d in sorted(domains, key=lambda d: (d.service_plan, d.name)):
        quota = settings.monthly_quota(d.service_plan)
        percent = round(100 * d.calls_this_month / quota, 1) if quota else None
        out.append(
            QuotaUse(
                domain_id=d.id,
                name=d.name,
                service_plan=d.service_plan,
                calls=d.calls_this_month,
                quota=quota,
                percent=percent,
            )
        )
    return out


def load_summary(
    db: Session,
    settings: Settings,
    query: StatsQuery,
    *,
    now: datetime | None = None,
    domain_ids: frozenset[int] | None = None,
) -> StatsSummary:
    """The page's data: totals, series, per-domain and per-template totals, and quota use this month.

    Args:
        db: the session to read with.
        settings: gives each service plan's monthly quota.
        query: the period (whole UTC days), bucket and filters; quota use ignores the filters.
        now: the time whose month quota use counts (default: now).
        domain_ids: the domains the caller may see (None: every domain); others are left out.
    """
    period = CallFilter(
        domain_id=query.domain_id,
        template_id=query.template_id,
        start=datetime.combine(query.start, datetime.min.time(), UTC),
        end=datetime.combine(query.end + timedelta(days=1), datetime.min.time(), UTC),
        domain_ids=domain_ids,
    )
    domains = live_domains(db, since=month_start(now), domain_ids=domain_ids)
    known = {d.id: d for d in domains}
    by_domain = []
    for domain_id, sums in aggregates.per_domain(db, where=period):
        info = known.get(domain_id)
        by_domain.append(
            DomainTotals(
                domain_id=domain_id,
                name=info.name if info else None,
                service_type=info.service_type if info else None,
                deleted=info is None,
                **sums.model_dump(),
            )
        )
    by_template = [
        TemplateTotals(
            domain_id=domain_id,
            domain=known[domain_id].name if domain_id in known else None,
            template_id=template_id,
            **sums.model_dump(),
        )
        for domain_id, template_id, sums in aggregates.per_template(db, where=period)
    ]
    series = [
        SeriesPoint(bucket=bucket, **sums.model_dump())
        for bucket, sums in aggregates.per_bucket(db, where=period, bucket=query.bucket)
    ]
    return StatsSummary(
        from_=query.start,
        to=query.end,
        bucket=query.bucket,
        domain_id=query.domain_id,
        template_id=query.template_id,
        totals=aggregates.totals(db, where=period),
        series=series,
        by_domain=by_domain,
        by_template=by_template,
        quota=quota_use(domains, settings),
    )


def template_names(db: Session, ids: list[int]) -> dict[int, str]:
    """The names of the templates ``ids`` that still exist (one query)."""
    if not ids:
        return {}
    rows = db.execute(select(Template.id, Template.name).where(Template.id.in_(sorted(set(ids)))))
    return {template_id: name for template_id, name in rows}
