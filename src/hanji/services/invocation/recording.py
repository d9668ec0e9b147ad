"""Every authorised call becomes one call record (its outcome, pages, latency), whatever happened."""

from __future__ import annotations

import time

from sqlalchemy.orm import Session, sessionmaker

from hanji.core.errors import HanjiError
from hanji.services.invocation.outcome import InvokeOutcome
from hanji.services.management.gateway import ResolvedInvoke
from hanji.services.statistics import calls as stats


def record_outcome(
    session_factory: sessionmaker[Session],
    resolved: ResolvedInvoke,
    outcome: InvokeOutcome | None,
    error: HanjiError | None,
    request_bytes: int,
    started: float,
) -> None:
    """Record one authorised call (also one refused before OCR, e.g. a malformed body)."""
    success = error is None and outcome is not None and outcome.success
    record = stats.CallRecord(
        domain_id=resolved.domain.id,
        endpoint_kind=resolved.endpoint.kind,
        pages=outcome.pages if outcome else 0,
        success=success,
        error_code=error.code if error else None,
        latency_ms=int((time.perf_counter() - started) * 1000),
        request_bytes=request_bytes,
        table_pages=outcome.table_pages if outcome else 0,
        template_id=outcome.template_id if outcome else None,
    )
    with session_factory() as db:  # old records are purged by the RetentionJanitor, not here
        stats.record_call(db, record=record)
        db.commit()
