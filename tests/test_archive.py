"""A large archive: the home page, the site glossary and the site timeline continue on further pages.

Built for real (generator and MkDocs) from the seed explainers plus synthetic ones from bench/corpus.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

import generator.render.glossary as glossary_module
from generator.build import make_site
from generator.config import load_project
from generator.dates import PartialDate
from generator.gather import load_articles
from generator.render.glossary import GLOSSARY_PAGE_SIZE, USED_IN_LIMIT, render_glossary
from generator.render.home import HOME_PAGE_SIZE
from generator.render.records import list_record
from generator.render.timeline import LIST_PAGE_SIZE

from .conftest import ROOT, SYNTHETIC

LOCALES = ("hi", "en")

#: The repository's own explainers, beside the synthetic ones.
REAL = sum(1 for p in (ROOT / "articles").iterdir() if (p / "article.yaml").is_file())


@pytest.fixture(scope="module")
def archive(archive_project: Path) -> Path:
    return archive_project / "site"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path.lstrip("/") / "index.html").read_text(encoding="utf-8"), "html.parser")


def pages(site: Path, first: str) -> Iterator[tuple[str, BeautifulSoup]]:
    """Follow a list's "next page" links from its first page: (path, page) of each."""
    path, seen = first, set()
    while path:
        assert path not in seen, f"the pages of {first} loop back to {path}"
        seen.add(path)
        page = soup(site, path)
        yield path, page
        link = page.select_one("nav.pager a[rel=next]")
        path = urlsplit(urljoin(path, link["href"])).path if link else ""


def target(site: Path, here: str, href: str) -> BeautifulSoup | None:
    """The element a link of the page at `here` points to, or None when it points nowhere."""
    parts = urlsplit(urljoin(here, href))
    file = site / parts.path.lstrip("/") / "index.html"
    if not file.is_file():
        return None
    page = BeautifulSoup(file.read_text(encoding="utf-8"), "html.parser")
    return page.find(id=parts.fragment) if parts.fragment else page


@pytest.mark.parametrize("locale", LOCALES)
def test_the_home_page_lists_every_explainer_once_newest_first_over_pages_of_twenty(archive: Path, locale: str) -> None:
    listed: list[tuple[str, str]] = []
    home = list(pages(archive, f"/{locale}/"))
    assert len(home) == -(-(SYNTHETIC + REAL) // HOME_PAGE_SIZE)
    for number, (path, page) in enumerate(home, 1):
        items = page.select("li.explainer-list__item")
        assert 1 <= len(items) <= HOME_PAGE_SIZE
        assert page.select_one(".pager__where").get_text().strip()
        if number > 1:
            assert page.select_one("nav.pager a[rel=prev]") is not None
            assert str(number) in page.title.get_text()
        listed += [(i.select_one("time")["datetime"], urlsplit(urljoin(path, i.select_one("a")["href"])).path) for i in items]
    links = [href for _, href in listed]
    assert len(links) == len(set(links)) == SYNTHETIC + REAL == len(explainers(archive, locale))
    assert all((archive / href.lstrip("/") / "index.html").is_file() for href in links)
    dates = [d for d, _ in listed]
    assert dates == sorted(dates, reverse=True)


def explainers(site: Path, locale: str) -> list[str]:
    """The paths of every explainer, as the home pages list them."""
    return [
        urlsplit(urljoin(path, a["href"])).path
        for path, page in pages(site, f"/{locale}/")
        for a in page.select(".explainer-list__title a")
    ]


@pytest.mark.parametrize("locale", LOCALES)
def test_the_site_timeline_holds_every_event_once_in_date_order_with_whole_years_per_page(archive: Path, locale: str) -> None:
    events: list[str] = []
    years_by_page: list[set[str]] = []
    timeline = list(pages(archive, f"/{locale}/timeline/"))
    assert len(timeline) > 1
    for path, page in timeline:
        found = page.select("ol.timeline > li.timeline__event")
        events += [li.select_one("time")["datetime"] for li in found]
        years_by_page.append({li.select_one("time")["datetime"][:4] for li in found})
        # Every page's year index leads to the first event of each year, on whichever page it is.
        index = page.select("nav.timeline-years a")
        assert [a.get_text() for a in index] == sorted(a.get_text() for a in index)
        for link in index:
            element = target(archive, path, link["href"])
            assert element is not None and element.name == "li", f"{path}: {link['href']} leads nowhere"
            assert element.select_one("time")["datetime"][:4] == link.get_text()
    assert len(index) == len(set().union(*years_by_page))
    assert len(events) == sum(len(soup(archive, a).select("article ol.timeline > li")) for a in explainers(archive, locale))
    # In date order: a partial date («2017») after the days and months it spans begin, as on an article page.
    spans = [(d.first_day, d.last_day) for d in map(PartialDate.parse, (e[:10] for e in events))]
    assert spans == sorted(spans)
    assert all(len(page.select("ol.timeline > li")) <= LIST_PAGE_SIZE for _, page in timeline)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_site_glossary_holds_every_term_once_over_pages_with_a_letter_index(archive: Path, locale: str) -> None:
    terms: list[str] = []
    glossary = list(pages(archive, f"/{locale}/glossary/"))
    assert len(glossary) > 1
    for path, page in glossary:
        found = page.select("dl.glossary--site > dt")
        assert 1 <= len(found) <= GLOSSARY_PAGE_SIZE
        terms += [dt["id"] for dt in found]
        # Every page's letter index leads to the heading where each letter begins.
        for link in page.select("nav.glossary-index a"):
            element = target(archive, path, link["href"])
            assert element is not None and element.name == "h2", f"{path}: {link['href']} leads nowhere"
            assert element.get_text().startswith(link.get_text())
        for used in page.select(".glossary__used-in"):
            links = used.select("a")
            assert all(target(archive, path, a["href"]) is not None for a in links), f"{path}: a link leads nowhere"
            explainers_listed = [a for a in links if "?q=" not in a["href"]]
            assert len(explainers_listed) <= USED_IN_LIMIT
            if len(links) > len(explainers_listed):  # the rest is a search for the term
                term = used.find_parent("dd").find_previous_sibling("dt").select_one("dfn").get_text()
                assert parse_qs(urlsplit(links[-1]["href"]).query)["q"] == [term]
                assert urlsplit(urljoin(path, links[-1]["href"])).path == f"/{locale}/search/"
    assert len(terms) == len(set(terms))


def test_a_long_list_of_uses_ends_with_a_search_for_the_term(archive: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The synthetic terms are used in a few explainers each: with a limit of one, many lists are cut."""
    monkeypatch.setattr(glossary_module, "USED_IN_LIMIT", 1)
    project = load_project(archive.parent)
    cut = 0
    site = make_site(project)
    records = [list_record(site, site.l10n["en"], site.localize(a, "en")) for a in load_articles(project)]
    for file, listed in render_glossary(site, records, site.l10n["en"]).items():
        text = listed.make()
        body = BeautifulSoup(text.split("---\n", 2)[2], "html.parser")
        for used in body.select(".glossary__used-in"):
            links = used.select("a")
            if len(links) == 1:
                continue
            cut += 1
            term = used.find_parent("dd").find_previous_sibling("dt").select_one("dfn").get_text()
            assert len(links) == 2, f"{file}: {term}: more than one explainer listed"
            more = urlsplit(links[1]["href"])
            assert parse_qs(more.query)["q"] == [term]
            assert urlsplit(urljoin(f"/{file.removesuffix('.md')}/", more.path)).path == "/en/search/"
            assert re.fullmatch(r"and \d+ more explainers?", links[1].get_text())
    assert cut > 5


def test_a_later_page_switches_language_to_its_counterpart(archive: Path) -> None:
    def alternate(path: str, lang: str) -> str:
        link = soup(archive, path).select_one(f'link[rel=alternate][hreflang="{lang}"]')
        return urlsplit(link["href"]).path

    assert alternate("/hi/page/2/", "en") == "/en/page/2/"
    assert alternate("/hi/timeline/2/", "en") == "/en/timeline/2/"
    # Letters differ between languages: page 2 of the Hindi glossary has the English glossary as its version.
    assert alternate("/hi/glossary/2/", "en") == "/en/glossary/"
