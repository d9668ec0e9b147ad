"""Per-domain rate limits: calls per minute, in memory."""

from __future__ import annotations

import math
import threading
import time
from collections import defaultdict, deque

from hanji.core.errors import RateLimited


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
