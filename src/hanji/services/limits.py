"""Per-domain rate limits (calls per minute) and monthly call quotas by service plan."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque
from datetime import UTC, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hanji.core.errors import QuotaExceeded, RateLimited
from hanji.storage.models import Call, Domain


class RateLimiter:
    """A sliding one-minute window per domain, in memory (per API process)."""

    def __init__(self, *, per_minute: int) -> None:
        self.per_minute = per_minute
        self._calls: dict[int, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def acquire(self, domain_id: int) -> None:
        if self.per_minute <= 0:
            return
        now = time.monotonic()
        with self._lock:
            window = self._calls[domain_id]
            while window and now - window[0] >= 60.0:
                window.popleft()
            if len(window) >= self.per_minute:
                retry = max(1, math.ceil(60.0 - (now - window[0])))
                raise RateLimited(
                    f"At most {self.per_minute} calls per minute.", headers={"Retry-After": str(retry)}
                )
            window.append(now)


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
