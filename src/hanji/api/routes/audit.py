"""The audit log: who changed keys, invoke URLs, domains, templates and tokens, and when."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query

from hanji.services.management import audit
from hanji.web.deps import CurrentCaller, DbSession
from hanji.web.schemas import iso

router = APIRouter(prefix="/api/v1/audit", tags=["audit"])


@router.get("")
def list_audit_events(
    caller: CurrentCaller, db: DbSession, limit: Annotated[int, Query(ge=1, le=1000)] = 100
) -> dict[str, Any]:
    """The newest events first; never holds a secret (keys and tokens appear by id and prefix)."""
    events = audit.recent_events(db, limit=limit)
    data = [
        {
            "id": event.id,
            "at": iso(event.at),
            "actor": event.actor,
            "action": event.action,
            "target": event.target,
            "details": event.details,
        }
        for event in events
    ]
    return {"data": data, "count": len(data)}
