"""Calls summed per group by the database, on SQLite and PostgreSQL alike; no call row reaches Python.

A group's numbers come from one aggregate query (``GROUP BY`` with ``COUNT``, ``SUM`` and ``CASE``)
and its error codes from one more (``GROUP BY`` the group's keys and the code), so every function
here costs two statements however many calls there are.

Time buckets are cut in SQL from the stored UTC time: ``strftime`` on SQLite, which keeps the UTC
wall time as text, and ``date_trunc`` of ``at AT TIME ZONE 'UTC'`` on PostgreSQL, so the session's
``TimeZone`` never moves a call into another hour or day.

Latency p50/p95 are exact nearest-rank percentiles of every group, merged ones (a bucket across
domains, a domain, the whole period) included: ``ROW_NUMBER()`` and ``COUNT(*)`` over the group's
partition rank its calls by latency, and pQ is the lowest latency whose rank r has
``100 * r >= Q * n``, the call at rank ceil(Q * n / 100); integers, so no float rounding. Window
functions need SQLite 3.25 or later.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Literal, cast

from sqlalchemy import ColumnElement, RowMapping, Select, String, Subquery, case, func, select
from sqlalchemy.orm import Session

from hanji.core.errors import InvalidQuery
from hanji.services.statistics.views import Bucket, CallBucket, CallTotals
from hanji.storage.models import Call

GroupKey = Literal["bucket", "domain_id", "template_id"]
_SQLITE_FORMAT: dict[Bucket, str] = {"hour": "%Y-%m-%dT%H:00Z", "day": "%Y-%m-%d"}
_POSTGRES_FORMAT: dict[Bucket, str] = {"hour": 'YYYY-MM-DD"T"HH24:00"Z"', "day": "YYYY-MM-DD"}
_PERCENTILES = {"latency_ms_p50": 50, "latency_ms_p95": 95}


@dataclass(frozen=True)
class CallFilter:
    """Which calls count: one domain's, one template's, at or after ``start`` and before ``end``.

    ``with_template``: only calls that matched a template."""

    domain_id: int | None = None
    template_id: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    with_template: bool = False
    domain_ids: frozenset[int] | None = None
    """The domains the caller may see (an editor's or viewer's list); None: every domain."""

    def conditions(self) -> list[ColumnElement[bool]]:
        found: list[ColumnElement[bool]] = []
        if self.domain_ids is not None:
            found.append(Call.domain_id.in_(sorted(self.domain_ids)))
        if self.domain_id is not None:
            found.append(Call.domain_id == self.domain_id)
        if self.template_id is not None:
            found.append(Call.template_id == self.template_id)
        if self.with_template:
            found.append(Call.template_id.is_not(None))
        if self.start is not None:
            found.append(Call.at >= self.start)
        if self.end is not None:
            found.append(Call.at < self.end)
        return found


def bucket_label(dialect: str, bucket: Bucket) -> ColumnElement[str]:
    """SQL for a call's UTC hour (``2026-11-24T13:00Z``) or day (``2026-11-24``) on ``dialect``."""
    if dialect == "sqlite":
        return func.strftime(_SQLITE_FORMAT[bucket], Call.at, type_=String)
    utc = func.timezone("UTC", Call.at)  # AT TIME ZONE 'UTC': a UTC wall time, whatever the session's zone
    return func.to_char(func.date_trunc(bucket, utc), _POSTGRES_FORMAT[bucket], type_=String)


def totals(db: Session, *, where: CallFilter) -> CallTotals:
    """One group over every call ``where`` selects (zeros when there is none)."""
    [(_, sums)] = _sum_calls(db, where=where, by=())
    return sums


def per_bucket(db: Session, *, where: CallFilter, bucket: Bucket) -> list[tuple[str, CallTotals]]:
    """Per UTC hour or day, in time order."""
    return [(row["bucket"], sums) for row, sums in _sum_calls(db, where=where, by=("bucket",), bucket=bucket)]


def per_domain(db: Session, *, where: CallFilter) -> list[tuple[int, CallTotals]]:
    """Per domain, busiest first, then by id."""
    rows = _sum_calls(db, where=where, by=("domain_id",), busiest_first=True)
    return [(row["domain_id"], sums) for row, sums in rows]


def per_template(db: Session, *, where: CallFilter) -> list[tuple[int, int, CallTotals]]:
    """Per (template, its domain) over the calls that matched a template, busiest first, then by id."""
    matched = replace(where, with_template=True)
    rows = _sum_calls(db, where=matched, by=("template_id", "domain_id"), busiest_first=True)
    return [(row["domain_id"], row["template_id"], sums) for row, sums in rows]


def call_buckets(
    db: Session,
    *,
    domain_id: int | None = None,
    template_id: int | None = None,
    start: datetime | None = None,
    end: datetime | None = None,
    bucket: str = "day",
    domain_ids: frozenset[int] | None = None,
) -> list[CallBucket]:
    """Per (bucket, domain, template) as the spec's stats API shows them, in that order."""
    if bucket not in ("hour", "day"):
        raise InvalidQuery("bucket must be 'hour' or 'day'.", details={"field": "bucket"})
    where = CallFilter(
        domain_id=domain_id, template_id=template_id, start=start, end=end, domain_ids=domain_ids
    )
    by: tuple[GroupKey, ...] = ("bucket", "domain_id", "template_id")
    rows = _sum_calls(db, where=where, by=by, bucket=cast(Bucket, bucket))
    return [
        CallBucket(
            bucket=row["bucket"],
            domain_id=row["domain_id"],
            template_id=row["template_id"],
            domain_deleted=bool(row["domain_deleted"]),
            **sums.model_dump(),
        )
        for row, sums in rows
    ]


def _sum_calls(
    db: Session,
    *,
    where: CallFilter,
    by: Sequence[GroupKey],
    bucket: Bucket = "day",
    busiest_first: bool = False,
) -> list[tuple[RowMapping, CallTotals]]:
    """Each group's row (its ``by`` keys, ``domain_deleted``) and sums, ordered by the keys in ``by``
    order (no template before any template), or by calls descending first. No ``by``: one group."""
    picked = _picked(db, where=where, by=by, bucket=bucket)
    codes = _error_codes(db, picked, by)
    out = []
    for row in db.execute(_sums_statement(picked, by, busiest_first=busiest_first)).mappings():
        sums = CallTotals(
            calls=row["calls"],
            pages=row["pages"],
            success=row["success"],
            failure=row["failure"],
            error_codes=codes.get(tuple(row[k] for k in by), {}),
            table_pages=row["table_pages"],
            latency_ms_p50=row["latency_ms_p50"],
            latency_ms_p95=row["latency_ms_p95"],
        )
        out.append((row, sums))
    return out


def _picked(db: Session, *, where: CallFilter, by: Sequence[GroupKey], bucket: Bucket) -> Subquery:
    """The selected calls' columns that are summed, with their bucket label when grouped by it."""
    stmt = select(
        Call.domain_id,
        Call.template_id,
        Call.domain_deleted,
        Call.pages,
        Call.success,
        Call.error_code,
        Call.table_pages,
        Call.latency_ms,
    ).where(*where.conditions())
    if "bucket" in by:
        stmt = stmt.add_columns(bucket_label(db.get_bind().dialect.name, bucket).label("bucket"))
    return stmt.subquery("picked")


def _sums_statement(picked: Subquery, by: Sequence[GroupKey], *, busiest_first: bool) -> Select[Any]:
    partition = [picked.c[k] for k in by] or None
    ranked = select(
        picked,
        func.row_number().over(partition_by=partition, order_by=picked.c.latency_ms).label("latency_rank"),
        func.count().over(partition_by=partition).label("group_size"),
    ).subquery("ranked")
    r = ranked.c
    keys = [r[k] for k in by]
    calls = func.count().label("calls")
    percentiles = [
        func.coalesce(func.min(case((r.latency_rank * 100 >= r.group_size * q, r.latency_ms))), 0).label(name)
        for name, q in _PERCENTILES.items()
    ]
    stmt = select(
        *keys,
        calls,
        func.coalesce(func.sum(r.pages), 0).label("pages"),
        func.coalesce(func.sum(case((r.success, 1), else_=0)), 0).label("success"),
        func.coalesce(func.sum(case((r.success, 0), else_=1)), 0).label("failure"),
        func.coalesce(func.sum(r.table_pages), 0).label("table_pages"),
        *percentiles,
        func.coalesce(func.max(case((r.domain_deleted, 1), else_=0)), 0).label("domain_deleted"),
    ).group_by(*keys)
    # Template ids are positive: 0 puts a call that matched none first on both databases.
    order = [func.coalesce(r[k], 0) if k == "template_id" else r[k] for k in by]
    return stmt.order_by(calls.desc(), *order) if busiest_first else stmt.order_by(*order)


def _error_codes(
    db: Session, picked: Subquery, by: Sequence[GroupKey]
) -> dict[tuple[Any, ...], dict[str, int]]:
    """Calls per error code in each group, keyed by the group's ``by`` values; codes in order."""
    keys = [picked.c[k] for k in by]
    code = picked.c.error_code
    stmt = (
        select(*keys, code, func.count())
        .where(code.is_not(None), code != "")
        .group_by(*keys, code)
        .order_by(code)
    )
    found: dict[tuple[Any, ...], dict[str, int]] = defaultdict(dict)
    for row in db.execute(stmt):
        *key, name, count = row
        found[tuple(key)][name] = count
    return found
