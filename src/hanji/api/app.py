"""The app factory: settings in, a ready FastAPI app out (nothing is built at import time)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from hanji import __version__
from hanji.api.access_log import redact_invoke_keys
from hanji.api.body_limit import BodyLimit
from hanji.api.errors import install_error_handlers
from hanji.api.guards import refuse_unstorable_values
from hanji.api.metrics import build_metrics
from hanji.api.routes import (
    audit,
    auth,
    console_data,
    domains,
    gateway,
    health,
    invoke,
    jobs,
    stats,
    templates,
)
from hanji.api.throttle import FailedAuthThrottle
from hanji.config import Settings
from hanji.console import routes as console_routes
from hanji.core.errors import RateLimited
from hanji.core.private_files import private_dir
from hanji.services import operators
from hanji.services import stats as call_stats
from hanji.services.executor import Executor, InlineExecutor, ProcessExecutor
from hanji.services.job_runner import JobRunner, LocalJobRunner
from hanji.services.job_runs import JobContext
from hanji.services.jobs import jobs_to_resume
from hanji.services.limits import RateLimiter
from hanji.storage.blobs import BlobStore
from hanji.storage.database import make_engine, make_session_factory, transaction, upgrade_database

log = logging.getLogger("hanji")


def build_executor(settings: Settings) -> Executor:
    """Where invoke calls' OCR runs: Celery workers when a broker is set, else local processes."""
    if settings.broker_url:
        from hanji.workers.celery_app import create_celery_app
        from hanji.workers.executor import CeleryExecutor

        return CeleryExecutor(create_celery_app(settings))
    if settings.executor == "inline":
        return InlineExecutor()
    pool = ProcessExecutor(workers=settings.worker_count, max_tasks_per_worker=settings.worker_max_tasks)
    pool.start()
    return pool


def build_job_runner(settings: Settings, executor: Executor, ctx: JobContext) -> JobRunner:
    """Where async jobs run: on the Celery workers with a broker, else on this process's threads."""
    if settings.broker_url:
        from hanji.workers.celery_app import create_celery_app
        from hanji.workers.executor import CeleryExecutor
        from hanji.workers.runner import CeleryJobRunner

        app = executor.app if isinstance(executor, CeleryExecutor) else create_celery_app(settings)
        return CeleryJobRunner(app)
    return LocalJobRunner(ctx, threads=settings.worker_count)


def resume_jobs(app: FastAPI) -> int:
    """Dispatch the jobs an earlier process left unfinished; returns how many."""
    runner: JobRunner = app.state.job_runner
    with transaction(app.state.session_factory) as db:
        job_ids = jobs_to_resume(db, include_running=runner.resumes_running)
    try:
        for job_id in job_ids:
            runner.dispatch(job_id)
    except Exception:  # a broker that is down must not keep the API from starting
        log.exception("could not resume unfinished jobs; they are tried again at the next start")
        return 0
    if job_ids:
        log.info("resumed %d unfinished job(s)", len(job_ids))
    return len(job_ids)


def create_app(settings: Settings, *, migrate: bool = True, executor: Executor | None = None) -> FastAPI:
    """Build the app. With ``migrate`` the database is upgraded and the admin created at start-up.

    ``executor`` overrides where OCR runs (tests share one); by default it follows the settings.
    """
    settings = settings.with_server_key()
    private_dir(settings.data_dir)  # M8: secrets live here; 0700 even where it already existed
    engine = make_engine(settings.resolved_database_url)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if migrate:
            upgrade_database(settings.resolved_database_url)
        with transaction(app.state.session_factory) as db:
            boot = operators.ensure_admin(db, password=settings.admin_password, data_dir=settings.data_dir)
        if settings.stats_retention_days:
            with transaction(app.state.session_factory) as db:
                purged = call_stats.purge_old_calls(db, older_than_days=settings.stats_retention_days)
            if purged:
                log.info("Purged %d call records older than %d days", purged, settings.stats_retention_days)
        if boot.generated_password:
            # Printed once, on first start only; also in <data dir>/admin-password.txt (0600).
            log.warning("Created operator 'admin' with password: %s", boot.generated_password)
        app.state.executor = executor or build_executor(settings)
        context = JobContext(app.state.session_factory, app.state.blobs, settings, app.state.executor)
        app.state.job_context = context
        app.state.job_runner = build_job_runner(settings, app.state.executor, context)
        resume_jobs(app)
        yield
        app.state.job_runner.close()
        if executor is None:  # a shared executor belongs to whoever passed it in
            app.state.executor.close()
        engine.dispose()

    app = FastAPI(
        title="Hanji",
        version=__version__,
        lifespan=lifespan,
        dependencies=[Depends(refuse_unstorable_values)],
        docs_url="/docs" if settings.api_docs else None,
        redoc_url="/redoc" if settings.api_docs else None,
        openapi_url="/openapi.json" if settings.api_docs else None,
    )
    redact_invoke_keys()
    app.state.settings = settings
    app.state.engine = engine
    app.state.session_factory = make_session_factory(engine)
    app.state.blobs = BlobStore(settings.data_dir / "blobs")
    app.state.throttle = FailedAuthThrottle()
    # Wrong X-OCR-SECRET / invoke keys, per client address and domain: CLOVA's 429 0025.
    app.state.invoke_throttle = FailedAuthThrottle(max_failures=20, error=RateLimited)
    app.state.rate_limiter = RateLimiter(per_minute=settings.rate_limit_per_minute)
    app.state.metrics = build_metrics()
    app.state.metrics_registry = app.state.metrics.registry
    install_error_handlers(app)
    app.add_middleware(BodyLimit, settings=settings)
    for router in (
        health.router,
        auth.router,
        audit.router,
        domains.router,
        gateway.router,
        templates.router,
        stats.router,
        console_data.router,
        jobs.router,  # before invoke: its catch-all POST path would swallow …/jobs
        jobs.webhook_router,
        invoke.router,
        console_routes.router,
    ):
        app.include_router(router)
    console_routes.mount_static(app)
    return app
