"""Figures in a real site (MkDocs), in headless Chromium: the image loads, in AVIF, with its alt text in the
reader's language; its place is kept before it loads; axe finds nothing on the page; the page-weight
benchmark counts the lead image and reports the lazy one it did not load.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from bench.pageweight import bench_first_load
from checks import axe
from checks.pages import SitePage
from checks.server import serve

from ..checks.conftest import report, run_check
from ..conftest import copy_project, generator
from ..test_figures import SLUG, add_figure
from .conftest import DESKTOP, PHONE


@pytest.fixture(scope="module")
def figure_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("figure-site") / "project")
    add_figure(project, lead=True, caption_only=True)
    generator(project, "build")
    generator(project, "site")
    return project / "site"


@pytest.fixture(scope="module")
def figure_url(figure_site: Path) -> Iterator[str]:
    with serve(figure_site) as url:
        yield url


LOADED = """async (selector) => {
    const img = document.querySelector(selector);
    img.scrollIntoView();
    if (!img.complete) await new Promise(r => { img.onload = r; img.onerror = r; });
    return {alt: img.alt, lang: img.closest("[lang]").lang, src: img.currentSrc, natural: img.naturalWidth, loading: img.loading};
}"""


@pytest.mark.parametrize(
    ("locale", "alt", "lead_alt"), [("en", "The <Vikram> lander on the Moon", "The rover"), ("hi", "चंद्रमा पर विक्रम लैंडर", "रोवर")]
)
def test_the_images_load_in_avif_with_their_alt_text(
    figure_url: str, new_page: Callable[..., Page], locale: str, alt: str, lead_alt: str
) -> None:
    page = new_page(DESKTOP)
    page.goto(f"{figure_url}/{locale}/{SLUG}/")
    lead = page.evaluate(LOADED, "#figure-top img")
    assert lead["alt"] == lead_alt and lead["lang"] == locale and lead["loading"] == "auto"
    assert lead["natural"] > 0 and lead["src"].endswith("/top-500.avif")
    body = page.evaluate(LOADED, "#figure-landing img")
    assert body["alt"] == alt and body["lang"] == locale and body["loading"] == "lazy"
    # The text column is 688 px wide at 1280 px: the 800-pixel AVIF, not the 1000-pixel one.
    assert body["natural"] > 0 and body["src"].endswith("/landing-800.avif")


@pytest.mark.parametrize(
    ("locale", "text", "caption"),
    [
        ("en", "Image not available: The rover's first tracks", "Pragyan’s tracks, as ISRO showed them."),
        ("hi", "चित्र उपलब्ध नहीं: रोवर के पहले निशान", "इसरो के दिखाए प्रज्ञान के निशान।"),
    ],
)
def test_a_figure_without_its_image_is_read_as_a_figure_with_its_description_and_caption(
    figure_url: str, new_page: Callable[..., Page], locale: str, text: str, caption: str
) -> None:
    """No broken image: the reader sees, and a screen reader hears, that the image is not available, what it
    showed, and its caption; the figure is named by its caption."""
    page = new_page(PHONE)
    failed: list[str] = []
    page.on("requestfailed", lambda request: failed.append(request.url))
    page.goto(f"{figure_url}/{locale}/{SLUG}/")
    figure = page.locator("#figure-lost")
    figure.scroll_into_view_if_needed()
    assert figure.locator("img, picture").count() == 0
    description = figure.locator(".explainer-figure__description")
    assert description.is_visible() and description.inner_text() == text
    box = description.bounding_box()
    assert box is not None and box["height"] > 20
    assert page.get_by_role("figure", name=re.compile("^" + re.escape(caption))).count() == 1  # named by its figcaption
    assert figure.locator("figcaption").inner_text().startswith(caption)
    assert not [url for url in failed if "lost" in url]


def test_the_place_of_an_image_is_kept_before_it_loads(figure_url: str, new_page: Callable[..., Page]) -> None:
    page = new_page(PHONE)
    page.route("**/*.{avif,jpg,png}", lambda route: route.abort())  # no image ever arrives
    page.goto(f"{figure_url}/en/{SLUG}/")
    box = page.locator("#figure-landing img").bounding_box()
    assert box is not None and box["width"] > 300
    assert abs(box["height"] - box["width"] * 600 / 1000) < 1.5  # the 1000 × 600 image's shape, before any byte of it


def test_axe_finds_nothing_on_a_page_with_figures(figure_site: Path) -> None:
    pages = [SitePage("article", code, f"/{code}/{SLUG}/", figure_site / code / SLUG / "index.html") for code in ("hi", "en")]
    findings = run_check(axe.run, figure_site, pages=pages, search=False)
    assert not findings, report(findings)


def test_the_page_weight_counts_the_lead_image_and_reports_the_lazy_one(figure_site: Path) -> None:
    result = run_check(bench_first_load, figure_site, SLUG, ["en"], use_browser=True)
    assert result["method"] == "chromium"
    images = [r for r in result["en"]["requests"] if r["kind"] == "image"]
    assert [Path(r["path"]).name for r in images][:1] == ["top-500.avif"] and images[0]["bytes"] > 0
    # The figure after the landing paragraph is lazy: a window 720 px high may or may not come near it on load;
    # either it was fetched (and counted) or it is reported, with its size, as loaded on scrolling.
    fetched = {Path(r["path"]).name for r in images}
    deferred = [Path(d["path"]).name for d in result["en"]["lazy_images_not_loaded"]]
    assert ("landing-800.avif" in fetched) != ("landing-800.avif" in deferred), (fetched, deferred)
