"""The gateway: invoke URLs (per kind, regenerable) and secret keys (hashed, two at a time)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from hanji.core.errors import (
    DomainNotFound,
    InvalidUrl,
    NotFound,
    RequestDomainInvalid,
    SecretKeyInvalid,
    SecretKeyLimit,
    SecretKeyNotFound,
)
from hanji.services.management import audit, domain_rules, secrets
from hanji.storage.locks import domain_lock, hold
from hanji.storage.models import Domain, InvokeEndpoint, SecretKey, utcnow

MAX_SECRET_KEYS = 2
SECRET_PREFIX = "hsk"


@dataclass(frozen=True)
class IssuedSecret:
    key: SecretKey
    secret: str
    """Shown once; only its hash is stored."""


@dataclass(frozen=True)
class ResolvedInvoke:
    domain: Domain
    endpoint: InvokeEndpoint
    model: str
    """The document model the URL names (``passport`` on a passport URL), else the domain's model."""


def create_endpoints(db: Session, *, domain: Domain) -> list[InvokeEndpoint]:
    made = [
        InvokeEndpoint(kind=kind, invoke_key=secrets.new_invoke_key())
        for kind in domain_rules.endpoint_kinds(domain.service_type, domain.recognition_model)
    ]
    domain.endpoints.extend(made)
    db.flush()
    return made


def active_endpoints(domain: Domain) -> list[InvokeEndpoint]:
    return [e for e in domain.endpoints if e.active]


def console_resolution(domain: Domain, *, kind: str | None = None) -> ResolvedInvoke:
    """What the domain's invoke URL of ``kind`` (default: its first) resolves to, for an operator
    trying the domain from the console: the same flow, no secret needed (the operator is signed in)."""
    endpoints = active_endpoints(domain)
    endpoint = next((e for e in endpoints if kind is None or e.kind == kind), None)
    if endpoint is None:
        raise InvalidUrl(f"The domain has no '{kind}' invoke URL.")
    model = "passport" if endpoint.kind == "passport" else domain.recognition_model
    return ResolvedInvoke(domain, endpoint, model)


def invoke_path(domain: Domain, endpoint: InvokeEndpoint) -> str:
    suffix = domain_rules.invoke_suffix(domain.service_type, domain.recognition_model, endpoint.kind)
    return f"/custom/v1/{domain.id}/{endpoint.invoke_key}/{suffix}"


def regenerate_url(db: Session, *, domain: Domain, kind: str, actor: str = "system") -> InvokeEndpoint:
    """Replace the URL of one kind; the old one stops working at once."""
    current = [e for e in active_endpoints(domain) if e.kind == kind]
    if not current:
        raise NotFound(f"Domain {domain.id} has no '{kind}' invoke URL.", details={"kind": kind})
    for endpoint in current:
        endpoint.active = False
    fresh = InvokeEndpoint(kind=kind, invoke_key=secrets.new_invoke_key())
    domain.endpoints.append(fresh)
    domain.updated_at = utcnow()
    db.flush()
    audit.record(
        db, actor=actor, action="invoke_url.regenerate", target=f"domain:{domain.id}", details={"kind": kind}
    )
    return fresh


def create_secret_key(db: Session, *, domain: Domain, server_key: str, actor: str = "system") -> IssuedSecret:
    hold(db, domain_lock(domain.id))  # M5: two creates at once cannot both see one key
    if db.get(Domain, domain.id, populate_existing=True) is None:  # deleted while this waited
        raise DomainNotFound(details={"id": domain.id})
    live = db.scalar(select(func.count(SecretKey.id)).where(SecretKey.domain_id == domain.id)) or 0
    if live >= MAX_SECRET_KEYS:
        raise SecretKeyLimit()
    db.refresh(domain, ["secret_keys"])
    secret = secrets.new_credential(SECRET_PREFIX)
    key = SecretKey(
        secret_hash=secrets.keyed_hash(secret, server_key=server_key), prefix=secrets.display_prefix(secret)
    )
    domain.secret_keys.append(key)
    db.flush()
    audit.record(
        db,
        actor=actor,
        action="secret_key.create",
        target=f"domain:{domain.id}",
        details={"prefix": key.prefix},
    )
    return IssuedSecret(key, secret)


def revoke_secret_key(db: Session, *, domain: Domain, key_id: int, actor: str = "system") -> None:
    key = next((k for k in domain.secret_keys if k.id == key_id), None)
    if key is None:
        raise SecretKeyNotFound(details={"id": key_id})
    domain.secret_keys.remove(key)
    db.flush()
    audit.record(
        db,
        actor=actor,
        action="secret_key.revoke",
        target=f"domain:{domain.id}",
        details={"prefix": key.prefix},
    )


def resolve_invoke(
    db: Session, *, domain_id: int, invoke_key: str, suffix: str, secret: str | None, server_key: str
) -> ResolvedInvoke:
    """Map an invoke URL and ``X-OCR-SECRET`` to its domain, or raise CLOVA's 0001/0002/0022."""
    endpoint = db.scalar(
        select(InvokeEndpoint).where(
            InvokeEndpoint.domain_id == domain_id,
            InvokeEndpoint.invoke_key == invoke_key,
            InvokeEndpoint.active.is_(True),
        )
    )
    if endpoint is None:
        raise InvalidUrl()
    domain = endpoint.domain
    # The secret first (L6): without it a caller learns nothing more, not even the service type.
    _check_secret(domain, secret, server_key)
    expected = domain_rules.invoke_suffix(domain.service_type, domain.recognition_model, endpoint.kind)
    if suffix != expected:
        if _is_known_suffix(suffix):
            raise RequestDomainInvalid(f"This invoke URL serves '{expected}', not '{suffix}'.")
        raise InvalidUrl()
    model = "passport" if endpoint.kind == "passport" else domain.recognition_model
    return ResolvedInvoke(domain, endpoint, model)


def _check_secret(domain: Domain, secret: str | None, server_key: str) -> None:
    if not secret:
        raise SecretKeyInvalid()
    # Compare against every key (at most two) so timing does not reveal which one matched.
    matched = [k for k in domain.secret_keys if secrets.matches(secret, k.secret_hash, server_key=server_key)]
    if not matched:
        raise SecretKeyInvalid()
    matched[0].last_used_at = utcnow()


def _is_known_suffix(suffix: str) -> bool:
    if suffix in ("general", "infer"):
        return True
    head, _, model = suffix.partition("/")
    return head == "document" and (model in domain_rules.DOCUMENT_MODELS or model == "passport")
