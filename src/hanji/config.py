"""Hanji's settings: one typed class, read from ``HANJI_*`` environment variables.

Every setting is documented here (a test checks the README lists them all). Unsafe defaults are
refused outside development: see ``Settings.check_production``.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from hanji.core.engine_options import ENGINE_VARIABLES, EngineOptions
from hanji.core.errors import HanjiError, OcrServiceError
from hanji.core.private_files import private_dir


class SettingsError(HanjiError):
    code = "INVALID_SETTINGS"
    default_message = "A setting is not valid."


@dataclass(frozen=True)
class Settings:
    """Runtime configuration. Build with ``Settings.from_env()``; tests use ``Settings(...)``."""

    data_dir: Path = Path("./hanji-data")
    """HANJI_DATA_DIR: SQLite file, blobs, the generated admin password and the server key live here."""
    host: str = "127.0.0.1"
    """HANJI_HOST: address ``hanji serve`` listens on."""
    port: int = 8000
    """HANJI_PORT: port ``hanji serve`` listens on."""
    database_url: str = ""
    """HANJI_DATABASE_URL: SQLAlchemy URL; empty means ``sqlite:///<data_dir>/hanji.db``."""
    admin_password: str = ""
    """HANJI_ADMIN_PASSWORD: the admin's password on first start; empty generates one."""
    public_url: str = ""
    """HANJI_PUBLIC_URL: base of invoke URLs (e.g. https://ocr.example.com); empty uses the request's."""
    secret_key: str = ""
    """HANJI_SECRET_KEY: server key for keyed hashes; empty reads/creates ``<data_dir>/server.key``."""
    environment: str = "development"
    """HANJI_ENV: ``development`` or ``production`` (production refuses unsafe settings)."""
    fetch_allow: tuple[str, ...] = ()
    """HANJI_FETCH_ALLOW: comma list of hosts/CIDRs image URLs may reach despite the SSRF guard."""
    quota_basic: int = 10_000
    """HANJI_QUOTA_BASIC: monthly invoke calls for the ``basic`` service plan."""
    quota_standard: int = 100_000
    """HANJI_QUOTA_STANDARD: monthly invoke calls for the ``standard`` plan (``unlimited`` has none)."""
    max_body_bytes: int = 60 * 1024 * 1024
    """HANJI_MAX_BODY_BYTES: largest request body read (base64 of a 50 MB file needs ~67 MB)."""
    trusted_proxies: tuple[str, ...] = ()
    """HANJI_TRUSTED_PROXIES: comma list of proxy addresses whose X-Forwarded-For is believed (for
    the client address throttles count by); none by default, so no caller can pick its address."""
    max_form_body_bytes: int = 1024 * 1024
    """HANJI_MAX_FORM_BODY_BYTES: largest body of a management or console call that carries no
    file (sign-in, domains, keys, ...); refused before authentication or parsing."""
    max_file_bytes: int = 50 * 1024 * 1024
    """HANJI_MAX_FILE_BYTES: largest decoded image or PDF file."""
    max_pages: int = 10
    """HANJI_MAX_PAGES: pages read from one PDF/TIFF on General and Template URLs."""
    session_max_age_s: int = 8 * 3600
    """HANJI_SESSION_MAX_AGE: seconds a console sign-in lasts."""
    expose_metrics: bool = True
    """HANJI_EXPOSE_METRICS: serve Prometheus metrics at ``/metrics`` (off: 404 there)."""
    api_docs: bool = True
    """HANJI_API_DOCS: serve the interactive API docs and ``/openapi.json`` (off: 404 there)."""
    cookie_secure: bool = False
    """HANJI_COOKIE_SECURE: mark the session cookie Secure (set when served over TLS)."""
    rate_limit_per_minute: int = 600
    """HANJI_RATE_LIMIT: invoke calls per minute per domain before 429 / 0025."""
    log_level: str = "info"
    """HANJI_LOG_LEVEL: debug, info, warning or error."""
    executor: str = "process"
    """HANJI_EXECUTOR: where OCR runs: ``process`` (local worker processes) or ``inline`` (in the server)."""
    workers: int = 0
    """HANJI_WORKERS: local OCR worker processes; 0 means one per CPU core (at most 4)."""
    worker_max_tasks: int = 0
    """HANJI_WORKER_MAX_TASKS: recycle a worker process after this many tasks (0: never)."""
    ocr_timeout_s: float = 120.0
    """HANJI_OCR_TIMEOUT: seconds one invoke call may spend in OCR before 500 / 0501."""
    broker_url: str = ""
    """HANJI_BROKER_URL: Celery broker (``redis://…`` or ``amqp://…``); set, OCR runs on ``hanji worker``s."""
    result_backend: str = ""
    """HANJI_RESULT_BACKEND: Celery result backend; empty: the Redis broker, else ``db+`` the database."""
    broker_visibility_timeout_s: int = 3600
    """HANJI_BROKER_VISIBILITY_TIMEOUT: Redis: seconds before a task of a vanished worker is redelivered."""
    task_attempts: int = 3
    """HANJI_TASK_ATTEMPTS: tries of one job task (transient failures, killed workers) before it fails."""
    job_max_pages: int = 500
    """HANJI_JOB_MAX_PAGES: pages one async job's PDF/TIFF may have (sync invoke calls: HANJI_MAX_PAGES)."""
    job_pages_per_task: int = 5
    """HANJI_JOB_PAGES_PER_TASK: a larger PDF job is split into tasks of this many pages, run in parallel."""
    job_pdf: bool = True
    """HANJI_JOB_PDF: keep a searchable PDF of each succeeded job for ``GET …/jobs/{id}/pdf`` (it holds
    the page images until the job's domain is deleted); false keeps no image of any job."""
    webhook_attempts: int = 5
    """HANJI_WEBHOOK_ATTEMPTS: tries to deliver a job's webhook, with exponential backoff between them."""
    stats_retention_days: int = 400
    """HANJI_STATS_RETENTION_DAYS: days call statistics are kept (0: forever); older calls are purged."""
    worker_memory_mb: int = 4096
    """HANJI_WORKER_MEMORY_MB: each OCR worker process's address-space cap (0: none); an input that
    slips past the intake guards fails its task instead of taking the machine's memory."""
    db_pool_size: int = 5
    """HANJI_DB_POOL_SIZE: database connections kept open per process (PostgreSQL; calls hold one only
    for their few queries, never while OCR runs)."""
    db_pool_overflow: int = 10
    """HANJI_DB_POOL_OVERFLOW: connections opened beyond the pool at peaks, closed when returned."""
    engine: EngineOptions = field(default_factory=EngineOptions)
    """The OCR engines' options (HANJI_TESSDATA, HANJI_PPOCR_DET_SIDE, HANJI_OCR_THREADS, ...)."""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'hanji.db').resolve()}"

    @property
    def is_production(self) -> bool:
        return self.environment == "production"

    @property
    def worker_count(self) -> int:
        return self.workers or min(4, os.cpu_count() or 1)

    @property
    def resolved_result_backend(self) -> str:
        """Where Celery keeps task results: the setting, else the Redis broker, else the database."""
        if self.result_backend:
            return self.result_backend
        if self.broker_url.startswith(("redis://", "rediss://")):
            return self.broker_url
        return f"db+{self.resolved_database_url}"

    def monthly_quota(self, plan: str) -> int | None:
        return {"basic": self.quota_basic, "standard": self.quota_standard}.get(plan)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **overrides: Any) -> Settings:
        """Read ``HANJI_*`` variables; keyword overrides (CLI options) win over the environment."""
        env = os.environ if env is None else env
        values: dict[str, Any] = {}
        for name, var in _ENV_NAMES.items():
            raw = env.get(var)
            if raw is None or raw == "":
                continue
            values[name] = _convert(name, var, raw)
        try:
            values["engine"] = EngineOptions.from_env(env)
        except OcrServiceError as exc:
            raise SettingsError(exc.message) from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        settings = cls(**values)
        settings.check()
        return settings

    def check(self) -> None:
        if self.environment not in ("development", "production"):
            raise SettingsError("HANJI_ENV must be 'development' or 'production'.")
        if not 0 < self.port < 65536:
            raise SettingsError("HANJI_PORT must be between 1 and 65535.")
        if self.executor not in ("process", "inline"):
            raise SettingsError("HANJI_EXECUTOR must be 'process' or 'inline'.")
        if self.workers < 0 or self.worker_max_tasks < 0 or self.ocr_timeout_s <= 0:
            raise SettingsError(
                "HANJI_WORKERS and HANJI_WORKER_MAX_TASKS must be >= 0, HANJI_OCR_TIMEOUT > 0."
            )
        if min(self.task_attempts, self.job_max_pages, self.job_pages_per_task, self.webhook_attempts) < 1:
            raise SettingsError(
                "HANJI_TASK_ATTEMPTS, HANJI_JOB_MAX_PAGES, HANJI_JOB_PAGES_PER_TASK and "
                "HANJI_WEBHOOK_ATTEMPTS must be >= 1."
            )
        if self.worker_memory_mb and self.worker_memory_mb < 2048:
            raise SettingsError(
                "HANJI_WORKER_MEMORY_MB is 0 (no cap) or at least 2048: the models take ~1.3 GB of it."
            )
        if self.db_pool_size < 1 or self.db_pool_overflow < 0:
            raise SettingsError("HANJI_DB_POOL_SIZE must be >= 1 and HANJI_DB_POOL_OVERFLOW >= 0.")
        if self.stats_retention_days < 0:
            raise SettingsError("HANJI_STATS_RETENTION_DAYS must be >= 0 (0: keep forever).")
        if self.broker_url and not self.broker_url.startswith(
            ("redis://", "rediss://", "amqp://", "amqps://")
        ):
            raise SettingsError("HANJI_BROKER_URL must be a redis:// or amqp:// URL.")
        if self.is_production:
            self.check_production()

    def check_production(self) -> None:
        """Refuse settings that are fine on a laptop and dangerous on a network."""
        if self.admin_password and len(self.admin_password) < 12:
            raise SettingsError("HANJI_ADMIN_PASSWORD needs at least 12 characters in production.")
        if self.public_url and not self.public_url.startswith("https://"):
            raise SettingsError("HANJI_PUBLIC_URL must be https:// in production.")

    def with_server_key(self) -> Settings:
        """Return settings whose ``secret_key`` is set, creating ``server.key`` on first use."""
        if self.secret_key:
            return self
        path = self.data_dir / "server.key"
        if not path.exists():
            private_dir(self.data_dir)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as fh:
                fh.write(secrets.token_hex(32))
        return replace(self, secret_key=path.read_text().strip())


_ENV_NAMES = {
    "data_dir": "HANJI_DATA_DIR",
    "host": "HANJI_HOST",
    "port": "HANJI_PORT",
    "database_url": "HANJI_DATABASE_URL",
    "admin_password": "HANJI_ADMIN_PASSWORD",
    "public_url": "HANJI_PUBLIC_URL",
    "secret_key": "HANJI_SECRET_KEY",
    "environment": "HANJI_ENV",
    "fetch_allow": "HANJI_FETCH_ALLOW",
    "quota_basic": "HANJI_QUOTA_BASIC",
    "quota_standard": "HANJI_QUOTA_STANDARD",
    "max_body_bytes": "HANJI_MAX_BODY_BYTES",
    "trusted_proxies": "HANJI_TRUSTED_PROXIES",
    "max_form_body_bytes": "HANJI_MAX_FORM_BODY_BYTES",
    "max_file_bytes": "HANJI_MAX_FILE_BYTES",
    "max_pages": "HANJI_MAX_PAGES",
    "session_max_age_s": "HANJI_SESSION_MAX_AGE",
    "expose_metrics": "HANJI_EXPOSE_METRICS",
    "api_docs": "HANJI_API_DOCS",
    "cookie_secure": "HANJI_COOKIE_SECURE",
    "rate_limit_per_minute": "HANJI_RATE_LIMIT",
    "log_level": "HANJI_LOG_LEVEL",
    "executor": "HANJI_EXECUTOR",
    "workers": "HANJI_WORKERS",
    "worker_max_tasks": "HANJI_WORKER_MAX_TASKS",
    "ocr_timeout_s": "HANJI_OCR_TIMEOUT",
    "broker_url": "HANJI_BROKER_URL",
    "result_backend": "HANJI_RESULT_BACKEND",
    "broker_visibility_timeout_s": "HANJI_BROKER_VISIBILITY_TIMEOUT",
    "task_attempts": "HANJI_TASK_ATTEMPTS",
    "job_max_pages": "HANJI_JOB_MAX_PAGES",
    "job_pages_per_task": "HANJI_JOB_PAGES_PER_TASK",
    "job_pdf": "HANJI_JOB_PDF",
    "webhook_attempts": "HANJI_WEBHOOK_ATTEMPTS",
    "stats_retention_days": "HANJI_STATS_RETENTION_DAYS",
    "worker_memory_mb": "HANJI_WORKER_MEMORY_MB",
    "db_pool_size": "HANJI_DB_POOL_SIZE",
    "db_pool_overflow": "HANJI_DB_POOL_OVERFLOW",
}
ENV_VARIABLES = (*_ENV_NAMES.values(), *ENGINE_VARIABLES)


def _convert(name: str, var: str, raw: str) -> Any:
    kind = {f.name: f.type for f in fields(Settings)}[name]
    try:
        if kind == "int":
            return int(raw)
        if kind == "float":
            return float(raw)
        if kind == "bool":
            if raw.lower() not in ("1", "0", "true", "false", "yes", "no"):
                raise ValueError(raw)
            return raw.lower() in ("1", "true", "yes")
        if kind == "Path":
            return Path(raw)
        if kind == "tuple[str, ...]":
            return tuple(part.strip() for part in raw.split(",") if part.strip())
    except ValueError as exc:
        raise SettingsError(f"{var}={raw!r} is not a valid {kind}.") from exc
    return raw
