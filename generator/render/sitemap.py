"""The site's one sitemap, with every page's language versions."""

from __future__ import annotations

from collections.abc import Sequence

from ..brief import Brief, brief
from ..model import Article
from .page import Site
from .publish import sitemap
from .urls import article_path, glossary_path, guide_path, home_path, timeline_path


def render_sitemap(site: Site, articles: Sequence[Article | Brief]) -> bytes:
    """One sitemap for the site: every page of every published locale, with its language versions."""
    url = site.project.site_url
    paths = [home_path, glossary_path, timeline_path, guide_path]
    pages = []
    for path_in, lastmod, article in [(p, None, None) for p in paths] + [
        (lambda code, slug=b.slug: article_path(code, slug), (b.updated or b.published).isoformat(), b) for b in map(brief, articles)
    ]:
        # An article is in the locales that publish it (a locale may publish only its translated articles).
        versions = site.editions.versions(article)
        alternates = [(v.lang, url + path_in(v.code)) for v in versions]
        alternates.append(("x-default", url + path_in(site.editions.x_default(article))))
        pages += [{"url": url + path_in(v.code), "lastmod": lastmod, "alternates": alternates} for v in versions]
    return sitemap(pages)
