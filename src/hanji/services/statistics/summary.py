"""Load what the statistics page shows; shared by the page and its JSON twin ``/api/v1/stats/summary``."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from hanji.config import Settings
from hanji.core.errors import InvalidQuery
from hanji.services.limits.quota import month_start
from hanji.services.management import domains
from hanji.services.statistics import calls as stats
from hanji.services.statistics.merge import DomainInfo, summarise

DEFAULT_DAYS = 7


@dataclass(frozen=True)
class StatsQuery:
    start: date
    end: date
    """Inclusive last day."""
    bucket: str = "day"
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
    return StatsQuery(start, end, bucket, number("domain_id"), number("template_id"))


def domain_infos(db: Session, settings: Settings) -> dict[int, DomainInfo]:
    """Every live domain with its plan's monthly quota."""
    infos: dict[int, DomainInfo] = {}
    offset = 0
    while True:
        page = domains.list_domains(db, sort="id", limit=500, offset=offset)
        for d in page.domains:
            quota = settings.monthly_quota(d.service_plan)
            infos[d.id] = DomainInfo(d.id, d.name, d.service_type, d.service_plan, quota)
        offset += len(page.domains)
        if offset >= page.count or not page.domains:
            return infos


def load_summary(db: Session, settings: Settings, query: StatsQuery) -> dict[str, Any]:
    """The page's data: series, per-domain and per-template totals, and quota use this month."""
    start = datetime.combine(query.start, datetime.min.time(), UTC)
    end = datetime.combine(query.end + timedelta(days=1), datetime.min.time(), UTC)
    rows = stats.call_buckets(
        db,
        domain_id=query.domain_id,
        template_id=query.template_id,
        start=start,
        end=end,
        bucket=query.bucket,
    )
    month_rows = stats.call_buckets(db, start=month_start(), bucket="day")
    summary = summarise(rows, month_rows, domain_infos(db, settings))
    return {
        "from": query.start.isoformat(),
        "to": query.end.isoformat(),
        "bucket": query.bucket,
        "domain_id": query.domain_id,
        "template_id": query.template_id,
        **summary,
    }
