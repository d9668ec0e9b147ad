"""Failed authentication throttling: too many failures from one client in a window → 429.

Used for operator sign-in (``TOO_MANY_ATTEMPTS``) and for invoke secrets (CLOVA's ``0025``).
"""

from __future__ import annotations

import threading
import time
from collections import deque

from hanji.core.errors import HanjiError, TooManyAttempts

MAX_CLIENTS = 10_000
"""Clients the table remembers at most: past that the stalest are forgotten, so random paths and
addresses cannot grow it without bound."""


class FailedAuthThrottle:
    """Counts failures per client address in memory (per server process; enough to slow guessing).

    The address is the connection's peer (or, behind a proxy named in HANJI_TRUSTED_PROXIES, the
    client it forwards for): no header a client sends can change it.
    """

    def __init__(
        self,
        *,
        max_failures: int = 10,
        window_s: float = 60.0,
        error: type[HanjiError] = TooManyAttempts,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.max_failures = max_failures
        self.window_s = window_s
        self.error = error
        self.max_clients = max_clients
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    @staticmethod
    def _client(address: str, scope: str) -> str:
        # Per address (not per header a client could vary) and per ``scope`` (e.g. the domain), so
        # one misconfigured client behind a shared proxy address locks out only its own domain.
        return f"{address}|{scope}"

    def _recent(self, client: str, now: float) -> deque[float]:
        times = self._failures.get(client) or deque()
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def _forget_stale(self, now: float) -> None:
        """Drop clients with no failure in the window; if still full, the least recently failed."""
        for client in [c for c, t in self._failures.items() if not t or now - t[-1] > self.window_s]:
            del self._failures[client]
        while len(self._failures) >= self.max_clients:
            del self._failures[next(iter(self._failures))]

    def check(self, address: str, scope: str = "") -> None:
        now = time.monotonic()
        with self._lock:
            client = self._client(address, scope)
            times = self._recent(client, now)
            if not times:
                self._failures.pop(client, None)  # keep the table as small as the active clients
            elif len(times) >= self.max_failures:
                retry = int(self.window_s - (now - times[0])) + 1
                raise self.error(headers={"Retry-After": str(retry)})

    def fail(self, address: str, scope: str = "") -> None:
        now = time.monotonic()
        with self._lock:
            client = self._client(address, scope)
            times = self._failures.pop(client, None) or deque()
            if len(self._failures) >= self.max_clients:
                self._forget_stale(now)
            times.append(now)
            self._failures[client] = times  # re-inserted last: the dict is ordered by last failure

    def tracked(self) -> int:
        """Clients currently remembered (for tests and metrics)."""
        return len(self._failures)
