"""The audit log: who changed keys, invoke URLs, domains, templates and tokens, and when."""

from __future__ import annotations

from typing import Any

from hanji.storage.models import AuditEvent
from hanji.web.models.common import Timestamp, View, iso


class AuditEventView(View):
    id: int
    at: Timestamp
    actor: str
    """The operator's username (``cli`` and ``system`` for changes made outside the API)."""
    action: str
    """Dotted, e.g. ``domain.create``, ``secret_key.revoke``, ``operator.sign_in.failed``."""
    target: str
    """``kind:id``, e.g. ``domain:12``."""
    details: dict[str, Any]
    """What changed; never a secret (keys and tokens appear by id and prefix)."""


class AuditEventList(View):
    data: list[AuditEventView]
    """Newest first."""
    count: int


def audit_event_view(event: AuditEvent) -> AuditEventView:
    return AuditEventView(
        id=event.id,
        at=iso(event.at),
        actor=event.actor,
        action=event.action,
        target=event.target,
        details=event.details,
    )
