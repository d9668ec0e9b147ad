"""Old call records are purged by a background thread, never inside a call."""

from __future__ import annotations

import logging
import threading

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from hanji.services.statistics.calls import purge_old_calls
from hanji.storage.database import transaction

log = logging.getLogger("hanji.statistics")
PURGE_INTERVAL_S = 3600.0


class RetentionJanitor:
    """Deletes call records older than ``days`` at start and then every ``interval_s``.

    Args:
        session_factory: where the records live.
        days: how long records are kept (0: forever; the janitor then does nothing).
        interval_s: the time between purges.
    """

    def __init__(
        self, session_factory: sessionmaker[Session], *, days: int, interval_s: float = PURGE_INTERVAL_S
    ) -> None:
        self.session_factory = session_factory
        self.days = days
        self.interval_s = interval_s
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def purge_now(self) -> int:
        """One purge; the number of records deleted (a database error is logged, not raised)."""
        try:
            with transaction(self.session_factory) as db:
                purged = purge_old_calls(db, older_than_days=self.days)
        except SQLAlchemyError:
            log.exception("purging old call statistics failed; tried again in %.0f s", self.interval_s)
            return 0
        if purged:
            log.info("Purged %d call records older than %d days", purged, self.days)
        return purged

    def start(self) -> None:
        if self.days <= 0 or self._thread is not None:
            return
        self._thread = threading.Thread(target=self._loop, name="hanji-retention", daemon=True)
        self._thread.start()

    def _loop(self) -> None:
        while not self._stop.is_set():
            self.purge_now()
            self._stop.wait(self.interval_s)

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None
