"""Seeded calls and the statistics worked out from them in plain Python, to check the SQL against."""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from hanji.storage.models import Call, Domain


@dataclass(frozen=True)
class Seed:
    id: int
    name: str
    service_type: str
    service_plan: str


DOMAINS = (
    Seed(1, "general", "general", "standard"),
    Seed(2, "bills", "template", "basic"),
    Seed(3, "ids", "document", "unlimited"),
    Seed(4, "가계부", "template", "basic"),
    Seed(5, "Bills-b", "template", "basic"),  # code point order puts it before "bills"
)
DELETED_DOMAIN = 99
TEMPLATES = {2: (7, 8), 4: (11,), 5: (), 99: (12,)}
ERROR_CODES = ("0011", "0021", "0501", "1021")
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)
# Calls at the edges of hours, days and the month; 15:30 UTC is already March 1 in Seoul.
EDGES = (
    datetime(2026, 2, 28, 15, 30, tzinfo=UTC),
    datetime(2026, 2, 28, 23, 59, 59, 999_999, tzinfo=UTC),
    datetime(2026, 3, 1, 0, 0, tzinfo=UTC),
    datetime(2026, 3, 1, 0, 59, 59, tzinfo=UTC),
)


def domain_rows() -> list[Domain]:
    return [
        Domain(
            id=d.id,
            name=d.name,
            name_key=d.name.casefold(),
            code=f"code{d.id}",
            code_key=f"code{d.id}",
            service_type=d.service_type,
            languages=["ko"],
            recognition_model="general",
            service_plan=d.service_plan,
            region="KR",
        )
        for d in DOMAINS
    ]


def seeded_calls(count: int, *, seed: int = 7) -> list[Call]:
    """``count`` calls from Feb 26 to Mar 2 2026 (UTC) over every domain, the edges included."""
    rng = random.Random(seed)
    start = datetime(2026, 2, 26, tzinfo=UTC)
    calls = []
    for n in range(count):
        domain_id = rng.choice([d.id for d in DOMAINS] + [DELETED_DOMAIN])
        templates = TEMPLATES.get(domain_id, ())
        template_id = rng.choice((None, *templates)) if templates else None
        success = rng.random() < 0.7
        pages = rng.randint(1, 4)
        at = EDGES[n] if n < len(EDGES) else start + timedelta(minutes=rng.randrange(5 * 24 * 60))
        calls.append(
            Call(
                domain_id=domain_id,
                domain_deleted=domain_id == DELETED_DOMAIN,
                template_id=template_id,
                endpoint_kind="general",
                pages=pages,
                success=success,
                error_code=None if success else rng.choice(ERROR_CODES),
                # Few distinct latencies, so ranks tie.
                latency_ms=rng.choice((40, 75, 75, 120, 300, 300, 900, 2500, rng.randint(1, 4000))),
                request_bytes=100,
                table_pages=rng.randint(0, pages) if domain_id == 1 else 0,
                at=at,
            )
        )
    return calls


def nearest_rank(values: list[int], q: int) -> int:
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q * len(ordered) / 100)) - 1] if ordered else 0


def totals(calls: list[Call]) -> dict[str, Any]:
    codes: dict[str, int] = defaultdict(int)
    for c in calls:
        if c.error_code:
            codes[c.error_code] += 1
    latencies = [c.latency_ms for c in calls]
    return {
        "calls": len(calls),
        "pages": sum(c.pages for c in calls),
        "success": sum(c.success for c in calls),
        "failure": sum(not c.success for c in calls),
        "error_codes": dict(sorted(codes.items())),
        "table_pages": sum(c.table_pages for c in calls),
        "latency_ms_p50": nearest_rank(latencies, 50),
        "latency_ms_p95": nearest_rank(latencies, 95),
    }


def label(at: datetime, bucket: str) -> str:
    return at.astimezone(UTC).strftime("%Y-%m-%dT%H:00Z" if bucket == "hour" else "%Y-%m-%d")


def group(calls: Iterable[Call], key: Callable[[Call], Hashable]) -> dict[Any, list[Call]]:
    groups: dict[Any, list[Call]] = defaultdict(list)
    for c in calls:
        groups[key(c)].append(c)
    return groups


def picked(
    calls: list[Call],
    *,
    domain_id: int | None = None,
    template_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
) -> list[Call]:
    return [
        c
        for c in calls
        if (domain_id is None or c.domain_id == domain_id)
        and (template_id is None or c.template_id == template_id)
        and (start is None or c.at >= start)
        and (end is None or c.at < end)
    ]


def call_buckets(calls: list[Call], *, bucket: str, **where: Any) -> list[dict[str, Any]]:
    groups = group(picked(calls, **where), lambda c: (label(c.at, bucket), c.domain_id, c.template_id))
    return [
        {
            "bucket": b,
            "domain_id": d,
            "template_id": t,
            **totals(g),
            "domain_deleted": any(c.domain_deleted for c in g),
        }
        for (b, d, t), g in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or 0))
    ]


def summary(
    calls: list[Call],
    *,
    first: date,
    last: date,
    bucket: str,
    quotas: dict[str, int | None],
    domain_id: int | None = None,
    template_id: int | None = None,
) -> dict[str, Any]:
    """What ``load_summary`` answers (as JSON) for the period ``first``..``last`` at ``NOW``."""
    start = datetime.combine(first, datetime.min.time(), UTC)
    end = datetime.combine(last + timedelta(days=1), datetime.min.time(), UTC)
    period = picked(calls, domain_id=domain_id, template_id=template_id, start=start, end=end)
    live = {d.id: d for d in DOMAINS}
    by_domain = [
        {
            "domain_id": d,
            "name": live[d].name if d in live else None,
            "service_type": live[d].service_type if d in live else None,
            "deleted": d not in live,
            **totals(g),
        }
        for d, g in group(period, lambda c: c.domain_id).items()
    ]
    by_template = [
        {"domain_id": d, "domain": live[d].name if d in live else None, "template_id": t, **totals(g)}
        for (d, t), g in group(period, lambda c: (c.domain_id, c.template_id)).items()
        if t is not None
    ]
    month = datetime(NOW.year, NOW.month, 1, tzinfo=UTC)
    used = {d: len(g) for d, g in group([c for c in calls if c.at >= month], lambda c: c.domain_id).items()}
    quota = []
    for d in sorted(DOMAINS, key=lambda d: (d.service_plan, d.name)):
        limit = quotas[d.service_plan]
        quota.append(
            {
                "domain_id": d.id,
                "name": d.name,
                "service_plan": d.service_plan,
                "calls": used.get(d.id, 0),
                "quota": limit,
                "percent": round(100 * used.get(d.id, 0) / limit, 1) if limit else None,
            }
        )
    return {
        "from": first.isoformat(),
        "to": last.isoformat(),
        "bucket": bucket,
        "domain_id": domain_id,
        "template_id": template_id,
        "totals": totals(period),
        "series": [
            {"bucket": b, **totals(g)}
            for b, g in sorted(group(period, lambda c: label(c.at, bucket)).items())
        ],
        "by_domain": sorted(by_domain, key=lambda r: (-r["calls"], r["domain_id"])),
        "by_template": sorted(by_template, key=lambda r: (-r["calls"], r["template_id"])),
        "quota": quota,
    }
