"""The statistics page's query (its sums are tested in ``tests/services/statistics``), and its SVG charts."""

from __future__ import annotations

from datetime import date

import pytest

from hanji.console import charts
from hanji.core.errors import InvalidQuery
from hanji.services.statistics.summary import parse_query


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
