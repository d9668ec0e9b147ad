"""What the stats API answers: ``/api/v1/stats/calls`` rows and the ``/api/v1/stats/summary`` page data.

Each row model inherits its keys before its sums (``class SeriesPoint(CallTotals, BucketKey)``):
pydantic lays out a base listed later first, so the JSON reads keys, then numbers.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Bucket = Literal["hour", "day"]


class CallTotals(BaseModel):
    """Sums over a group of calls; p50/p95 are exact nearest-rank latency percentiles of the group."""

    calls: int
    pages: int
    success: int
    failure: int
    error_codes: dict[str, int] = Field(description="Calls per CLOVA error code, codes in order.")
    table_pages: int = Field(description="Pages on which table extraction found tables.")
    latency_ms_p50: int
    latency_ms_p95: int


class BucketKey(BaseModel):
    bucket: str = Field(description="The UTC hour (2026-11-24T13:00Z) or day (2026-11-24).")


class CallBucketKey(BucketKey):
    domain_id: int
    template_id: int | None


class CallBucket(CallTotals, CallBucketKey):
    """One (bucket, domain, template) row of ``GET /api/v1/stats/calls``."""

    domain_deleted: bool = Field(description="The domain was deleted after these calls.")


class CallBucketList(BaseModel):
    data: list[CallBucket]


class SeriesPoint(CallTotals, BucketKey):
    """Every call of one time bucket."""


class DomainKey(BaseModel):
    domain_id: int
    name: str | None = Field(description="None once the domain is deleted.")
    service_type: str | None
    deleted: bool


class DomainTotals(CallTotals, DomainKey):
    """Every call of one domain in the period."""


class TemplateKey(BaseModel):
    domain_id: int
    domain: str | None = Field(description="The domain's name; None once it is deleted.")
    template_id: int


class TemplateTotals(CallTotals, TemplateKey):
    """Every call that matched one template in the period."""


class QuotaUse(BaseModel):
    """A live domain's calls this month against its service plan's monthly quota."""

    domain_id: int
    name: str
    service_plan: str
    calls: int
    quota: int | None = Field(description="Calls a month the plan allows; None: unlimited.")
    percent: float | None = Field(description="calls / quota in percent, one decimal.")


class StatsSummary(BaseModel):
    """What the statistics page shows (``GET /api/v1/stats/summary``)."""

    model_config = ConfigDict(validate_by_name=True)

    from_: date = Field(alias="from", description="First day, inclusive.")
    to: date = Field(description="Last day, inclusive.")
    bucket: Bucket
    domain_id: int | None
    template_id: int | None
    totals: CallTotals
    series: list[SeriesPoint]
    by_domain: list[DomainTotals] = Field(description="Busiest first; deleted domains under their id.")
    by_template: list[TemplateTotals] = Field(description="Busiest first.")
    quota: list[QuotaUse] = Field(description="This month (UTC), every live domain, by plan and name.")
