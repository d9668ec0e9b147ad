"""Operators: the admin account, password sign-in, browser sessions and API tokens."""

from __future__ import annotations

import os
import secrets as stdlib_secrets
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hanji.core.errors import AuthenticationRequired, InvalidCredentials, ValidationFailed
from hanji.core.private_files import private_dir
from hanji.services.management import audit, secrets
from hanji.storage.models import ApiToken, Operator, WebSession, utcnow

ADMIN_USERNAME = "admin"
TOKEN_PREFIX = "hjt"
SESSION_PREFIX = "hjs"
# OWASP's Argon2id profile (19 MiB, t=2, p=1): strong, and ~0.1 s on a 2-core box instead of ~0.3 s.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_dummy_hash: str | None = None


def _dummy() -> str:
    """A fixed hash to verify against when the user does not exist, so timing does not reveal names."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not-a-real-password")
    return _dummy_hash


@dataclass(frozen=True)
class AdminBootstrap:
    created: bool
    generated_password: str | None
    """Set only when Hanji generated the password (it is also written to the data dir)."""


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


@dataclass(frozen=True)
class IssuedSession:
    session: WebSession
    secret: str


def ensure_admin(db: Session, *, password: str, data_dir: Path) -> AdminBootstrap:
    """Create the admin on first start; a generated password goes to ``admin-password.txt`` (0600)."""
    if db.scalar(select(Operator).where(Operator.username == ADMIN_USERNAME)) is not None:
        return AdminBootstrap(False, None)
    generated = None
    if not password:
        generated = password = stdlib_secrets.token_urlsafe(18)
        private_dir(data_dir)
        path = data_dir / "admin-password.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(password + "\n")
        os.chmod(path, 0o600)
    db.add(Operator(username=ADMIN_USERNAME, password_hash=_hasher.hash(password)))
    db.flush()
    audit.record(db, actor="system", action="operator.create", target=f"operator:{ADMIN_USERNAME}")
    return AdminBootstrap(True, generated)


def authenticate(db: Session, *, username: str, password: str) -> Operator:
    operator = db.scalar(select(Operator).where(Operator.username == username))
    try:
        _hasher.verify(operator.password_hash if operator else _dummy(), password)
    except (VerificationError, InvalidHashError):
        raise InvalidCredentials() from None
    if operator is None:
        raise InvalidCredentials()
    return operator


def create_token(db: Session, *, operator: Operator, name: str, server_key: str) -> IssuedToken:
    name = (name or "").strip()
    if not 1 <= len(name) <= 100:
        raise ValidationFailed("A token needs a name of 1-100 characters.", details={"field": "name"})
    secret = secrets.new_credential(TOKEN_PREFIX)
    token = ApiToken(
        operator_id=operator.id,
        name=name,
        token_hash=secrets.keyed_hash(secret, server_key=server_key),
        prefix=secrets.display_prefix(secret),
    )
    db.add(token)
    db.flush()
    audit.record(
        db, actor=operator.username, action="token.create", target=f"token:{token.id}", details={"name": name}
    )
    return IssuedToken(token, secret)


def operator_for_token(db: Session, *, secret: str, server_key: str) -> Operator:
    # The hash is an index lookup; the secret is 256-bit random, so no timing oracle remains.
    token = db.scalar(
        select(ApiToken).where(ApiToken.token_hash == secrets.keyed_hash(secret, server_key=server_key))
    )
    if token is None:
        raise AuthenticationRequired("Unknown or revoked API token.")
    token.last_used_at = utcnow()
    operator = db.get(Operator, token.operator_id)
    if operator is None:
        raise AuthenticationRequired("Unknown or revoked API token.")
    return operator


def start_session(db: Session, *, operator: Operator, server_key: str, max_age_s: int) -> IssuedSession:
    secret = secrets.new_credential(SESSION_PREFIX)
    session = WebSession(
        operator_id=operator.id,
        token_hash=secrets.keyed_hash(secret, server_key=server_key),
        csrf_token=stdlib_secrets.token_urlsafe(32),
        expires_at=utcnow() + timedelta(seconds=max_age_s),
    )
    db.add(session)
    db.execute(delete(WebSession).where(WebSession.expires_at < utcnow()))
    db.flush()
    return IssuedSession(session, secret)


def session_for_cookie(db: Session, *, secret: str, server_key: str) -> tuple[WebSession, Operator]:
    session = db.scalar(
        select(WebSession).where(WebSession.token_hash == secrets.keyed_hash(secret, server_key=server_key))
    )
    if session is None or session.expires_at < utcnow():
        raise AuthenticationRequired("Your session has expired; sign in again.")
    operator = db.get(Operator, session.operator_id)
    if operator is None:
        raise AuthenticationRequired("Your session has expired; sign in again.")
    return session, operator


def end_session(db: Session, *, secret: str, server_key: str) -> None:
    db.execute(
        delete(WebSession).where(WebSession.token_hash == secrets.keyed_hash(secret, server_key=server_key))
    )


def get_operator(db: Session, *, username: str) -> Operator:
    """Look an operator up by name (for local, already trusted callers such as the CLI)."""
    operator = db.scalar(select(Operator).where(Operator.username == username))
    if operator is None:
        raise AuthenticationRequired(f"No operator named {username!r}.")
    return operator
