"""Operators: accounts with roles and domain lists, and their passwords (``sessions`` and ``tokens``
hold how they sign in)."""

from __future__ import annotations

import os
import re
import secrets as stdlib_secrets
from dataclasses import dataclass
from pathlib import Path

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.core.errors import (
    AuthenticationRequired,
    Conflict,
    DomainNotFound,
    InvalidCredentials,
    OperatorNotFound,
    ValidationFailed,
)
from hanji.core.private_files import private_dir
from hanji.services.management import audit
from hanji.services.management.access import Role
from hanji.services.management.sessions import end_sessions
from hanji.storage.models import Domain, Operator, OperatorDomain, WebSession, utcnow

ADMIN_USERNAME = "admin"
# OWASP's Argon2id profile (19 MiB, t=2, p=1): strong, and ~0.1 s on a 2-core box instead of ~0.3 s.
_hasher = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)
_dummy_hash: str | None = None


def _dummy() -> str:
    """A fixed hash to verify against when the user does not exist, so timing does not reveal names."""
    global _dummy_hash
    if _dummy_hash is None:
        _dummy_hash = _hasher.hash("not-a-real-password")
    return _dummy_hash


MIN_PASSWORD_LENGTH = 12
USERNAME_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True)
class AdminBootstrap:
    created: bool
    generated_password: str | None
    """Set only when Hanji generated the password (it is also written to the data dir)."""
    password_differs: bool = False
    """HANJI_ADMIN_PASSWORD is set and is not the admin's password: it only sets the first one."""


@dataclass(frozen=True)
class IssuedPassword:
    operator: Operator
    password: str
    generated: bool


def ensure_admin(db: Session, *, password: str, data_dir: Path) -> AdminBootstrap:
    """Create the admin on first start; a generated password goes to ``admin-password.txt`` (0600)."""
    admin = db.scalar(select(Operator).where(Operator.username == ADMIN_USERNAME))
    if admin is not None:
        return AdminBootstrap(False, None, bool(password) and not _verifies(admin.password_hash, password))
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


def _verifies(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def authenticate(db: Session, *, username: str, password: str) -> Operator:
    operator = db.scalar(select(Operator).where(Operator.username == username))
    try:
        _hasher.verify(operator.password_hash if operator else _dummy(), password)
    except (VerificationError, InvalidHashError):
        raise InvalidCredentials() from None
    if operator is None:
        raise InvalidCredentials()
    return operator


def get_operator(db: Session, *, username: str) -> Operator:
    """Look an operator up by name (for local, already trusted callers such as the CLI)."""
    operator = db.scalar(select(Operator).where(Operator.username == username))
    if operator is None:
        raise AuthenticationRequired(f"No operator named {username!r}.")
    return operator


def list_operators(db: Session) -> list[Operator]:
    return list(db.scalars(select(Operator).order_by(Operator.username)))


def find_operator(db: Session, *, username: str) -> Operator:
    operator = db.scalar(select(Operator).where(Operator.username == username))
    if operator is None:
        raise OperatorNotFound(details={"username": username})
    return operator


def _checked_role(role: str) -> Role:
    try:
        return Role(role)
    except ValueError:
        raise ValidationFailed(
            f"role is one of {', '.join(r.value for r in Role)}.", details={"field": "role"}
        ) from None


def _checked_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH or len(password) > 1024:
        raise ValidationFailed(
            f"A password has {MIN_PASSWORD_LENGTH}-1024 characters.", details={"field": "password"}
        )
    return password


def _set_scope(db: Session, operator: Operator, domain_ids: list[int]) -> None:
    wanted = sorted(set(domain_ids))
    found = set(db.scalars(select(Domain.id).where(Domain.id.in_(wanted)))) if wanted else set()
    missing = [d for d in wanted if d not in found]
    if missing:
        raise DomainNotFound(details={"id": missing[0]})
    operator.scope = [OperatorDomain(domain_id=d) for d in wanted]


def create_operator(
    db: Session,
    *,
    username: str,
    role: str,
    domain_ids: list[int] | None = None,
    password: str | None = None,
    actor: str,
) -> IssuedPassword:
    """A new operator; without ``password`` one is generated and returned (once)."""
    if not USERNAME_PATTERN.fullmatch(username or ""):
        raise ValidationFailed(
            "A username has 1-64 characters: letters, digits and . _ @ - (not first).",
            details={"field": "username"},
        )
    if db.scalar(select(Operator.id).where(Operator.username == username)) is not None:
        raise Conflict(f"An operator named {username!r} exists.", details={"field": "username"})
    generated = password is None
    password = stdlib_secrets.token_urlsafe(18) if password is None else _checked_password(password)
    operator = Operator(
        username=username, password_hash=_hasher.hash(password), role=_checked_role(role).value
    )
    db.add(operator)
    _set_scope(db, operator, domain_ids or [])
    db.flush()
    audit.record(
        db, actor=actor, action="operator.create", target=f"operator:{username}", details={"role": role}
    )
    return IssuedPassword(operator, password, generated)


def _admins(db: Session) -> int:
    return len(list(db.scalars(select(Operator.id).where(Operator.role == Role.ADMIN.value))))


def update_operator(
    db: Session, *, username: str, role: str | None = None, domain_ids: list[int] | None = None, actor: str
) -> Operator:
    """Change an operator's role and/or domain list (an empty list: every domain)."""
    operator = find_operator(db, username=username)
    if role is not None:
        new_role = _checked_role(role)
        if operator.role == Role.ADMIN and new_role is not Role.ADMIN and _admins(db) <= 1:
            raise Conflict("Hanji needs at least one admin.", details={"field": "role"})
        operator.role = new_role.value
    if domain_ids is not None:
        _set_scope(db, operator, domain_ids)
    db.flush()
    audit.record(
        db,
        actor=actor,
        action="operator.update",
        target=f"operator:{username}",
        details={"role": operator.role, "domain_ids": sorted(d.domain_id for d in operator.scope)},
    )
    return operator


def delete_operator(db: Session, *, username: str, actor: str) -> None:
    operator = find_operator(db, username=username)
    if username == actor:
        raise Conflict("Operators cannot delete themselves.", details={"field": "username"})
    if operator.role == Role.ADMIN and _admins(db) <= 1:
        raise Conflict("Hanji needs at least one admin.", details={"field": "username"})
    db.delete(operator)
    audit.record(db, actor=actor, action="operator.delete", target=f"operator:{username}")


def change_password(
    db: Session, *, operator: Operator, current: str, new: str, keep: WebSession | None = None
) -> None:
    """The operator's own change: the current password is checked; other sessions are ended."""
    if not _verifies(operator.password_hash, current):
        raise InvalidCredentials("The current password is wrong.")
    operator.password_hash = _hasher.hash(_checked_password(new))
    operator.password_changed_at = utcnow()
    end_sessions(db, operator, keep=keep)
    audit.record(
        db, actor=operator.username, action="operator.password.change", target=f"operator:{operator.username}"
    )


def reset_password(db: Session, *, username: str, actor: str, password: str | None = None) -> IssuedPassword:
    """Set a new password (generated when None) for an operator who lost theirs; every session ends."""
    operator = find_operator(db, username=username)
    generated = password is None
    password = stdlib_secrets.token_urlsafe(18) if password is None else _checked_password(password)
    operator.password_hash = _hasher.hash(password)
    operator.password_changed_at = utcnow()
    end_sessions(db, operator, keep=None)
    audit.record(db, actor=actor, action="operator.password.reset", target=f"operator:{username}")
    return IssuedPassword(operator, password, generated)
