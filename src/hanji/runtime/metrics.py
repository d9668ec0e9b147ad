"""Prometheus metrics: invoke calls and the database pool, one registry per runtime (tests build many)."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

from hanji.runtime.pool_watch import PoolWatch


@dataclass(frozen=True)
class InvokeMetrics:
    registry: CollectorRegistry
    calls: Counter
    latency: Histogram

    def observe(self, *, service_type: str, code: str, seconds: float) -> None:
        self.calls.labels(service_type=service_type, code=code).inc()
        self.latency.labels(service_type=service_type).observe(seconds)


def build_metrics() -> InvokeMetrics:
    registry = CollectorRegistry()
    calls = Counter(
        "hanji_invoke_calls",
        "Invoke calls by service type and result code",
        ["service_type", "code"],
        registry=registry,
    )
    latency = Histogram(
        "hanji_invoke_latency_seconds",
        "Invoke call latency",
        ["service_type"],
        buckets=(0.1, 0.25, 0.5, 1, 2, 4, 8, 16, 32, 64),
        registry=registry,
    )
    return InvokeMetrics(registry, calls, latency)


def watch_pool(registry: CollectorRegistry, pool: PoolWatch) -> None:
    """Export the database pool's checked-out connections, now and the peak since the last scrape."""
    now = Gauge("hanji_db_pool_checked_out", "Database connections checked out now", registry=registry)
    now.set_function(lambda: pool.checked_out)
    peak = Gauge(
        "hanji_db_pool_peak_checked_out",
        "Most database connections checked out at once since the previous scrape",
        registry=registry,
    )
    peak.set_function(pool.take_peak)
