"""The edition policy, in process: which locales show an article, and which version is x-default, the same on the
page head, in the sitemap and in the feeds.

Three locales, as a desk that publishes Hindi and Bengali article by article: hi (the default, `articles: translated`),
bn (`articles: translated`) and en. An English original translated into Bengali only is not shown in Hindi; its
x-default is the original, /en/, on the page and in the sitemap alike (the sitemap said /bn/, the first version).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import yaml
from babel.support import NullTranslations

from generator.config import Project, load_project
from generator.load import read_article_folder
from generator.locales import L10n, SiteLocale
from generator.model import Article
from generator.render.article import render_article
from generator.render.feed import render_feed
from generator.render.page import Site
from generator.render.records import list_record
from generator.render.sitemap import render_sitemap
from generator.validate import validate_article

from .conftest import ROOT

ENGLISH_ORIGINAL = "chandrayaan-3-moon-landing"
URL = "https://example.org/"


@pytest.fixture(scope="module")
def article() -> Article:
    """The real English original, with its English text standing in for a complete Bengali translation, and no Hindi."""
    project = load_project(ROOT)
    folder = ROOT / "articles" / ENGLISH_ORIGINAL
    found, problems = validate_article(
        read_article_folder(folder, f"articles/{ENGLISH_ORIGINAL}"), project, frozenset(), datetime(2100, 1, 1, tzinfo=UTC)
    )
    assert found is not None, problems
    assert found.data.original == "en"
    return replace(found, texts={"en": found.texts["en"], "bn": found.texts["en"]})


@pytest.fixture(scope="module")
def site() -> Site:
    locales = (
        SiteLocale("hi", "published", articles="translated"),
        SiteLocale("bn", "published", articles="translated"),
        SiteLocale("en", "published"),
    )
    project = Project(ROOT, URL, locales, "hi")
    return Site(project, {loc.code: L10n(loc, NullTranslations()) for loc in locales})


def _front_matter(page: str) -> dict[str, object]:
    meta = yaml.safe_load(page.split("---\n")[1])
    assert isinstance(meta, dict)
    return meta


def test_the_article_is_shown_in_its_original_and_its_complete_translation_only(site: Site, article: Article) -> None:
    assert [v.code for v in site.editions.versions(article)] == ["bn", "en"]
    assert site.editions.translations(article, "bn") == ("en",)


def test_x_default_is_the_original_on_the_page_and_in_the_sitemap(site: Site, article: Article) -> None:
    others = {"bn": ("en",), "en": ("bn",)}  # as test_the_article_is_shown_… finds them
    heads = {code: _front_matter(render_article(site, site.localize(article, code), others[code])) for code in others}
    assert {code: meta["x_default"] for code, meta in heads.items()} == {code: f"{URL}en/{ENGLISH_ORIGINAL}/" for code in heads}

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    urls = ET.fromstring(render_sitemap(site, [article])).findall("s:url", ns)
    pages = {u.findtext("s:loc", namespaces=ns): u for u in urls if ENGLISH_ORIGINAL in (u.findtext("s:loc", namespaces=ns) or "")}
    assert sorted(pages) == [f"{URL}bn/{ENGLISH_ORIGINAL}/", f"{URL}en/{ENGLISH_ORIGINAL}/"]
    for url in pages.values():
        links = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        assert links == {
            "bn": f"{URL}bn/{ENGLISH_ORIGINAL}/",
            "en": f"{URL}en/{ENGLISH_ORIGINAL}/",
            "x-default": f"{URL}en/{ENGLISH_ORIGINAL}/",
        }


def test_the_feed_links_the_same_versions(site: Site, article: Article) -> None:
    atom = ET.fromstring(render_feed(site, [list_record(site, site.l10n["bn"], site.localize(article, "bn"))], site.l10n["bn"]))
    ns = {"a": "http://www.w3.org/2005/Atom"}
    alternates = [
        (link.get("hreflang"), link.get("href")) for link in atom.findall("a:entry/a:link[@rel='related']", ns) if link.get("hreflang")
    ]
    assert alternates == [("en", f"{URL}en/{ENGLISH_ORIGINAL}/")]
