"""The audit log: who changed keys, URLs, domains and tokens, and when. Never records a secret."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from hanji.storage.models import AuditEvent


def record(
    db: Session, *, actor: str, action: str, target: str, details: dict[str, Any] | None = None
) -> None:
    db.add(AuditEvent(actor=actor, action=action, target=target, details=details or {}))


def recent_events(db: Session, *, limit: int = 100) -> list[AuditEvent]:
    return list(db.scalars(select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)))
