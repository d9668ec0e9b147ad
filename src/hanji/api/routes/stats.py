"""Call statistics: ``GET /api/v1/stats/calls`` as JSON, or CSV with ``Accept: text/csv``."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response

from hanji.core.errors import InvalidQuery
from hanji.services.statistics.aggregates import call_buckets
from hanji.services.statistics.summary import load_summary, parse_query
from hanji.services.statistics.views import CallBucketList, StatsSummary
from hanji.web.deps import CurrentCaller, DbSession, SettingsDep
from hanji.web.models.common import ERROR_RESPONSES

router = APIRouter(prefix="/api/v1/stats", tags=["stats"], responses=ERROR_RESPONSES)
CSV_COLUMNS = (
    "bucket",
    "domain_id",
    "template_id",
    "calls",
    "pages",
    "success",
    "failure",
    "error_codes",
    "table_pages",
    "latency_ms_p50",
    "latency_ms_p95",
)
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {"schema": {"type": "string"}}}}
}


def _parse_time(value: str | None, field: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidQuery(f"{field} must be an ISO 8601 date or time.", details={"field": field}) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@router.get("/calls", response_model=CallBucketList, responses=CSV_RESPONSE)
def calls(
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    domain_id: int | None = None,
    template_id: int | None = None,
    bucket: str = "day",
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: str | None = None,
) -> CallBucketList | Response:
    """Calls per (bucket, domain, template); ``from`` inclusive, ``to`` exclusive (ISO dates or times)."""
    rows = call_buckets(
        db,
        domain_id=domain_id,
        template_id=template_id,
        start=_parse_time(from_, "from"),
        end=_parse_time(to, "to"),
        bucket=bucket,
        domain_ids=caller.access.domain_ids,
    )
    if "text/csv" in request.headers.get("accept", ""):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            values = row.model_dump()
            writer.writerow(
                [
                    json.dumps(values[c], sort_keys=True) if c == "error_codes" else values[c]
                    for c in CSV_COLUMNS
                ]
            )
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
    return CallBucketList(data=rows)


@router.get("/summary")
def stats_summary(
    caller: CurrentCaller,
    db: DbSession,
    settings: SettingsDep,
    from_: Annotated[
        str | None, Query(alias="from", description="First day (default: 6 days before to).")
    ] = None,
    to: Annotated[str | None, Query(description="Last day (YYYY-MM-DD), inclusive; default: today.")] = None,
    bucket: Annotated[str | None, Query(description="hour or day (default).")] = None,
    domain_id: str | None = None,
    template_id: str | None = None,
) -> StatsSummary:
    """What the statistics page shows: ``?from=&to=`` (dates, inclusive), ``bucket``, ``domain_id``.

    Returns ``totals``, ``series`` (per bucket), ``by_domain``, ``by_template`` and ``quota`` (this
    month's calls per domain against its service plan's monthly quota). Parameters are read as text,
    so a bad one gets the management API's 400 error, as on the page.
    """
    given = {"from": from_, "to": to, "bucket": bucket, "domain_id": domain_id, "template_id": template_id}
    params = {name: value for name, value in given.items() if value is not None}
    return load_summary(db, settings, parse_query(params), domain_ids=caller.access.domain_ids)
