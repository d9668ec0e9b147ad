"""The audit log: who changed keys, invoke URLs, domains, templates and tokens, and when."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from hanji.services.management import audit
from hanji.web.deps import CurrentCaller, DbSession
from hanji.web.models.audit import AuditEventList, audit_event_view
from hanji.web.models.common import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/audit", tags=["audit"], responses=ERROR_RESPONSES)


@router.get("")
def list_audit_events(
    caller: CurrentCaller, db: DbSession, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> AuditEventList:
    """The newest events first; never holds a secret (keys and tokens appear by id and prefix)."""
    data = [audit_event_view(event) for event in audit.recent_events(db, limit=limit)]
    return AuditEventList(data=data, count=len(data))
