"""The Atom feed of a locale."""

from __future__ import annotations

from collections.abc import Sequence

from ..locales import L10n
from ..localize import LocalizedArticle
from .page import Site
from .publish import FeedEntry, atom_feed
from .urls import article_path, home_path


def render_feed(site: Site, views: Sequence[LocalizedArticle], l10n: L10n) -> bytes:
    """The Atom feed of a locale (docs/<locale>/feed.xml): its explainers, newest first."""
    locale = l10n.locale.code
    url = site.project.site_url
    entries = [
        FeedEntry(
            url=url + article_path(locale, v.slug),
            title=v.title,
            summary=v.summary,
            published=v.published,
            updated=v.updated or v.published,
            alternates=tuple((p.lang, url + article_path(p.code, v.slug)) for p in site.editions.versions(v.article) if p.code != locale),
            authors=v.authors,
            contributors=v.translators,
        )
        for v in views
    ]
    return atom_feed(
        feed_url=url + home_path(locale) + "feed.xml",
        home_url=url + home_path(locale),
        lang=l10n.locale.lang,
        title=str(l10n.gettext("News explainers")),
        subtitle=str(l10n.gettext("Explainers on the news, with timelines, glossaries and sources.")),
        author=str(l10n.gettext("News explainers")),
        entries=entries,
    )
