"""The site timeline of a locale: every explainer's events in date order, continuing on further pages by year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from ..dates import PartialDate
from ..locales import L10n
from ..localize import LocalizedArticle
from .page import Site, page, render_template
from .paging import IndexLink, pages
from .parts import EventEntry, event_view, group_filters
from .urls import article_path, relative, source_file, timeline_path

#: Entries on one page of the site timeline, and of the site glossary (whose entries are longer).
LIST_PAGE_SIZE = 200


def render_site_timeline(site: Site, views: Sequence[LocalizedArticle], l10n: L10n) -> dict[str, str]:
    """Every explainer's events (docs/ file → text), in date order, each linked to its explainer; a long
    timeline continues on further pages."""
    locale = l10n.locale.code
    found: list[tuple[tuple[object, ...], str, EventEntry]] = []
    for v in views:
        for order, e in enumerate(v.events):
            event = replace(event_view(l10n, v, e), anchor=f"{v.slug}--{e.id}", article_title=v.title)
            found.append(((*e.order, v.slug, order), v.slug, event))
    found.sort(key=lambda item: item[0])
    count = l10n.ngettext("%(num)s event", "%(num)s events", len(found)) % {"num": l10n.number(len(found))}
    groups = group_filters(l10n, [e.data for v in views for e in v.events])
    years: dict[str, list[tuple[str, EventEntry]]] = {}
    for _, slug, event in found:
        years.setdefault(event.event.date.isoformat()[:4], []).append((slug, event))
    out = {}
    for p in pages(l10n, list(years.items()), LIST_PAGE_SIZE, lambda n: timeline_path(locale, n)):
        index = [
            IndexLink(
                l10n.date(PartialDate(int(year))),
                relative(p.path, timeline_path(locale, p.first_page[year]) + "#" + (events[0][1].anchor or "")),
            )
            for year, events in years.items()
        ]
        shown = [replace(e, article_href=relative(p.path, article_path(locale, slug))) for _, events in p.groups for slug, e in events]
        body = render_template("timeline.html.j2", l10n, events=shown, groups=groups, count=count, index=index, pager=p.pager)
        title = p.title(l10n, l10n.gettext("Timeline"))
        description = l10n.gettext("The events of every explainer, in date order.")
        # Every locale orders the same events by date: page n has page n as its translation.
        out[source_file(p.path)] = page(site, l10n, title, description, partial(_timeline_in, n=p.number), body)
    return out


def _timeline_in(code: str, n: int) -> str:
    """Page n of the list in another locale: every locale lists the same items in the same order."""
    return timeline_path(code, n)
