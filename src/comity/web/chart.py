"""The dyad timeline as inline SVG, drawn on the server: no script, nothing fetched.

Bars stack each period's events by QuadClass; a stem on the right-hand axis (-10…10) marks
the period's Goldstein mean. Every bar links to the events it counts.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

QUAD_LABELS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True, slots=True)
class Period:
    """One bar: a period ("2018-06" or "2018") and its events by QuadClass."""

    label: str
    quads: tuple[int, int, int, int]
    goldstein_mean: float | None

    @property
    def events(self) -> int:
        return sum(self.quads)


@dataclass(frozen=True, slots=True)
class Frame:
    width: int = 920
    height: int = 280
    left: int = 44
    right: int = 48
    top: int = 28
    bottom: int = 46

    @property
    def plot_width(self) -> float:
        return self.width - self.left - self.right

    @property
    def plot_height(self) -> float:
        return self.height - self.top - self.bottom

    @property
    def baseline(self) -> float:
        return self.top + self.plot_height


def count_ticks(maximum: int) -> list[int]:
    """Whole-number ticks from 0 in steps of 1, 2, 5, 10, 20… at most five steps up to `maximum` or past it."""
    step = 1
    while -(-maximum // step) > 5:
        step = step * 5 // 2 if str(step)[0] == "2" else step * 2
    return list(range(0, step * -(-maximum // step) + 1, step))


def timeline_svg(periods: Sequence[Period], link: Callable[[str], str], frame: Frame = Frame()) -> str:
    """The chart as an SVG element; `link(period)` gives the address of a bar's events."""
    if not periods:
        return ""
    ticks = count_ticks(max(p.events for p in periods) or 1)
    scale = frame.plot_height / ticks[-1]
    band = frame.plot_width / len(periods)
    parts = [
        f'<svg class="timeline" viewBox="0 0 {frame.width} {frame.height}" role="img" '
        f'xmlns="http://www.w3.org/2000/svg" aria-label="events per period by QuadClass, with the Goldstein mean">',
        *_axes(frame, ticks, scale),
        *_label_marks(periods, frame, band),
    ]
    for index, period in enumerate(periods):
        parts.append(_bar(period, frame.left + index * band, band, scale, frame, link(period.label)))
    parts.append(_goldstein_stems(periods, frame, band))
    parts.append("</svg>")
    return "\n".join(parts)


def _axes(frame: Frame, ticks: list[int], scale: float) -> list[str]:
    right = frame.left + frame.plot_width
    parts = []
    for tick in ticks:
        y = frame.baseline - tick * scale
        parts.append(f'<line class="grid" x1="{frame.left}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{frame.left - 6}" y="{y + 4:.1f}" text-anchor="end">{tick}</text>')
    for value in (-10, 0, 10):
        y = _goldstein_y(value, frame)
        label = f"{value:+d}" if value else "0"
        parts.append(f'<text class="tick goldstein" x="{right + 6:.1f}" y="{y + 4:.1f}">{label}</text>')
    zero = _goldstein_y(0, frame)
    parts.append(f'<line class="zero" x1="{frame.left}" x2="{right:.1f}" y1="{zero:.1f}" y2="{zero:.1f}"/>')
    parts.append(f'<text class="axis" x="{frame.left - 36}" y="{frame.top - 10}">events</text>')
    parts.append(f'<text class="axis goldstein" x="{frame.width - 4}" y="{frame.top - 10}" '
                 'text-anchor="end">Goldstein</text>')
    return parts


def _label_marks(periods: Sequence[Period], frame: Frame, band: float) -> list[str]:
    every = max(1, round(len(periods) / (frame.plot_width / 64)))
    return [
        f'<text class="period" x="{frame.left + (i + 0.5) * band:.1f}" y="{frame.baseline + 16:.1f}" '
        f'text-anchor="middle">{escape(p.label)}</text>'
        for i, p in enumerate(periods)
        if i % every == 0
    ]


def _bar(period: Period, x: float, band: float, scale: float, frame: Frame, href: str) -> str:
    width = min(band * 0.7, 56)
    left = x + (band - width) / 2
    y = frame.baseline
    rects = []
    for quad, count in enumerate(period.quads, start=1):
        if count:
            height = count * scale
            y -= height
            rects.append(f'<rect class="q{quad}" x="{left:.1f}" y="{y:.1f}" '
                         f'width="{width:.1f}" height="{height:.1f}"/>')
    mean = "–" if period.goldstein_mean is None else f"{period.goldstein_mean:+.1f}"
    counts = ", ".join(f"{n} {QUAD_LABELS[q]}" for q, n in enumerate(period.quads, start=1) if n)
    title = f"{period.label}: {period.events} events ({counts}); Goldstein mean {mean}"
    if not period.events:
        return f'<g class="bar empty"><title>{escape(period.label)}: no events</title></g>'
    return f'<a href="{escape(href)}" class="bar"><title>{escape(title)}</title>{"".join(rects)}</a>'


def _goldstein_y(value: float, frame: Frame) -> float:
    return frame.top + (10 - value) / 20 * frame.plot_height


def _goldstein_stems(periods: Sequence[Period], frame: Frame, band: float) -> str:
    """A stem from zero to each period's mean: a line joining them would invent a trend between periods."""
    zero = _goldstein_y(0, frame)
    parts = []
    for i, period in enumerate(periods):
        if period.goldstein_mean is None:
            continue
        x, y = frame.left + (i + 0.5) * band, _goldstein_y(period.goldstein_mean, frame)
        parts.append(f'<line class="goldstein" x1="{x:.1f}" x2="{x:.1f}" y1="{zero:.1f}" y2="{y:.1f}"/>'
                     f'<circle class="goldstein" cx="{x:.1f}" cy="{y:.1f}" r="4"/>')
    return "".join(parts)


def filled(periods: Sequence[Period], max_periods: int = 120) -> list[Period]:
    """The periods with the empty ones between them added, so distance on the axis is time,
    when they share one precision and span at most `max_periods`; else as given."""
    if not periods or len({len(p.label) for p in periods}) != 1 or len(periods[0].label) not in (4, 7):
        return list(periods)
    labels = _span(periods[0].label, periods[-1].label)
    if len(labels) > max_periods:
        return list(periods)
    given = {p.label: p for p in periods}
    return [given.get(label, Period(label, (0, 0, 0, 0), None)) for label in labels]


def _span(first: str, last: str) -> list[str]:
    if len(first) == 4:
        return [str(year) for year in range(int(first), int(last) + 1)]
    months = range(int(first[:4]) * 12 + int(first[5:]) - 1, int(last[:4]) * 12 + int(last[5:]))
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in months]
