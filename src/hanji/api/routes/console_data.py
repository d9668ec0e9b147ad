"""JSON twins of console pages that need more than the resource APIs (the statistics summary)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request

from hanji.api.deps import CurrentCaller, DbSession, SettingsDep
from hanji.console.stats_data import load_summary, parse_query

router = APIRouter(prefix="/api/v1/stats", tags=["stats"])


@router.get("/summary")
def stats_summary(
    request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> dict[str, Any]:
    """What the statistics page shows: ``?from=&to=`` (dates, inclusive), ``bucket``, ``domain_id``.

    Returns ``totals``, ``series`` (per bucket), ``by_domain``, ``by_template`` and ``quota`` (this
    month's calls per domain against its service plan's monthly quota).
    """
    return load_summary(db, settings, parse_query(dict(request.query_params)))
