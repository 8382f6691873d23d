"""Publishing for machines: Atom feeds, the sitemap with hreflang, JSON-LD, Open Graph and canonical links."""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import feedparser
import pytest
import yaml
from bs4 import BeautifulSoup

from .conftest import ROOT

SITE_URL = "https://explainers.example.org/"
SLUG = "north-korea-russia-defence-treaty"


def soup(site_dir: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site_dir / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.mark.parametrize(("locale", "title"), [("hi", "ख़बरों की व्याख्या"), ("en", "News explainers")])
def test_each_locale_has_an_atom_feed_that_parses(site_dir: Path, locale: str, title: str) -> None:
    raw = (site_dir / locale / "feed.xml").read_bytes()
    feed = feedparser.parse(raw)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title == title
    assert ET.fromstring(raw).get("{http://www.w3.org/XML/1998/namespace}lang") == locale
    [entry] = [e for e in feed.entries if e.id.endswith(f"/{SLUG}/")]
    links = {link.hreflang: link.href for link in entry.links if link.rel in ("alternate", "related")}
    assert links == {"hi": f"{SITE_URL}hi/{SLUG}/", "en": f"{SITE_URL}en/{SLUG}/"}
    assert entry.id == f"{SITE_URL}{locale}/{SLUG}/"
    assert entry.updated == "2026-12-06T11:47:19+05:30"
    assert entry.published == "2024-11-30T18:00:00+05:30"
    page = soup(site_dir, f"{locale}/{SLUG}")
    assert page.select_one('link[type="application/atom+xml"]')["href"] == "../feed.xml"


def test_the_sitemap_lists_every_page_with_its_language_versions(site_dir: Path) -> None:
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    urls = {u.findtext("s:loc", namespaces=ns): u for u in root.findall("s:url", ns)}
    for locale in ("hi", "en"):
        for path in ("", f"{SLUG}/", "glossary/", "timeline/", "writing/"):
            url = urls[f"{SITE_URL}{locale}/{path}"]
            links = {a.get("hreflang"): a.get("href") for a in url.findall("x:link", ns)}
            assert links == {"hi": f"{SITE_URL}hi/{path}", "en": f"{SITE_URL}en/{path}", "x-default": f"{SITE_URL}hi/{path}"}
    assert urls[f"{SITE_URL}hi/{SLUG}/"].findtext("s:lastmod", namespaces=ns) == "2026-12-06T11:47:19+05:30"
    assert not (site_dir / "hi" / "sitemap.xml").exists()
    assert (site_dir / "robots.txt").read_text(encoding="utf-8").endswith(f"Sitemap: {SITE_URL}sitemap.xml\n")


def jsonld(site_dir: Path, locale: str) -> dict:
    script = soup(site_dir, f"{locale}/{SLUG}").select_one('script[type="application/ld+json"]')
    data = json.loads(script.string)
    assert data["@context"] == "https://schema.org"
    # The article declares two types (BackgroundNewsArticle and NewsArticle): keyed by its first.
    return {node["@type"][0] if isinstance(node["@type"], list) else node["@type"]: node for node in data["@graph"]}


def test_json_ld_describes_the_article_its_glossary_and_its_timeline(site_dir: Path) -> None:
    hi, en = jsonld(site_dir, "hi"), jsonld(site_dir, "en")
    article = hi["BackgroundNewsArticle"]
    assert article["inLanguage"] == "hi"
    assert article["@type"] == ["BackgroundNewsArticle", "NewsArticle"]
    assert article["datePublished"] == "2024-11-30T18:00:00+05:30"
    assert article["dateModified"] == "2026-12-06T11:47:19+05:30"
    assert article["workTranslation"] == [{"@id": f"{SITE_URL}en/{SLUG}/#article", "inLanguage": "en"}]
    assert en["BackgroundNewsArticle"]["translationOfWork"] == {"@id": f"{SITE_URL}hi/{SLUG}/#article"}
    data = yaml.safe_load((ROOT / "articles" / SLUG / "article.yaml").read_text(encoding="utf-8"))
    assert len(article["citation"]) == len(data["sources"])  # every source of the data, each once
    assert all(c["url"].startswith("http") for c in article["citation"])
    correction = article["correction"][0]
    assert {c["@type"] for c in article["correction"]} == {"CorrectionComment"}
    assert correction["datePublished"] == "2026-11-28"
    assert "11,000" in correction["text"]
    # Every correction of the data, with its own date (those of 6 December 2026 included).
    assert [c["datePublished"] for c in article["correction"]] == [n["date"] for n in data["notes"] if n["kind"] == "correction"]
    terms = hi["DefinedTermSet"]["hasDefinedTerm"]
    assert len(terms) >= 14
    assert {t["@type"] for t in terms} == {"DefinedTerm"}
    events = hi["ItemList"]["itemListElement"]
    assert [e["position"] for e in events] == list(range(1, len(events) + 1))
    assert {e["item"]["@type"] for e in events} == {"Event"}
    assert events[0]["item"]["startDate"] == "2000-02-09"


def test_json_ld_cannot_be_closed_by_article_text(site_dir: Path) -> None:
    text = (site_dir / "hi" / SLUG / "index.html").read_text(encoding="utf-8")
    start = text.index('<script type="application/ld+json">')
    body = text[start : text.index("</script>", start)]
    assert "<" not in body.removeprefix('<script type="application/ld+json">')


@pytest.mark.parametrize(("locale", "og_locale", "alternate"), [("hi", "hi_IN", "en_IN"), ("en", "en_IN", "hi_IN")])
def test_open_graph_and_canonical_links(site_dir: Path, locale: str, og_locale: str, alternate: str) -> None:
    page = soup(site_dir, f"{locale}/{SLUG}")
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:type"] == "article"
    assert og["og:url"] == f"{SITE_URL}{locale}/{SLUG}/"
    assert og["og:locale"] == og_locale
    assert og["og:locale:alternate"] == alternate
    assert og["og:title"] == page.select_one("article h1").get_text()
    assert page.select_one('link[rel="canonical"]')["href"] == f"{SITE_URL}{locale}/{SLUG}/"


@pytest.mark.parametrize("locale", ["hi", "en"])
def test_the_share_card_is_the_pages_open_graph_image(site_dir: Path, locale: str) -> None:
    page = soup(site_dir, f"{locale}/{SLUG}")
    og = {m["property"]: m["content"] for m in page.select("meta[property]")}
    assert og["og:image"] == f"{SITE_URL}{locale}/{SLUG}/share-card.png"
    assert (og["og:image:type"], og["og:image:width"], og["og:image:height"]) == ("image/png", "1200", "630")
    assert og["og:image:alt"] == page.select_one("article h1").get_text()
    card = site_dir / locale / SLUG / "share-card.png"
    assert 0 < card.stat().st_size <= 100_000
