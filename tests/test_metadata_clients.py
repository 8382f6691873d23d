"""What readers' tools see (issue 19), read by the tools themselves on the built site: extruct (JSON-LD and Open
Graph as search engines and link previews extract them), PyLD (the JSON-LD expanded as linked data) and feedparser
(the Atom feeds). Bylines and translators with their pages, one publication date-time everywhere, og:locale and the
article:* tags, in Hindi and English.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import extruct
import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup
from pyld import jsonld

from generator.build import make_site
from generator.config import load_project
from generator.l10n import og_locale
from generator.render.page import ShareImage, page

from .conftest import ROOT

SITE_URL = "https://explainers.example.org/"
KOLKATA = "kolkata-port-syama-prasad-mookerjee"
TREATY = "north-korea-russia-defence-treaty"
SCHEMA = "http://schema.org/"

#: Who wrote and translated each explainer, as each locale's page names them (name, @type, url).
PIB = {"en": "Press Information Bureau", "hi": "पत्र सूचना कार्यालय"}
DESK = {"en": "Explainers desk", "hi": "व्याख्या डेस्क"}
BYLINES = {
    (KOLKATA, "en"): ([(PIB["en"], "Organization", "https://pib.gov.in/")], []),
    (KOLKATA, "hi"): ([(PIB["hi"], "Organization", "https://pib.gov.in/")], [(PIB["hi"], "Organization", "https://pib.gov.in/")]),
    (TREATY, "hi"): ([(DESK["hi"], "Organization", SITE_URL)], []),
    (TREATY, "en"): ([(DESK["en"], "Organization", SITE_URL)], [(DESK["en"], "Organization", f"{SITE_URL}en/")]),
}
#: The data's date-times, as written there.
DATES = {
    KOLKATA: ("2020-06-03T17:13:00+05:30", "2026-12-06T11:56:45+05:30"),
    TREATY: ("2024-11-30T18:00:00+05:30", "2026-12-06T11:47:19+05:30"),
}
CASES = sorted(BYLINES)


def html_of(site_dir: Path, slug: str, locale: str) -> str:
    return (site_dir / locale / slug / "index.html").read_text(encoding="utf-8")


def extracted(site_dir: Path, slug: str, locale: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """The article's JSON-LD node and its Open Graph properties, as extruct extracts them from the page."""
    data = extruct.extract(html_of(site_dir, slug, locale), base_url=f"{SITE_URL}{locale}/{slug}/", syntaxes=["json-ld", "opengraph"])
    [graph] = data["json-ld"]
    [article] = [n for n in graph["@graph"] if n.get("@id", "").endswith("#article")]
    [og] = data["opengraph"]
    return article, og


def feed_entry(site_dir: Path, slug: str, locale: str) -> Any:
    feed = feedparser.parse((site_dir / locale / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    [entry] = [e for e in feed.entries if e.id == f"{SITE_URL}{locale}/{slug}/"]
    return entry


@pytest.mark.parametrize(("slug", "locale"), CASES)
def test_json_ld_names_authors_and_translators_with_their_pages(site_dir: Path, slug: str, locale: str) -> None:
    article, _ = extracted(site_dir, slug, locale)
    authors, translators = BYLINES[slug, locale]
    assert article["@type"] == ["BackgroundNewsArticle", "NewsArticle"]
    assert [(a["name"], a["@type"], a["url"]) for a in article["author"]] == authors
    assert [(t["name"], t["@type"], t["url"]) for t in article.get("translator", [])] == translators


@pytest.mark.parametrize(("slug", "locale"), CASES)
def test_pyld_expands_the_article_with_both_types_and_its_agents(site_dir: Path, slug: str, locale: str) -> None:
    """As linked data (schema.org's vocabulary, from a local copy of its context: the test makes no request)."""
    article, _ = extracted(site_dir, slug, locale)

    def loader(url: str, options: dict[str, Any]) -> dict[str, Any]:
        assert url.rstrip("/") in ("https://schema.org", "http://schema.org"), url
        return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": SCHEMA}}}

    [node] = jsonld.expand({"@context": "https://schema.org", **article}, {"documentLoader": loader})
    assert node["@type"] == [f"{SCHEMA}BackgroundNewsArticle", f"{SCHEMA}NewsArticle"]
    assert node[f"{SCHEMA}datePublished"] == [{"@value": DATES[slug][0]}]
    authors, translators = BYLINES[slug, locale]
    for key, agents in (("author", authors), ("translator", translators)):
        expanded = node.get(f"{SCHEMA}{key}", [])
        assert [(a[f"{SCHEMA}name"][0]["@value"], a["@type"][0], a[f"{SCHEMA}url"][0]["@value"]) for a in expanded] == [
            (name, SCHEMA + kind, url) for name, kind, url in agents
        ]


@pytest.mark.parametrize(("slug", "locale"), CASES)
def test_feed_entries_carry_their_authors_and_translators(site_dir: Path, slug: str, locale: str) -> None:
    entry = feed_entry(site_dir, slug, locale)
    authors, translators = BYLINES[slug, locale]
    assert [(a.name, a.href) for a in entry.authors] == [(name, url) for name, _, url in authors]
    assert entry.author == authors[0][0]
    assert [(c.name, c.href) for c in entry.get("contributors", [])] == [(name, url) for name, _, url in translators]


@pytest.mark.parametrize(("slug", "locale"), CASES)
def test_one_publication_date_time_on_the_page_in_json_ld_open_graph_the_feed_and_the_sitemap(
    site_dir: Path, slug: str, locale: str
) -> None:
    published, updated = DATES[slug]
    article, og = extracted(site_dir, slug, locale)
    page = BeautifulSoup(html_of(site_dir, slug, locale), "html.parser")
    times = [t["datetime"] for t in page.select(".explainer-meta time")]
    entry = feed_entry(site_dir, slug, locale)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    sitemap = ET.parse(site_dir / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u.findtext("s:lastmod", namespaces=ns) for u in sitemap}
    assert times == [published, updated]
    assert (article["datePublished"], article["dateModified"]) == (published, updated)
    assert (dict(og["properties"])["article:published_time"], dict(og["properties"])["article:modified_time"]) == (published, updated)
    assert (entry.published, entry.updated) == (published, updated)
    assert urls[f"{SITE_URL}{locale}/{slug}/"] == updated
    # The same moment, read by a feed reader: the zone is kept, not replaced by an invented midnight UTC.
    moment = datetime.fromisoformat(published).astimezone(UTC)
    assert tuple(entry.published_parsed)[:6] == moment.timetuple()[:6]
    # The reader sees the day it was published where it was published; only the month where the desk knows no more
    # (published_known: month): the moment the data chose within it is for machines, never shown as a fact.
    shown = {
        (KOLKATA, "en"): "3 June 2020",
        (KOLKATA, "hi"): "3 जून 2020",
        (TREATY, "en"): "November 2024",
        (TREATY, "hi"): "नवंबर 2024",
    }
    assert page.select_one(".explainer-meta time").get_text() == shown[slug, locale]


@pytest.mark.parametrize(("slug", "locale"), CASES)
def test_open_graph_gives_the_locale_the_authors_and_the_card(site_dir: Path, slug: str, locale: str) -> None:
    _, og = extracted(site_dir, slug, locale)
    properties = og["properties"]
    assert dict(properties)["og:locale"] == f"{locale}_IN"  # an Indian site: en_IN, not CLDR's likely en_US
    assert [v for k, v in properties if k == "og:locale:alternate"] == [f"{'en' if locale == 'hi' else 'hi'}_IN"]
    authors, _ = BYLINES[slug, locale]
    assert [v for k, v in properties if k == "article:author"] == [url for _, _, url in authors]
    page = BeautifulSoup(html_of(site_dir, slug, locale), "html.parser")
    # Every explainer has its share card (generator/cards.py): og:image, and the large card.
    assert dict(properties)["og:image"].rsplit("/", 2)[-2:] in ([slug, "share-card.png"], [slug, "share-card.jpg"])
    assert page.select_one('meta[name="twitter:card"]')["content"] == "summary_large_image"


@pytest.mark.parametrize(("slug", "locale"), CASES)
def test_the_page_shows_bylines_and_translators_linked_in_its_language(site_dir: Path, slug: str, locale: str) -> None:
    page = BeautifulSoup(html_of(site_dir, slug, locale), "html.parser")
    byline = page.select_one(".explainer-meta__byline")
    authors, translators = BYLINES[slug, locale]
    assert [(a.get_text(), a["href"]) for a in byline.select("a")] == [(name, url) for name, _, url in authors + translators]
    words = {"en": ("By ", "Translated by "), "hi": ("लेखन: ", "अनुवाद: ")}[locale]
    assert byline.get_text().startswith(words[0] + authors[0][0])
    assert (words[1] in byline.get_text()) == bool(translators)


@pytest.mark.parametrize(
    ("code", "formats", "expected"),
    [
        ("en", "en-IN", "en_IN"),
        ("en", None, "en_IN"),
        ("hi", None, "hi_IN"),
        ("ur", None, "ur_IN"),
        ("pt-BR", None, "pt_BR"),
        ("fr", None, "fr_FR"),
    ],
)
def test_og_locale_is_the_locales_own_territory_else_india_where_the_language_is_spoken(
    code: str, formats: str | None, expected: str
) -> None:
    assert og_locale(code, formats) == expected


def test_an_image_makes_og_image_and_a_large_card() -> None:
    """The head takes an optional image address (the share cards plug in here): og:image and summary_large_image."""
    site = make_site(load_project(ROOT))
    card = ShareImage(f"{SITE_URL}en/{KOLKATA}/card.png", 1200, 630, "T", "image/png")
    l10n = site.l10n["en"]
    with_image = yaml.safe_load(page(site, l10n, "T", "D", lambda code: f"{code}/{KOLKATA}/", "", image=card).split("---")[1])
    without = yaml.safe_load(page(site, l10n, "T", "D", lambda code: f"{code}/{KOLKATA}/", "").split("---")[1])
    assert (with_image["og"]["image"]["url"], with_image["og"]["twitter_card"]) == (card.url, "summary_large_image")
    assert ("image" in without["og"], without["og"]["twitter_card"]) == (False, "summary")
