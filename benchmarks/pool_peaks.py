"""Watch a Hanji server's database pool during a load run by scraping ``/metrics``.

The server exports ``hanji_db_pool_checked_out`` (now) and ``hanji_db_pool_peak_checked_out`` (the
most since the previous scrape; each scrape starts a new window), so the largest peak over scrapes
that follow one another without a gap is the most connections checked out at once over the run.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from dataclasses import dataclass, field

import httpx

PEAK = "hanji_db_pool_peak_checked_out"
NOW = "hanji_db_pool_checked_out"


@dataclass
class PoolPeaks:
    peak: int = 0
    """Most connections checked out at once, over every window scraped."""
    now_max: int = 0
    """Most connections checked out at the instant of a scrape."""
    scrapes: int = 0
    failed_scrapes: int = 0
    """A failed scrape may have lost a window's peak: the figure is then a lower bound."""
    window_peaks: list[int] = field(default_factory=list)
    """Each scrape's peak, in order: a burst of arrivals shows as one high window, a connection held
    through OCR as high windows all along the run."""
    nows: list[int] = field(default_factory=list)

    @property
    def mean_now(self) -> float:
        return sum(self.nows) / len(self.nows) if self.nows else float("nan")

    def peak_histogram(self) -> str:
        """``peak×windows`` pairs and where the highest window fell, e.g. ``0×12 1×30 4×1 (4: window
        2 of 43)``: a high window at the start is the calls' first queries arriving together."""
        if not self.window_peaks:
            return "no scrape"
        counts = Counter(self.window_peaks)
        pairs = " ".join(f"{peak}×{counts[peak]}" for peak in sorted(counts))
        first_highest = self.window_peaks.index(self.peak) + 1
        return f"{pairs} ({self.peak}: window {first_highest} of {len(self.window_peaks)})"


def read_pool_gauges(text: str) -> dict[str, float]:
    """The pool gauges in a Prometheus text exposition (they carry no labels)."""
    values: dict[str, float] = {}
    for line in text.splitlines():
        name, _, value = line.partition(" ")
        if name in (PEAK, NOW):
            values[name] = float(value)
    return values


async def scrape_pool(client: httpx.AsyncClient, metrics_url: str, peaks: PoolPeaks) -> None:
    """One scrape, folded into ``peaks`` (a call before a run just resets the server's window)."""
    try:
        response = await client.get(metrics_url)
        response.raise_for_status()
    except httpx.HTTPError:
        peaks.failed_scrapes += 1
        return
    gauges = read_pool_gauges(response.text)
    if PEAK not in gauges:
        raise RuntimeError(f"{metrics_url} exports no {PEAK}: is HANJI_EXPOSE_METRICS on?")
    peak, now = int(gauges[PEAK]), int(gauges.get(NOW, 0))
    peaks.scrapes += 1
    peaks.window_peaks.append(peak)
    peaks.nows.append(now)
    peaks.peak = max(peaks.peak, peak)
    peaks.now_max = max(peaks.now_max, now)


async def watch_pool(
    client: httpx.AsyncClient,
    metrics_url: str,
    peaks: PoolPeaks,
    stop: asyncio.Event,
    *,
    interval_s: float = 0.2,
) -> None:
    """Scrape every ``interval_s`` until ``stop`` is set, then once more to close the last window."""
    while not stop.is_set():
        await scrape_pool(client, metrics_url, peaks)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=interval_s)
    await scrape_pool(client, metrics_url, peaks)
