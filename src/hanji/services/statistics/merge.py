"""Shape the stats API's bucket rows into what the statistics page shows (pure, no I/O).

Rows come from ``services.stats.call_buckets``: one per (bucket, domain, template). Percentiles of
merged groups cannot be recomputed from percentiles, so merged latency is approximate: p50 is the
call-weighted mean of the groups' p50s and p95 the largest p95 (an upper bound). Per-group rows in
the tables keep the exact values.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Row = Mapping[str, Any]


@dataclass(frozen=True)
class DomainInfo:
    id: int
    name: str
    service_type: str
    service_plan: str
    monthly_quota: int | None


def _merge(rows: Iterable[Row]) -> dict[str, Any]:
    rows = list(rows)
    calls = sum(r["calls"] for r in rows)
    codes: dict[str, int] = defaultdict(int)
    for row in rows:
        for code, n in row["error_codes"].items():
            codes[code] += n
    weighted = sum(r["latency_ms_p50"] * r["calls"] for r in rows)
    return {
        "calls": calls,
        "pages": sum(r["pages"] for r in rows),
        "success": sum(r["success"] for r in rows),
        "failure": sum(r["failure"] for r in rows),
        "table_pages": sum(r["table_pages"] for r in rows),
        "error_codes": dict(sorted(codes.items())),
        "latency_ms_p50": round(weighted / calls) if calls else 0,
        "latency_ms_p95": max((r["latency_ms_p95"] for r in rows), default=0),
    }


def _group(rows: Iterable[Row], key: str | tuple[str, ...]) -> dict[Any, list[Row]]:
    groups: dict[Any, list[Row]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[k] for k in key) if isinstance(key, tuple) else row[key]].append(row)
    return groups


def series(rows: Iterable[Row]) -> list[dict[str, Any]]:
    """One merged entry per time bucket, in time order."""
    return [{"bucket": b, **_merge(g)} for b, g in sorted(_group(rows, "bucket").items())]


def by_domain(rows: Iterable[Row], domains: Mapping[int, DomainInfo]) -> list[dict[str, Any]]:
    """Totals per domain, busiest first; deleted domains keep their numbers under their id."""
    out = []
    for domain_id, group in _group(rows, "domain_id").items():
        info = domains.get(domain_id)
        out.append(
            {
                "domain_id": domain_id,
                "name": info.name if info else None,
                "service_type": info.service_type if info else None,
                "deleted": info is None,
                **_merge(group),
            }
        )
    return sorted(out, key=lambda r: (-r["calls"], r["domain_id"]))


def by_template(rows: Iterable[Row], domains: Mapping[int, DomainInfo]) -> list[dict[str, Any]]:
    """Totals per template (Template domains' calls that matched one)."""
    out = []
    for (domain_id, template_id), group in _group(rows, ("domain_id", "template_id")).items():
        if template_id is None:
            continue
        info = domains.get(domain_id)
        out.append(
            {"domain_id": domain_id, "domain": info.name if info else None, "template_id": template_id}
            | _merge(group)
        )
    return sorted(out, key=lambda r: (-r["calls"], r["template_id"]))


def quota_usage(month_rows: Iterable[Row], domains: Mapping[int, DomainInfo]) -> list[dict[str, Any]]:
    """This month's calls per live domain against its plan's monthly quota (``None``: unlimited)."""
    used = {d: _merge(g)["calls"] for d, g in _group(month_rows, "domain_id").items()}
    out = []
    for info in sorted(domains.values(), key=lambda d: (d.service_plan, d.name)):
        calls = used.get(info.id, 0)
        quota = info.monthly_quota
        out.append(
            {
                "domain_id": info.id,
                "name": info.name,
                "service_plan": info.service_plan,
                "calls": calls,
                "quota": quota,
                "percent": round(100 * calls / quota, 1) if quota else None,
            }
        )
    return out


def summarise(
    rows: Sequence[Row], month_rows: Sequence[Row], domains: Mapping[int, DomainInfo]
) -> dict[str, Any]:
    """Everything the statistics page shows, as JSON-ready data."""
    return {
        "totals": _merge(rows),
        "series": series(rows),
        "by_domain": by_domain(rows, domains),
        "by_template": by_template(rows, domains),
        "quota": quota_usage(month_rows, domains),
    }
