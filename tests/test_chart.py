"""Charts of a key fact's series: the pure SVG and table renderer (inline input → output), the data contract, and the
chart on the page of the Kolkata explainer, in each locale's digits."""

from __future__ import annotations

import re
from decimal import Decimal
from gettext import NullTranslations
from pathlib import Path

import pytest
from pydantic import ValidationError

from generator.locales import L10n, SiteLocale
from generator.model import KeyFact
from generator.render.chart import Bar, Chart, chart_svg, chart_table

from .conftest import copy_project, generator

TWO = (Bar("2021–22", Decimal(50), "50", "50 tonnes"), Bar("2022–23", Decimal(100), "100", "100 tonnes"))


def test_bars_start_at_zero_in_reading_order_with_their_values_and_times() -> None:
    svg = chart_svg(Chart("cargo", "Cargo", TWO, "ltr", "Year"))
    assert svg == (
        '<svg class="explainer-chart__svg" viewBox="0 0 240 226" width="240" height="226" aria-hidden="true" focusable="false">'
        '<rect class="explainer-chart__bar" x="28" y="110" width="64" height="80"/>'
        '<text class="explainer-chart__value" x="60" y="102" text-anchor="middle">50</text>'
        '<text class="explainer-chart__label" x="60" y="214" text-anchor="middle">2021–22</text>'
        '<rect class="explainer-chart__bar" x="148" y="30" width="64" height="160"/>'
        '<text class="explainer-chart__value" x="180" y="22" text-anchor="middle">100</text>'
        '<text class="explainer-chart__label" x="180" y="214" text-anchor="middle">2022–23</text>'
        '<line class="explainer-chart__axis" x1="0" y1="190" x2="240" y2="190"/>'
        "</svg>"
    )


def test_a_right_to_left_chart_puts_the_first_value_on_the_right() -> None:
    svg = chart_svg(Chart("cargo", "مال", TWO, "rtl", "سال"))
    labels = re.findall(r'<text class="explainer-chart__label" x="(\d+)"[^>]*>([^<]*)<', svg)
    assert labels == [("60", "2022–23"), ("180", "2021–22")]  # left to right on the screen: the later year first


def test_the_table_lists_the_values_in_reading_order_with_row_and_column_headers() -> None:
    table = chart_table(Chart("cargo", "Cargo <handled>", TWO, "rtl", "Year"))
    assert table == (
        '<table class="explainer-chart__table"><thead><tr><th scope="col">Year</th><th scope="col">Cargo &lt;handled&gt;</th></tr></thead>'
        '<tbody><tr><th scope="row">2021–22</th><td>50 tonnes</td></tr>'
        '<tr><th scope="row">2022–23</th><td>100 tonnes</td></tr></tbody></table>'
    )


def test_text_from_the_data_reaches_the_chart_as_text() -> None:
    bars = (Bar("<b>2021</b>", Decimal(1), '"><script>alert(1)</script>', "x"), Bar("2022", Decimal(0), "0", "0"))
    svg = chart_svg(Chart("c", "t", bars, "ltr", "Year"))
    assert "<script>" not in svg and "<b>" not in svg
    assert "&lt;b&gt;2021&lt;/b&gt;" in svg and '<rect class="explainer-chart__bar" x="148" y="190" width="64" height="0"/>' in svg


def test_a_financial_year_is_written_in_the_locales_digits() -> None:
    assert L10n(SiteLocale("hi", "published", digits="deva"), NullTranslations()).fiscal_year(2021) == "२०२१–२२"
    assert L10n(SiteLocale("en", "published"), NullTranslations()).fiscal_year(1999) == "1999–00"
    # Isolated in Urdu: its en dash is neutral, and between two numbers in right-to-left text it would swap them.
    assert L10n(SiteLocale("ur", "published", digits="arabext"), NullTranslations()).fiscal_year(2021) == "\u2066۲۰۲۱–۲۲\u2069"


FACT = {"id": "cargo", "number": "63.951", "unit": "mass-tonne", "scale": "million", "sources": ["s"]}


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ({"points": [{"x": "2022", "y": "1"}, {"x": "2021", "y": "2"}]}, "give the points oldest first, each `x` once"),
        ({"points": [{"x": "2021", "y": "1"}, {"x": "2021-05", "y": "2"}]}, "give every `x` at the same precision"),
        ({"fiscal": True, "points": [{"x": "2021-04", "y": "1"}, {"x": "2022-04", "y": "2"}]}, "with `fiscal: true`, each `x` is a year"),
        ({"points": [{"x": "2021", "y": "-1"}, {"x": "2022", "y": "2"}]}, "values must not be negative"),
        ({"points": [{"x": "2021", "y": "1"}]}, "at least 2 items"),
    ],
)
def test_a_series_that_cannot_be_drawn_is_refused_with_why(series: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=re.escape(message)):
        KeyFact.model_validate({**FACT, "series": series})


def test_a_series_needs_the_number_it_draws() -> None:
    fact = {k: v for k, v in FACT.items() if k not in ("number", "unit", "scale")}
    with pytest.raises(ValidationError, match="`series` draws a number over time; give `number`"):
        KeyFact.model_validate({**fact, "date": "2024", "series": {"points": [{"x": "2021", "y": "1"}, {"x": "2022", "y": "2"}]}})


def test_the_kolkata_explainer_charts_the_ports_cargo_in_each_locale(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    locales = project / "locales" / "locales.yml"
    locales.write_text(
        locales.read_text(encoding="utf-8").replace("  hi:\n    status: published\n", "  hi:\n    status: published\n    digits: deva\n"),
        encoding="utf-8",
    )
    generator(project, "build")
    slug = "kolkata-port-syama-prasad-mookerjee"
    en = (project / "docs" / "en" / f"{slug}.md").read_text(encoding="utf-8")
    hi = (project / "docs" / "hi" / f"{slug}.md").read_text(encoding="utf-8")
    assert '<figure class="explainer-chart" id="chart-cargo">' in en
    rows = [(x, y.replace("\u202f", " ")) for x, y in re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td></tr>', en)]
    assert rows == [
        ("2021–22", "5.8175 crore tonnes"),
        ("2022–23", "6.566 crore tonnes"),
        ("2023–24", "6.64 crore tonnes"),
        ("2024–25", "6.3951 crore tonnes"),
    ]
    assert "6.3951\u202fcrore tonnes (2024–25)" in en  # the key fact is the latest value, with its year
    hi_rows = [(x, y.replace("\u202f", " ")) for x, y in re.findall(r'<tr><th scope="row">([^<]*)</th><td>([^<]*)</td></tr>', hi)]
    assert hi_rows[0] == ("२०२१–२२", "५.८१७५ करोड़ मीट्रिक टन")
    assert '<th scope="col">वित्त वर्ष</th>' in hi
