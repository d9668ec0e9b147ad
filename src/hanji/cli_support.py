"""What the ``hanji`` commands share: settings from the environment and options, a database session,
JSON output, and errors printed as one line that says what to do."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from sqlalchemy.orm import Session

from hanji.config import Settings
from hanji.core.errors import HanjiError
from hanji.runtime import build_runtime
from hanji.storage.database import transaction, upgrade_database

DataDir = Annotated[Path | None, typer.Option("--data-dir", help="Data directory [env HANJI_DATA_DIR].")]


def settings_for(data_dir: Path | None = None, **overrides: Any) -> Settings:
    try:
        return Settings.from_env(data_dir=data_dir, **overrides).with_server_key()
    except HanjiError as exc:
        fail(exc)


def fail(exc: HanjiError) -> NoReturn:
    typer.secho(f"error [{exc.code}]: {exc.message}", err=True, fg=typer.colors.RED)
    raise typer.Exit(2)


@contextmanager
def database(settings: Settings) -> Iterator[Session]:
    """One transaction on the database the runtime for ``settings`` uses (migrated first)."""
    upgrade_database(settings.resolved_database_url)
    runtime = build_runtime(settings)  # the same composition root as the server; nothing started
    try:
        with transaction(runtime.session_factory) as db:
            yield db
    except HanjiError as exc:
        fail(exc)
    finally:
        runtime.close()


def print_json(value: Any) -> None:
    typer.echo(json.dumps(value, ensure_ascii=False, indent=2))
