"""The statistics page's shaping of bucket rows, and its SVG charts."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from hanji.console import charts
from hanji.core.errors import InvalidQuery
from hanji.services.statistics.merge import DomainInfo, summarise
from hanji.services.statistics.summary import parse_query


def row(
    bucket: str, domain: int, template: int | None, calls: int, failure: int, p50: int, p95: int
) -> dict[str, Any]:
    return {
        "bucket": bucket,
        "domain_id": domain,
        "template_id": template,
        "calls": calls,
        "pages": calls,
        "success": calls - failure,
        "failure": failure,
        "error_codes": {"0011": failure} if failure else {},
        "table_pages": 1 if domain == 1 else 0,
        "latency_ms_p50": p50,
        "latency_ms_p95": p95,
    }


DOMAINS = {
    1: DomainInfo(1, "general", "general", "standard", 100_000),
    2: DomainInfo(2, "bills", "template", "basic", 10),
}


def test_summary_merges_buckets_domains_templates_and_quota() -> None:
    rows = [
        row("2026-11-24", 1, None, 3, 1, 100, 300),
        row("2026-11-24", 2, 7, 1, 0, 500, 500),
        row("2026-11-25", 2, 7, 4, 0, 200, 400),
        row("2026-11-25", 9, None, 2, 2, 50, 60),  # a deleted domain keeps its numbers
    ]
    summary = summarise(rows, rows, DOMAINS)
    assert summary["totals"]["calls"] == 10 and summary["totals"]["failure"] == 3
    assert [s["bucket"] for s in summary["series"]] == ["2026-11-24", "2026-11-25"]
    first = summary["series"][0]
    assert first["latency_ms_p50"] == round((3 * 100 + 500) / 4) and first["latency_ms_p95"] == 500
    assert [d["domain_id"] for d in summary["by_domain"]] == [2, 1, 9]
    assert summary["by_domain"][2]["deleted"] and summary["by_domain"][2]["error_codes"] == {"0011": 2}
    [template] = summary["by_template"]
    assert (template["domain"], template["template_id"], template["calls"]) == ("bills", 7, 5)
    assert template["latency_ms_p95"] == 500
    quota = {q["domain_id"]: q for q in summary["quota"]}
    assert quota[2] == {
        "domain_id": 2,
        "name": "bills",
        "service_plan": "basic",
        "calls": 5,
        "quota": 10,
        "percent": 50.0,
    }
    assert 9 not in quota


def test_query_defaults_to_the_last_seven_days_and_refuses_nonsense() -> None:
    query = parse_query({}, today=date(2026, 11, 25))
    assert (query.start, query.end, query.bucket) == (date(2026, 11, 19), date(2026, 11, 25), "day")
    for bad in (
        {"from": "yesterday"},
        {"bucket": "week"},
        {"domain_id": "x"},
        {"from": "2026-12-01", "to": "2026-11-01"},
    ):
        with pytest.raises(InvalidQuery):
            parse_query(bad)


def test_charts_are_plain_svg_with_titles() -> None:
    svg = charts.stacked_bars(
        "Calls", ["a", "b"], [charts.Series("ok", [1, 2], "ok"), charts.Series("bad", [0, 1], "bad")], "none"
    )
    assert svg.startswith("<svg") and svg.count('<rect class="ok"') == 3 and "style=" not in svg
    assert "<title>b bad: 1</title>" in svg
    line = charts.lines("Latency <ms>", ["a"], [charts.Series("p50", [120], "p50")], " ms", "none")
    assert 'aria-label="Latency &lt;ms&gt;"' in line and "<polyline" in line
    assert "none" in charts.lines("x", [], [], "", "none")
