"""The HTTP app factory: a runtime in, a ready FastAPI app out (nothing is built at import time).

The JSON API and the console are two sets of routes over the same runtime; this module is the
only place that knows both.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI

from hanji import __version__
from hanji.api.routes import (
    account,
    audit,
    auth,
    domains,
    gateway,
    health,
    invoke,
    jobs,
    operators,
    stats,
    templates,
    try_it,
)
from hanji.config import Settings
from hanji.console import routes as console_routes
from hanji.console.error_page import error_page
from hanji.runtime import Runtime, build_runtime
from hanji.services.execution.executor import Executor
from hanji.web.access_log import redact_invoke_keys
from hanji.web.body_limit import BodyLimit
from hanji.web.deps import attach_runtime
from hanji.web.errors import install_error_handlers
from hanji.web.guards import refuse_unstorable_values
from hanji.web.route_table import build_route_table


def create_app(settings: Settings, *, migrate: bool = True, executor: Executor | None = None) -> FastAPI:
    """Build the app over a new runtime. With ``migrate`` the database is upgraded and the admin
    created at start-up. ``executor`` overrides where OCR runs (tests share one)."""
    return app_for(build_runtime(settings, executor=executor), migrate=migrate)


def app_for(runtime: Runtime, *, migrate: bool = True) -> FastAPI:
    """The app serving ``runtime``: started with the app's lifespan, closed with it."""
    settings = runtime.settings

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime.start(migrate=migrate)
        await build_route_table(app)
        try:
            yield
        finally:
            runtime.close()

    app = FastAPI(
        title="Hanji",
        version=__version__,
        lifespan=lifespan,
        dependencies=[Depends(refuse_unstorable_values)],
        docs_url="/docs" if settings.api_docs else None,
        redoc_url="/redoc" if settings.api_docs else None,
        openapi_url="/openapi.json" if settings.api_docs else None,
    )
    attach_runtime(app, runtime)
    redact_invoke_keys()
    install_error_handlers(app, pages=error_page)
    app.add_middleware(BodyLimit, settings=settings)
    for router in (
        health.router,
        auth.router,
        account.router,
        operators.router,
        audit.router,
        domains.router,
        gateway.router,
        templates.router,
        try_it.router,
        stats.router,
        jobs.router,  # before invoke: its catch-all POST path would swallow …/jobs
        jobs.webhook_router,
        invoke.router,
        console_routes.router,
    ):
        app.include_router(router)
    console_routes.mount_static(app)
    return app
