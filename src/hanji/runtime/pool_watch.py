"""How many database connections are checked out of the pool, now and at most since the last look."""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine


class PoolWatch:
    """Counts checkouts and checkins on ``engine``'s pool (the load benchmark reads the peak from
    ``/metrics``: a connection held while OCR runs shows as a peak that grows with the calls)."""

    def __init__(self, engine: Engine) -> None:
        self._lock = threading.Lock()
        self.checked_out = 0
        self.peak = 0
        event.listen(engine, "checkout", self._checkout)
        event.listen(engine, "checkin", self._checkin)

    def _checkout(self, *_: Any) -> None:
        with self._lock:
            self.checked_out += 1
            self.peak = max(self.peak, self.checked_out)

    def _checkin(self, *_: Any) -> None:
        with self._lock:
            self.checked_out = max(0, self.checked_out - 1)

    def take_peak(self) -> int:
        """The peak since the last call; the next window starts from what is checked out now."""
        with self._lock:
            peak, self.peak = self.peak, self.checked_out
            return peak
