"""Failed authentication throttling: too many failures from one client in a window → 429.

Used for operator sign-in (``TOO_MANY_ATTEMPTS``) and for invoke secrets (CLOVA's ``0025``).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque

from fastapi import Request

from hanji.core.errors import HanjiError, TooManyAttempts


class FailedAuthThrottle:
    """Counts failures per client address in memory (per server process; enough to slow guessing)."""

    def __init__(
        self, *, max_failures: int = 10, window_s: float = 60.0, error: type[HanjiError] = TooManyAttempts
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.error = error
        self._failures: dict[str, deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _client(self, request: Request, scope: str) -> str:
        # Per address (not per header a client could vary) and per ``scope`` (e.g. the domain), so
        # one misconfigured client behind a shared proxy address locks out only its own domain.
        host = request.client.host if request.client else "unknown"
        return f"{host}|{scope}"

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures[client]
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def check(self, request: Request, scope: str = "") -> None:
        now = time.monotonic()
        with self._lock:
            client = self._client(request, scope)
            times = self._recent(client, now)
            if not times:
                self._failures.pop(client, None)  # keep the table as small as the active clients
            elif len(times) >= self.max_failures:
                retry = int(self.window_s - (now - times[0])) + 1
                raise self.error(headers={"Retry-After": str(retry)})

    def fail(self, request: Request, scope: str = "") -> None:
        with self._lock:
            self._failures[self._client(request, scope)].append(time.monotonic())
