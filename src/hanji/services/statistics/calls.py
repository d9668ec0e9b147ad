"""Call statistics: one record per invoke call, aggregated by hour or day for the stats API."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hanji.core.errors import InvalidQuery
from hanji.storage.models import Call


@dataclass(frozen=True)
class CallRecord:
    domain_id: int
    endpoint_kind: str
    pages: int
    success: bool
    error_code: str | None
    latency_ms: int
    request_bytes: int
    table_pages: int = 0
    template_id: int | None = None


def record_call(db: Session, *, record: CallRecord) -> None:
    db.add(
        Call(
            domain_id=record.domain_id,
            template_id=record.template_id,
            endpoint_kind=record.endpoint_kind,
            pages=record.pages,
            success=record.success,
            error_code=record.error_code,
            latency_ms=record.latency_ms,
            request_bytes=record.request_bytes,
            table_pages=record.table_pages,
        )
    )


def purge_old_calls(db: Session, *, older_than_days: int) -> int:
    """Delete calls recorded more than ``older_than_days`` ago (0: keep all); the number deleted.

    The caller commits."""
    if older_than_days <= 0:
        return 0
    cutoff = datetime.now(UTC) - timedelta(days=older_than_days)
    result = db.execute(delete(Call).where(Call.at < cutoff))
    return int(getattr(result, "rowcount", 0) or 0)


def _percentile(values: list[int], q: float) -> int:
    ordered = sorted(values)
    if not ordered:
        return 0
    index = min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))
    return ordered[index]


def call_buckets(
    db: Session,
    *,
    domain_id: int | None = None,
    template_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    bucket: str = "day",
) -> list[dict[str, Any]]:
    """Aggregate calls per (bucket, domain, template) as the spec's stats API shows them."""
    if bucket not in ("hour", "day"):
        raise InvalidQuery("bucket must be 'hour' or 'day'.", details={"field": "bucket"})
    stmt = select(Call)
    if domain_id is not None:
        stmt = stmt.where(Call.domain_id == domain_id)
    if template_id is not None:
        stmt = stmt.where(Call.template_id == template_id)
    if start is not None:
        stmt = stmt.where(Call.at >= start)
    if end is not None:
        stmt = stmt.where(Call.at < end)
    fmt = "%Y-%m-%dT%H:00Z" if bucket == "hour" else "%Y-%m-%d"
    groups: dict[tuple[str, int, int | None], list[Call]] = defaultdict(list)
    for call in db.scalars(stmt.order_by(Call.at)):
        groups[(call.at.strftime(fmt), call.domain_id, call.template_id)].append(call)
    rows = []
    for (label, dom, tpl), calls in sorted(
        groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0)
    ):
        codes: dict[str, int] = defaultdict(int)
        for call in calls:
            if call.error_code:
                codes[call.error_code] += 1
        latencies = [c.latency_ms for c in calls]
        rows.append(
            {
                "bucket": label,
                "domain_id": dom,
                "template_id": tpl,
                "calls": len(calls),
                "pages": sum(c.pages for c in calls),
                "success": sum(1 for c in calls if c.success),
                "failure": sum(1 for c in calls if not c.success),
                "error_codes": dict(codes),
                "table_pages": sum(c.table_pages for c in calls),
                "latency_ms_p50": _percentile(latencies, 0.5),
                "latency_ms_p95": _percentile(latencies, 0.95),
                "domain_deleted": any(c.domain_deleted for c in calls),
            }
        )
    return rows
