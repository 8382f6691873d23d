"""The Kolkata explainer's chart in a real site (MkDocs), in headless Chromium: drawn and visible, its values in a
table that assistive technology reads (the drawing itself hidden from it), right to left in Urdu, and axe finds
nothing on the pages. Urdu is added as a desk adds it, from PIB's official translation (../shared/corpus)."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page

from checks import axe
from checks.pages import SitePage
from checks.server import serve

from ..checks.conftest import report, run_check
from ..conftest import copy_project, generator, run
from ..test_kolkata_languages import SLUG, locale_file
from .conftest import DESKTOP, PHONE


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("chart-site") / "project")
    english = yaml.safe_load((root / "articles" / SLUG / "en.yaml").read_text(encoding="utf-8"))
    run([sys.executable, "-m", "generator.i18n", "init", "ur"], root)
    generator(root, "add-locale", "ur")
    (root / "articles" / SLUG / "ur.yaml").write_text(locale_file("ur", english), encoding="utf-8")
    generator(root, "confirm", "ur", SLUG)
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], root)
    generator(root, "build")
    generator(root, "site")
    return root / "site"


@pytest.fixture(scope="module")
def chart_url(chart_site: Path) -> Iterator[str]:
    with serve(chart_site) as url:
        yield url


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE])
def test_the_chart_and_its_table_are_shown_and_the_table_is_what_a_screen_reader_reads(
    chart_url: str, new_page: Callable[..., Page], viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    page.goto(f"{chart_url}/en/{SLUG}/")
    chart = page.locator("#chart-cargo")
    chart.scroll_into_view_if_needed()
    bars = page.locator("#chart-cargo rect.explainer-chart__bar")
    assert bars.count() == 4
    heights = [bars.nth(i).bounding_box()["height"] for i in range(4)]  # type: ignore[index]
    assert all(h > 20 for h in heights) and heights.index(max(heights)) == 2  # 2023–24, the record year
    svg = page.locator("#chart-cargo svg").bounding_box()
    assert svg is not None and 0 < svg["width"] <= viewport["width"]
    assert page.locator("#chart-cargo svg").get_attribute("aria-hidden") == "true"
    table = page.get_by_role("table", name=None).filter(has=page.get_by_role("rowheader", name="2021–22"))
    assert table.is_visible()
    assert [h.inner_text() for h in table.get_by_role("rowheader").all()] == ["2021–22", "2022–23", "2023–24", "2024–25"]
    assert table.get_by_role("columnheader").first.inner_text() == "Financial year"
    cells = [c.inner_text().replace("\u202f", " ") for c in table.get_by_role("cell").all()]
    assert cells == ["5.8175 crore tonnes", "6.566 crore tonnes", "6.64 crore tonnes", "6.3951 crore tonnes"]


def test_in_urdu_the_chart_and_the_table_read_right_to_left(chart_url: str, page: Page) -> None:
    page.goto(f"{chart_url}/ur/{SLUG}/")
    page.locator("#chart-cargo").scroll_into_view_if_needed()
    labels = page.locator("#chart-cargo text.explainer-chart__label")
    # In reading order (the table's rows), each year's bar stands to the left of the one before it.
    rows = [h.inner_text() for h in page.locator("#chart-cargo table th[scope=row]").all()]
    assert len(rows) == 4
    lefts = {labels.nth(i).text_content(): labels.nth(i).bounding_box()["x"] for i in range(4)}  # type: ignore[index]
    assert [lefts[r] for r in rows] == sorted((lefts[r] for r in rows), reverse=True)
    header = page.locator("#chart-cargo table th[scope=row]").first.bounding_box()
    cell = page.locator("#chart-cargo table td").first.bounding_box()
    assert header is not None and cell is not None and header["x"] > cell["x"]  # the year's column is on the right
    # A financial year reads left to right as one number, «2021–22», not «22–2021», in the table and in the chart.
    for selector in ("#chart-cargo table th[scope=row]", "#chart-cargo text.explainer-chart__label"):
        first, second = page.locator(selector).first.evaluate(YEARS)
        assert first < second, selector


#: The left edges of the first year («2021») and of the second («22») of the first financial year in an element.
YEARS = """(element) => {
    const node = element.firstChild;
    const text = node.textContent, dash = text.indexOf("\u2013");
    const left = (start, end) => { const r = document.createRange(); r.setStart(node, start); r.setEnd(node, end);
                                   return r.getBoundingClientRect().left; };
    return [left(dash - 4, dash), left(dash + 1, dash + 3)];
}"""


def test_axe_finds_nothing_on_the_pages_with_the_chart(chart_site: Path) -> None:
    pages = [SitePage("article", code, f"/{code}/{SLUG}/", chart_site / code / SLUG / "index.html") for code in ("hi", "en", "ur")]
    findings = run_check(axe.run, chart_site, pages=pages, search=False)
    assert not findings, report(findings)
