"""The composition root: every long-lived part of a Hanji process, built once from the settings.

The HTTP app, the CLI and the Celery workers each build one ``Runtime`` and hand it down; nothing
below looks its collaborators up by name.
"""

from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass, field

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from hanji.config import Settings
from hanji.core.errors import RateLimited
from hanji.core.private_files import private_dir
from hanji.runtime.metrics import InvokeMetrics, build_metrics, watch_pool
from hanji.runtime.pool_watch import PoolWatch
from hanji.services.execution.executor import Executor, InlineExecutor, ProcessExecutor
from hanji.services.jobs.queue import jobs_to_resume
from hanji.services.jobs.runner import JobRunner, LocalJobRunner
from hanji.services.jobs.steps import JobContext
from hanji.services.jobs.webhooks import ResultWebhooks
from hanji.services.limits.failures import FailedAuthThrottle
from hanji.services.limits.rates import RateLimiter
from hanji.services.management import operators
from hanji.services.statistics.retention import RetentionJanitor
from hanji.storage.blobs import BlobStore
from hanji.storage.database import make_engine, make_session_factory, transaction, upgrade_database

log = logging.getLogger("hanji")


@dataclass
class Runtime:
    """What a running Hanji holds; ``start`` brings it up, ``close`` lets it go."""

    settings: Settings
    engine: Engine
    session_factory: sessionmaker[Session]
    blobs: BlobStore
    executor: Executor
    job_runner: JobRunner
    result_webhooks: ResultWebhooks
    sign_in_throttle: FailedAuthThrottle
    """Failed operator sign-ins per client address."""
    invoke_throttle: FailedAuthThrottle
    """Wrong ``X-OCR-SECRET`` or invoke keys per client address and domain: CLOVA's 429 0025."""
    rate_limiter: RateLimiter
    metrics: InvokeMetrics
    pool: PoolWatch
    janitor: RetentionJanitor
    owns_executor: bool = True
    """False when the executor was handed in (tests share one): its owner closes it."""
    started: bool = field(default=False, init=False)
    ocr_ready: threading.Event = field(default_factory=threading.Event, init=False)
    """Set once the OCR workers have loaded their models (at once when nothing needs loading);
    ``/readyz`` says "loading" until then, while ``/healthz`` answers from the first second."""

    @property
    def job_context(self) -> JobContext:
        return JobContext(self.session_factory, self.blobs, self.settings, self.executor)

    def start(self, *, migrate: bool = True) -> None:
        """Upgrade the database (with ``migrate``), create the admin on first start, start the OCR
        workers and the retention janitor, and resume the jobs an earlier process left unfinished."""
        if migrate:
            upgrade_database(self.settings.resolved_database_url)
        with transaction(self.session_factory) as db:
            boot = operators.ensure_admin(
                db, password=self.settings.admin_password, data_dir=self.settings.data_dir
            )
        if boot.generated_password:
            # Printed once, on first start only; also in <data dir>/admin-password.txt (0600).
            log.warning("Created operator 'admin' with password: %s", boot.generated_password)
        if boot.password_differs:
            log.warning(
                "HANJI_ADMIN_PASSWORD is not the admin's password: it sets only the first one. "
                "Change it with 'hanji operator passwd admin' (or 'hanji operator reset admin')."
            )
        if self.owns_executor and isinstance(self.executor, ProcessExecutor):
            # Loading the models takes tens of seconds on a small machine: the server answers
            # meanwhile (calls wait for a worker), and the log says what it is doing, then when.
            threading.Thread(
                target=self._load_models, args=(self.executor,), name="ocr-warm-up", daemon=True
            ).start()
        else:
            self.ocr_ready.set()
        self.janitor.start()
        self.started = True
        self.resume_jobs()

    def _load_models(self, executor: ProcessExecutor) -> None:
        log.info("Loading the OCR models into %d worker process(es)...", executor.workers)
        began = time.monotonic()
        try:
            executor.start()
        except Exception:  # shut down while loading, or a worker that cannot start: calls say so
            log.exception("the OCR workers did not start")
            return
        self.ocr_ready.set()
        log.info("OCR workers ready in %.0f s", time.monotonic() - began)

    def resume_jobs(self) -> int:
        """Dispatch the jobs an earlier process left unfinished; returns how many."""
        with transaction(self.session_factory) as db:
            job_ids = jobs_to_resume(db, include_running=self.job_runner.resumes_running)
        try:
            for job_id in job_ids:
                self.job_runner.dispatch(job_id)
        except Exception:  # a broker that is down must not keep the API from starting
            log.exception("could not resume unfinished jobs; they are tried again at the next start")
            return 0
        if job_ids:
            log.info("resumed %d unfinished job(s)", len(job_ids))
        return len(job_ids)

    def close(self) -> None:
        self.janitor.close()
        self.result_webhooks.close()
        self.job_runner.close()
        if self.owns_executor:
            self.executor.close()
        self.engine.dispose()


def build_executor(settings: Settings) -> Executor:
    """Where invoke calls' OCR runs: Celery workers when a broker is set, else local processes
    (started by ``Runtime.start``), or this process with ``HANJI_EXECUTOR=inline``."""
    if settings.broker_url:
        from hanji.broker.celery_app import create_celery_app
        from hanji.broker.executor import CeleryExecutor

        return CeleryExecutor(create_celery_app(settings))
    if settings.executor == "inline":
        return InlineExecutor()
    return ProcessExecutor(
        workers=settings.worker_count,
        max_tasks_per_worker=settings.worker_max_tasks,
        memory_mb=settings.worker_memory_mb,
    )


def build_job_runner(settings: Settings, context: JobContext) -> JobRunner:
    """Where async jobs run: on the Celery workers with a broker, else on this process's threads."""
    if settings.broker_url:
        from hanji.broker.celery_app import create_celery_app
        from hanji.broker.executor import CeleryExecutor
        from hanji.broker.job_runner import CeleryJobRunner

        executor = context.executor
        app = executor.app if isinstance(executor, CeleryExecutor) else create_celery_app(settings)
        return CeleryJobRunner(app)
    return LocalJobRunner(context, threads=settings.worker_count)


def build_runtime(settings: Settings, *, executor: Executor | None = None) -> Runtime:
    """Build every part from ``settings``; nothing starts (no process, thread or migration) until
    ``Runtime.start``. ``executor`` overrides where OCR runs (the caller keeps owning it)."""
    settings = settings.with_server_key()
    private_dir(settings.data_dir)  # M8: secrets live here; 0700 even where it already existed
    engine = make_engine(
        settings.resolved_database_url,
        pool_size=settings.db_pool_size,
        max_overflow=settings.db_pool_overflow,
    )
    session_factory = make_session_factory(engine)
    blobs = BlobStore(settings.data_dir / "blobs")
    chosen = executor or build_executor(settings)
    context = JobContext(session_factory, blobs, settings, chosen)
    pool = PoolWatch(engine)
    metrics = build_metrics()
    watch_pool(metrics.registry, pool)
    return Runtime(
        settings=settings,
        engine=engine,
        session_factory=session_factory,
        blobs=blobs,
        executor=chosen,
        job_runner=build_job_runner(settings, context),
        result_webhooks=ResultWebhooks(session_factory, settings),
        sign_in_throttle=FailedAuthThrottle(),
        invoke_throttle=FailedAuthThrottle(max_failures=20, error=RateLimited),
        rate_limiter=RateLimiter(per_minute=settings.rate_limit_per_minute),
        metrics=metrics,
        pool=pool,
        janitor=RetentionJanitor(session_factory, days=settings.stats_retention_days),
        owns_executor=executor is None,
    )


def build_worker_runtime(settings: Settings) -> Runtime:
    """A Celery worker process's runtime: OCR inline (the worker process *is* the isolated OCR
    process); its job steps come from the broker, so nothing is resumed or purged here."""
    return build_runtime(settings, executor=InlineExecutor())
