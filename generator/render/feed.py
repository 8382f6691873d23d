"""The Atom feed of a locale."""

from __future__ import annotations

from collections.abc import Sequence

from ..locales import L10n
from .page import Site
from .publish import FeedEntry, atom_feed
from .records import ListRecord
from .urls import article_path, home_path


def render_feed(site: Site, records: Sequence[ListRecord], l10n: L10n) -> bytes:
    """The Atom feed of a locale (docs/<locale>/feed.xml): its explainers, newest first."""
    locale = l10n.locale.code
    url = site.project.site_url
    entries = [
        FeedEntry(
            url=url + article_path(locale, r.slug),
            title=r.title,
            summary=r.summary,
            published=r.published,
            updated=r.updated or r.published,
            alternates=tuple((lang, url + article_path(code, r.slug)) for lang, code in r.editions),
            authors=r.authors,
            contributors=r.translators,
        )
        for r in records
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
