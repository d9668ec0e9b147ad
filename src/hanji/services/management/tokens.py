"""API tokens for automation: created for an operator, hashed, expiring, listed and revoked."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.core.errors import AuthenticationRequired, TokenNotFound, ValidationFailed
from hanji.services.management import audit, secrets
from hanji.services.management.access import Access
from hanji.storage.models import ApiToken, Operator, utcnow

TOKEN_PREFIX = "hjt"
MAX_TOKEN_DAYS = 3650


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    secret: str


def create_token(
    db: Session, *, operator: Operator, name: str, server_key: str, expires_in_days: int | None = None
) -> IssuedToken:
    """A new API token for ``operator``, valid for ``expires_in_days`` (None: it never expires)."""
    name = (name or "").strip()
    if not 1 <= len(name) <= 100:
        raise ValidationFailed("A token needs a name of 1-100 characters.", details={"field": "name"})
    if expires_in_days is not None and not 1 <= expires_in_days <= MAX_TOKEN_DAYS:
        raise ValidationFailed(
            f"expires_in_days is 1-{MAX_TOKEN_DAYS}.", details={"field": "expires_in_days"}
        )
    secret = secrets.new_credential(TOKEN_PREFIX)
    token = ApiToken(
        operator_id=operator.id,
        name=name,
        token_hash=secrets.keyed_hash(secret, server_key=server_key),
        prefix=secrets.display_prefix(secret),
        expires_at=utcnow() + timedelta(days=expires_in_days) if expires_in_days else None,
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
    now = utcnow()
    if token.expires_at is not None and token.expires_at <= now:
        raise AuthenticationRequired("This API token has expired; create a new one.")
    # Written at most once a minute: a busy automation client must not turn every read into a write.
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        token.last_used_at = now
    operator = db.get(Operator, token.operator_id)
    if operator is None:
        raise AuthenticationRequired("Unknown or revoked API token.")
    return operator


def list_tokens(db: Session, *, operator: Operator | None) -> list[ApiToken]:
    """``operator``'s tokens (None: everyone's), newest first."""
    query = select(ApiToken).order_by(ApiToken.id.desc())
    if operator is not None:
        query = query.where(ApiToken.operator_id == operator.id)
    return list(db.scalars(query))


def token_owner(db: Session, token: ApiToken) -> str:
    owner = db.get(Operator, token.operator_id)
    return owner.username if owner else ""


def revoke_token(db: Session, *, token_id: int, caller: Operator, access: Access) -> None:
    """Revoke one of ``caller``'s tokens (an admin: anyone's); others' look like no token at all."""
    token = db.get(ApiToken, token_id)
    if token is None or (token.operator_id != caller.id and not access.is_admin):
        raise TokenNotFound(details={"id": token_id})
    db.delete(token)
    audit.record(db, actor=caller.username, action="token.revoke", target=f"token:{token_id}")
