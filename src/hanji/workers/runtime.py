"""Per-process state of a worker: the database engine and blob store, made after the fork."""

from __future__ import annotations

import os

from hanji.config import Settings
from hanji.services.executor import InlineExecutor
from hanji.services.job_runs import JobContext
from hanji.storage.blobs import BlobStore
from hanji.storage.database import make_engine, make_session_factory

_contexts: dict[int, JobContext] = {}


def job_context(settings: Settings) -> JobContext:
    """This process's context; a forked child makes its own (database connections do not survive
    a fork). OCR runs inline: the worker process *is* the isolated OCR process."""
    pid = os.getpid()
    context = _contexts.get(pid)
    if context is None:
        engine = make_engine(settings.resolved_database_url)
        context = JobContext(
            session_factory=make_session_factory(engine),
            blobs=BlobStore(settings.data_dir / "blobs"),
            settings=settings,
            executor=InlineExecutor(),
        )
        _contexts.clear()
        _contexts[pid] = context
    return context
