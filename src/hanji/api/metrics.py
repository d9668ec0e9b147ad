"""Prometheus metrics for invoke calls, one registry per app (so tests can build many apps)."""

from __future__ import annotations

from dataclasses import dataclass

from prometheus_client import CollectorRegistry, Counter, Histogram


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
