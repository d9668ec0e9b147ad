"""Call statistics: one record per invoke call (summed by ``aggregates``), purged when old."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

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
