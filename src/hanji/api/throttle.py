"""Failed sign-in throttling: too many failures from one client in a window → 429."""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from fastapi import Request

from hanji.core.errors import TooManyAttempts


class FailedAuthThrottle:
    """Counts failures per client address in memory (per server process; enough to slow guessing)."""

    def __init__(self, *, max_failures: int = 10, window_s: float = 60.0) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _client(self, request: Request) -> str:
        return request.client.host if request.client else "unknown"

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures[client]
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def check(self, request: Request) -> None:
        now = time.monotonic()
        with self._lock:
            times = self._recent(self._client(request), now)
            if len(times) >= self.max_failures:
                retry = int(self.window_s - (now - times[0])) + 1
                raise TooManyAttempts(headers={"Retry-After": str(retry)})

    def fail(self, request: Request) -> None:
        with self._lock:
            self._failures[self._client(request)].append(time.monotonic())
