"""The database engine, sessions and migrations (Alembic, run programmatically)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from hanji.core.private_files import private_file

MIGRATIONS_DIR = Path(__file__).parent / "migrations"


def make_engine(url: str, *, pool_size: int = 5, max_overflow: int = 10) -> Engine:
    """Create an engine; SQLite gets WAL, a busy timeout and enforced foreign keys, a server database
    a pool of ``pool_size`` connections (plus ``max_overflow`` at peaks)."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=pool_size, max_overflow=max_overflow)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


@contextmanager
def transaction(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def release_connection(db: Session) -> None:
    """End ``db``'s transaction so its connection goes back to the pool before slow work (OCR); the
    session reconnects at its next query. Only for a session that has read and not yet written."""
    if db.new or db.dirty or db.deleted:
        raise RuntimeError("release_connection() with unwritten changes: they would be committed early")
    db.commit()


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade_database(url: str, revision: str = "head") -> None:
    """Apply migrations up to ``revision`` (creating the SQLite file's folder if needed)."""
    if url.startswith("sqlite:///") and url != "sqlite:///:memory:":
        # 0600 before SQLite first opens it: its -wal and -shm files take the database's mode.
        database = Path(url.removeprefix("sqlite:///"))
        private_file(database)
        for extra in ("-wal", "-shm"):
            sidecar = database.with_name(database.name + extra)
            if sidecar.exists():
                private_file(sidecar)
    command.upgrade(alembic_config(url), revision)
