"""Small server-side SVG charts (no chart library, no inline script or style: CSS classes only)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 56, 12, 12, 40


@dataclass(frozen=True)
class Series:
    label: str
    values: Sequence[float]
    css_class: str


def _nice_max(value: float) -> float:
    """Round the axis top up to 1, 2 or 5 × 10^n so tick labels read well."""
    if value <= 0:
        return 1
    magnitude = 10 ** (len(str(int(value))) - 1)
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return float(step * magnitude)
    return float(10 * magnitude)


def _frame(title: str, top: float, labels: Sequence[str], unit: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" aria-label="{escape(title)}"'
        ' xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for i in range(5):
        value = top * i / 4
        y = TOP + plot_h - plot_h * i / 4
        parts.append(f'<line class="grid-line" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>')
        text = f"{value:g}{unit}"
        parts.append(f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{text}</text>')
    step = max(1, len(labels) // 8)  # at most ~8 x labels so they never overlap
    slot = (WIDTH - LEFT - RIGHT) / max(1, len(labels))
    for i, label in enumerate(labels):
        if i % step == 0:
            x = LEFT + slot * (i + 0.5)
            parts.append(
                f'<text class="tick" x="{x:.1f}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    return parts


def _legend(series: Sequence[Series]) -> list[str]:
    parts = []
    for i, s in enumerate(series):
        x = LEFT + i * 140
        parts.append(f'<rect class="{s.css_class}" x="{x}" y="{HEIGHT - 14}" width="10" height="10"/>')
        parts.append(f'<text class="legend" x="{x + 14}" y="{HEIGHT - 5}">{escape(s.label)}</text>')
    return parts


def stacked_bars(title: str, labels: Sequence[str], series: Sequence[Series], empty: str) -> Markup:
    """Stacked bars per label (e.g. success and failure calls per day)."""
    if not labels:
        return Markup('<p class="hint">{}</p>').format(empty)
    totals = [sum(s.values[i] for s in series) for i in range(len(labels))]
    top = _nice_max(max(totals))
    parts = _frame(title, top, labels, "")
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(labels)
    bar_w = min(48.0, max(2.0, slot * 0.7))  # one day alone should not fill the chart
    for i, label in enumerate(labels):
        y = float(TOP + plot_h)
        x = LEFT + slot * i + (slot - bar_w) / 2
        for s in series:
            h = plot_h * s.values[i] / top
            y -= h
            tip = f"{label} {s.label}: {s.values[i]:g}"
            parts.append(
                f'<rect class="{s.css_class}" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                f"<title>{escape(tip)}</title></rect>"
            )
    parts += [*_legend(series), "</svg>"]
    return Markup("".join(parts))


def lines(title: str, labels: Sequence[str], series: Sequence[Series], unit: str, empty: str) -> Markup:
    """One polyline (with point markers) per series, e.g. latency p50 and p95 per day."""
    if not labels:
        return Markup('<p class="hint">{}</p>').format(empty)
    top = _nice_max(max((v for s in series for v in s.values), default=0))
    parts = _frame(title, top, labels, unit)
    plot_h = HEIGHT - TOP - BOTTOM
    slot = (WIDTH - LEFT - RIGHT) / len(labels)
    for s in series:
        points = [(LEFT + slot * (i + 0.5), TOP + plot_h - plot_h * v / top) for i, v in enumerate(s.values)]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline class="{s.css_class} line" points="{path}"/>')
        for (x, y), label, v in zip(points, labels, s.values, strict=True):
            tip = f"{label} {s.label}: {v:g}{unit}"
            parts.append(
                f'<circle class="{s.css_class}" cx="{x:.1f}" cy="{y:.1f}" r="3">'
                f"<title>{escape(tip)}</title></circle>"
            )
    parts += [*_legend(series), "</svg>"]
    return Markup("".join(parts))
