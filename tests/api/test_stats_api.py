"""``/api/v1/stats/calls`` and ``/api/v1/stats/summary`` over HTTP: typed schemas in the OpenAPI
document, and JSON (and CSV) whose numbers equal a brute-force computation on seeded calls."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, date, datetime
from typing import Any

from fastapi.testclient import TestClient

from hanji.storage.models import Call
from tests.helpers import runtime_of
from tests.services.statistics import reference

TOTALS = [
    "calls",
    "pages",
    "success",
    "failure",
    "error_codes",
    "table_pages",
    "latency_ms_p50",
    "latency_ms_p95",
]


def _seed(client: TestClient, count: int) -> list[Call]:
    calls = reference.seeded_calls(count, seed=3)
    with runtime_of(client).session_factory() as db:
        db.add_all(reference.domain_rows())
        db.flush()
        db.add_all(calls)
        db.commit()
    return calls


def test_the_openapi_document_shows_both_responses(client: TestClient) -> None:
    document: dict[str, Any] = client.app.openapi()  # type: ignore[attr-defined]
    summary = document["paths"]["/api/v1/stats/summary"]["get"]
    assert summary["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/StatsSummary"
    }
    assert [p["name"] for p in summary["parameters"]] == ["from", "to", "bucket", "domain_id", "template_id"]
    calls = document["paths"]["/api/v1/stats/calls"]["get"]
    assert calls["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CallBucketList"
    }
    assert "text/csv" in calls["responses"]["200"]["content"]
    assert {p["name"] for p in calls["parameters"]} >= {"from", "to", "bucket", "domain_id", "template_id"}
    schemas = document["components"]["schemas"]
    assert list(schemas["StatsSummary"]["properties"]) == [
        "from",
        "to",
        "bucket",
        "domain_id",
        "template_id",
        "totals",
        "series",
        "by_domain",
        "by_template",
        "quota",
    ]
    assert list(schemas["CallBucket"]["properties"]) == [
        "bucket",
        "domain_id",
        "template_id",
        *TOTALS,
        "domain_deleted",
    ]
    assert schemas["CallTotals"]["properties"]["error_codes"]["additionalProperties"] == {"type": "integer"}
    assert schemas["StatsSummary"]["properties"]["bucket"]["enum"] == ["hour", "day"]


def test_the_summary_over_http_equals_a_brute_force_computation(api: TestClient) -> None:
    calls = _seed(api, 250)
    body = api.get("/api/v1/stats/summary?from=2026-02-26&to=2026-03-01&bucket=hour").json()
    quotas = {"basic": 10_000, "standard": 100_000, "unlimited": None}
    expected = reference.summary(
        calls, first=date(2026, 2, 26), last=date(2026, 3, 1), bucket="hour", quotas=quotas
    )
    # Quota use counts the real current month, which the seeded calls are not in.
    assert [(q["domain_id"], q["calls"]) for q in body.pop("quota")] == [
        (q["domain_id"], 0) for q in expected.pop("quota")
    ]
    assert body == expected
    assert list(body["series"][0]) == ["bucket", *TOTALS]
    assert list(body["by_domain"][0]) == ["domain_id", "name", "service_type", "deleted", *TOTALS]
    assert list(body["by_template"][0]) == ["domain_id", "domain", "template_id", *TOTALS]


def test_call_rows_as_json_and_csv(api: TestClient) -> None:
    calls = _seed(api, 120)
    params = {"domain_id": 2, "bucket": "hour", "from": "2026-02-27", "to": "2026-03-01T06:00:00Z"}
    rows = api.get("/api/v1/stats/calls", params=params).json()["data"]
    start, end = datetime(2026, 2, 27, tzinfo=UTC), datetime(2026, 3, 1, 6, tzinfo=UTC)
    assert rows == reference.call_buckets(calls, bucket="hour", domain_id=2, start=start, end=end)
    text = api.get("/api/v1/stats/calls", params=params, headers={"Accept": "text/csv"}).text
    table = list(csv.DictReader(io.StringIO(text)))
    assert len(table) == len(rows) > 3 and list(table[0]) == ["bucket", "domain_id", "template_id", *TOTALS]
    for line, row in zip(table, rows, strict=True):
        assert json.loads(line["error_codes"]) == row["error_codes"]
        assert (line["bucket"], line["template_id"], int(line["latency_ms_p95"])) == (
            row["bucket"],
            "" if row["template_id"] is None else str(row["template_id"]),
            row["latency_ms_p95"],
        )
