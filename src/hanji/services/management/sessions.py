"""Browser sessions: started at sign-in, found by their cookie, ended at sign-out or a password change."""

from __future__ import annotations

import secrets as stdlib_secrets
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from hanji.core.errors import AuthenticationRequired
from hanji.services.management import secrets
from hanji.storage.models import Operator, WebSession, utcnow

SESSION_PREFIX = "hjs"


@dataclass(frozen=True)
class IssuedSession:
    session: WebSession
    secret: str


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


def end_sessions(db: Session, operator: Operator, *, keep: WebSession | None) -> None:
    query = delete(WebSession).where(WebSession.operator_id == operator.id)
    if keep is not None:
        query = query.where(WebSession.id != keep.id)
    db.execute(query)
