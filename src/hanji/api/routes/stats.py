"""Call statistics: ``GET /api/v1/stats/calls`` as JSON, or CSV with ``Accept: text/csv``."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse

from hanji.core.errors import InvalidQuery
from hanji.services.statistics import calls as stats
from hanji.services.statistics.summary import load_summary, parse_query
from hanji.web.deps import CurrentCaller, DbSession, SettingsDep

router = APIRouter(prefix="/api/v1/stats", tags=["stats"])
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


def _parse_time(value: str | None, field: str) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        raise InvalidQuery(f"{field} must be an ISO 8601 date or time.", details={"field": field}) from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


@router.get("/calls")
def calls(
    request: Request,
    caller: CurrentCaller,
    db: DbSession,
    domain_id: int | None = None,
    template_id: int | None = None,
    bucket: str = "day",
    from_: str | None = None,
    to: str | None = None,
) -> Response:
    # "from" is a Python keyword; read it from the query string directly.
    start = _parse_time(request.query_params.get("from", from_), "from")
    end = _parse_time(to, "to")
    rows = stats.call_buckets(
        db, domain_id=domain_id, template_id=template_id, start=start, end=end, bucket=bucket
    )
    if "text/csv" in request.headers.get("accept", ""):
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        for row in rows:
            writer.writerow(
                [json.dumps(row[c], sort_keys=True) if c == "error_codes" else row[c] for c in CSV_COLUMNS]
            )
        return Response(out.getvalue(), media_type="text/csv; charset=utf-8")
    return JSONResponse({"data": rows})


@router.get("/summary")
def stats_summary(
    request: Request, caller: CurrentCaller, db: DbSession, settings: SettingsDep
) -> dict[str, Any]:
    """What the statistics page shows: ``?from=&to=`` (dates, inclusive), ``bucket``, ``domain_id``.

    Returns ``totals``, ``series`` (per bucket), ``by_domain``, ``by_template`` and ``quota`` (this
    month's calls per domain against its service plan's monthly quota).
    """
    return load_summary(db, settings, parse_query(dict(request.query_params)))
