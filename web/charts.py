"""A server-side SVG bar chart of counts per month (no JavaScript, no library); its labels
in the interface's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from search_service.facets import FacetValue
from web.formatting import month_label

WIDTH, HEIGHT, AXIS = 640, 160, 24
MAX_MONTHS = 240
MAX_BAR = 48


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    count: int


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    bars: list[Bar]
    ticks: list[tuple[float, str]]  # x position, year label
    peak: int


def month_chart(months: Sequence[FacetValue]) -> Chart | None:
    """Bars for every month from the first to the last with quotes (empty months at 0)."""
    counts = {m.value: m.count for m in months if m.count}
    if not counts:
        return None
    first, last = min(counts), max(counts)
    keys: list[str] = []
    year, month = int(first[:4]), int(first[5:7])
    while f"{year:04d}-{month:02d}" <= last and len(keys) < MAX_MONTHS:
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    peak = max(counts.values())
    slot = WIDTH / len(keys)
    plot = HEIGHT - AXIS
    bars, ticks = [], []
    for number, key in enumerate(keys):
        count = counts.get(key, 0)
        height = plot * count / peak
        label = month_label(key)
        width = min(max(slot * 0.8, 1), MAX_BAR)
        bars.append(Bar(round(number * slot + (slot - width) / 2, 2), round(plot - height, 2),
                        round(width, 2), round(height, 2), label, count))
        if key.endswith("-01") or number == 0:
            ticks.append((round(number * slot, 2), key[:4]))
    return Chart(WIDTH, HEIGHT, bars, ticks, peak)
