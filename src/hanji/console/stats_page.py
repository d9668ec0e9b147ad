"""The statistics page: calls and latency over time, by domain, by template and against quotas."""

from __future__ import annotations

from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import Response
from markupsafe import Markup

from hanji.console import charts
from hanji.console.i18n import Translator, negotiate
from hanji.console.pages import render, signed_in
from hanji.services.statistics.summary import StatsQuery, load_summary, parse_query, template_names
from hanji.services.statistics.views import StatsSummary
from hanji.web.deps import DbSession, SettingsDep

router = APIRouter()


MAX_FILLED_BUCKETS = 400
"""Up to this many buckets the calls chart shows every one, quiet ones as zero; past it, busy ones."""


def every_bucket(query: StatsQuery) -> list[str]:
    """The period's buckets as the statistics name them (``2026-01-05``, ``2026-01-05T13:00Z``)."""
    days = (query.end - query.start).days + 1
    if query.bucket == "day":
        return [(query.start + timedelta(days=n)).isoformat() for n in range(days)]
    return [
        f"{(query.start + timedelta(days=n)).isoformat()}T{hour:02d}:00Z"
        for n in range(days)
        for hour in range(24)
    ]


def _label(bucket: str) -> str:
    return bucket.replace("T", " ").removesuffix("Z")


def _charts(summary: StatsSummary, query: StatsQuery, t: Translator) -> dict[str, Markup]:
    empty = t("stats.no_calls")
    by_bucket = {row.bucket: row for row in summary.series}
    buckets = every_bucket(query)
    if len(buckets) > MAX_FILLED_BUCKETS or not summary.series:
        buckets = [row.bucket for row in summary.series]

    def counts(kind: str) -> list[float]:
        return [getattr(by_bucket[b], kind) if b in by_bucket else 0 for b in buckets]

    # Quiet days are bars of zero, not missing days; latency is drawn where there were calls.
    calls = charts.stacked_bars(
        t("stats.chart_calls"),
        [_label(b) for b in buckets],
        [
            charts.Series(
                t("stats.success"), [by_bucket[b].success if b in by_bucket else 0 for b in buckets], "ok"
            ),
            charts.Series(
                t("stats.failure"), [by_bucket[b].failure if b in by_bucket else 0 for b in buckets], "bad"
            ),
        ],
        empty,
    )
    labels = [_label(row.bucket) for row in summary.series]
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
            "charts": _charts(summary, query, t),
            "domain_names": domain_names,
            "template_names": template_names(db, [r.template_id for r in summary.by_template]),
            "api_query": _api_query(query),
        },
        caller=caller,
    )
