"""Charts of a key fact's series: an inline SVG bar chart and the table of its values. Pure: text in, markup out.

The chart is drawn for sighted readers and hidden from assistive technology (`aria-hidden`): the table next to
it says the same with row and column headers, so a screen reader reads values, not shapes. Every text is already
localized (digits, scale words, financial years) by the caller; here it is only escaped and placed. Right to left
locales put the first value on the right, as the table's columns run. No script, no external resource: colours
come from the page's stylesheet (the link colour, 4.5:1 or more on every background of the site).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from markupsafe import Markup, escape

#: The width of one bar's slot and of its bar, the height of the tallest bar, and the room above and below it.
SLOT = 120
BAR = 64
PLOT = 160
TOP = 30
BOTTOM = 36


@dataclass(frozen=True)
class Bar:
    """One value of the series, as the locale writes it."""

    #: When: «2021–22», «२०२३».
    label: str
    value: Decimal
    #: Over the bar: the number and its scale word («5.8175 crore»).
    short: str
    #: In the table: with its unit («5.8175 crore tonnes»).
    full: str


@dataclass(frozen=True)
class Chart:
    """A series drawn for one locale: its title is the key fact's label."""

    id: str
    title: str
    bars: tuple[Bar, ...]
    direction: Literal["ltr", "rtl"]
    #: The header of the table's first column: «Financial year», «वर्ष».
    x_heading: str


def chart_svg(chart: Chart) -> Markup:
    """The bars, each with its value above and its time below, from zero; the first value at the reading start."""
    bars = _visual(chart.bars, chart.direction)
    top = max((b.value for b in bars), default=Decimal(0)) or Decimal(1)
    width, height = SLOT * len(bars), TOP + PLOT + BOTTOM
    base = TOP + PLOT
    parts = [
        f'<svg class="explainer-chart__svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        'aria-hidden="true" focusable="false">'
    ]
    for n, bar in enumerate(bars):
        middle = SLOT * n + SLOT // 2
        tall = round(float(bar.value / top) * PLOT, 1)
        parts.append(
            f'<rect class="explainer-chart__bar" x="{middle - BAR // 2}" y="{_num(base - tall)}" width="{BAR}" height="{_num(tall)}"/>'
            f'<text class="explainer-chart__value" x="{middle}" y="{_num(base - tall - 8)}" text-anchor="middle">{escape(bar.short)}</text>'
            f'<text class="explainer-chart__label" x="{middle}" y="{base + 24}" text-anchor="middle">{escape(bar.label)}</text>'
        )
    parts.append(f'<line class="explainer-chart__axis" x1="0" y1="{base}" x2="{width}" y2="{base}"/>')
    parts.append("</svg>")
    return Markup("".join(parts))


def chart_table(chart: Chart) -> Markup:
    """The values as a table, in reading order: a row per value, its time as the row's header."""
    rows = "".join(f'<tr><th scope="row">{escape(b.label)}</th><td>{escape(b.full)}</td></tr>' for b in chart.bars)
    head = f'<thead><tr><th scope="col">{escape(chart.x_heading)}</th><th scope="col">{escape(chart.title)}</th></tr></thead>'
    return Markup(f'<table class="explainer-chart__table">{head}<tbody>{rows}</tbody></table>')


def _visual(bars: Sequence[Bar], direction: str) -> list[Bar]:
    """Left to right on the screen: reading order, reversed for a right-to-left locale."""
    return list(reversed(bars)) if direction == "rtl" else list(bars)


def _num(value: float) -> str:
    """A coordinate without a useless fraction: 30, 30.5."""
    return f"{value:.1f}".rstrip("0").rstrip(".")
