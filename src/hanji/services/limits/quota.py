"""Monthly call quotas by service plan, counted from the call records."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hanji.core.errors import QuotaExceeded
from hanji.storage.models import Call, Domain


def month_start(now: datetime | None = None) -> datetime:
    now = now or datetime.now(UTC)
    return now.replace(day=1, hour=0, minute=0, second=0, microsecond=0)


def check_quota(db: Session, *, domain: Domain, monthly_quota: int | None) -> None:
    """Refuse the call with CLOVA's 0023 when the domain used its plan's calls this month."""
    if monthly_quota is None:
        return
    used = db.scalar(select(func.count(Call.id)).where(Call.domain_id == domain.id, Call.at >= month_start()))
    if (used or 0) >= monthly_quota:
        raise QuotaExceeded(f"The '{domain.service_plan}' plan allows {monthly_quota} calls a month.")
