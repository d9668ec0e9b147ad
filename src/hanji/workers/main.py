"""Entry point for the ``celery`` command: ``celery -A hanji.workers.main worker``.

Settings come from the ``HANJI_*`` environment, as for ``hanji worker`` (which builds the same app).
"""

from __future__ import annotations

from hanji.config import Settings
from hanji.workers.app import create_worker_app

app = create_worker_app(Settings.from_env())
