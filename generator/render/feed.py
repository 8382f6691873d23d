"""The Atom feed of a locale."""

from __future__ import annotations

from collections.abc import Sequence

from ..localize import LocalizedArticle
from .page import Site
from .publish import FeedEntry, atom_feed
from .urls import article_path, home_path


def render_feed(site: Site, views: Sequence[LocalizedArticle], locale: str) -> bytes:
    """The Atom feed of a locale (docs/<locale>/feed.xml): its explainers, newest first."""
    l10n = site.l10n[locale]
    url = site.project.site_url
    entries = [
        FeedEntry(
            url=url + article_path(locale, v.slug),
            title=v.title,
            summary=v.summary,
            published=v.published,
            updated=v.updated or v.published,
            alternates=tuple(
                (p.lang, url + article_path(p.code, v.slug)) for p in site.published if p.code != locale and site.shows(v.article, p.code)
            ),
            authors=v.authors,
            contributors=v.translators,
        )
        for v in views
    ]
    return atom_feed(
        feed_url=url + home_path(locale) + "feed.xml",
        home_url=url + home_path(locale),
        lang=site.project.locale(locale).lang,
        title=str(l10n.gettext("News explainers")),
        subtitle=str(l10n.gettext("Explainers on the news, with timelines, glossaries and sources.")),
        author=str(l10n.gettext("News explainers")),
        entries=entries,
    )
