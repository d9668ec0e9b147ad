"""The statistics page: calls and latency over time, by domain, by template and against quotas."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from hanji.console import charts
from hanji.console.i18n import Translator, negotiate
from hanji.console.pages import render, signed_in
from hanji.services.statistics.summary import StatsQuery, load_summary, parse_query
from hanji.services.statistics.views import StatsSummary
from hanji.web.deps import DbSession, SettingsDep

router = APIRouter()


def _charts(summary: StatsSummary, t: Translator) -> dict[str, Markup]:
    labels = [row.bucket.replace("T", " ").removesuffix("Z") for row in summary.series]
    empty = t("stats.no_calls")
    calls = charts.stacked_bars(
        t("stats.chart_calls"),
        labels,
        [
            charts.Series(t("stats.success"), [r.success for r in summary.series], "ok"),
            charts.Series(t("stats.failure"), [r.failure for r in summary.series], "bad"),
        ],
        empty,
    )
    latency = charts.lines(
        t("stats.chart_latency"),
        labels,
        [
            charts.Series("p50", [r.latency_ms_p50 for r in summary.series], "p50"),
            charts.Series("p95", [r.latency_ms_p95 for r in summary.series], "p95"),
        ],
        " ms",
        empty,
    )
    return {"calls": calls, "latency": latency}


def _api_query(query: StatsQuery) -> str:
    """The stats API's query string for the same filter (its ``to`` is exclusive, a timestamp)."""
    params: dict[str, Any] = {"from": query.start.isoformat(), "to": query.end.isoformat() + "T23:59:59Z"}
    params["bucket"] = query.bucket
    if query.domain_id is not None:
        params["domain_id"] = query.domain_id
    if query.template_id is not None:
        params["template_id"] = query.template_id
    return urlencode(params)


@router.get("/console/stats")
def stats_page(request: Request, db: DbSession, settings: SettingsDep) -> Response:
    """JSON twins: ``GET /api/v1/stats/summary`` (this page) and ``GET /api/v1/stats/calls`` (rows, CSV)."""
    caller = signed_in(request, db, settings)
    if isinstance(caller, Response):
        return caller
    query = parse_query(dict(request.query_params))
    summary = load_summary(db, settings, query, domain_ids=caller.access.domain_ids)
    t = Translator(negotiate(request))
    domain_names = {row.domain_id: row.name for row in summary.quota}
    return render(
        request,
        "stats.html",
        {
            "title_key": "stats.title",
            "query": query,
            "summary": summary,
            "charts": _charts(summary, t),
            "domain_names": domain_names,
            "api_query": _api_query(query),
        },
        caller=caller,
    )
