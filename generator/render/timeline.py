"""The site timeline of a locale: every explainer's events in date order, continuing on further pages by year."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial

from ..dates import PartialDate
from ..locales import L10n
from .page import Site, page, render_template
from .paging import IndexLink, Page, pages
from .parts import EventEntry, GroupFilter, group_filters
from .records import EventOrder, ListPage, ListRecord, inputs
from .urls import article_path, relative, source_file, timeline_path

#: Entries on one page of the site timeline, and of the site glossary (whose entries are longer).
LIST_PAGE_SIZE = 200

#: An event on the site timeline: its explainer's record, and its place in the record's events.
_Found = tuple[ListRecord, int]


def render_site_timeline(site: Site, records: Sequence[ListRecord], l10n: L10n) -> dict[str, ListPage]:
    """Every explainer's events (docs/ file → page), in date order, each linked to its explainer; a long
    timeline continues on further pages."""
    locale = l10n.locale.code
    found: list[tuple[EventOrder, _Found]] = [(order, (r, i)) for r in records for i, (order, _) in enumerate(r.events)]
    found.sort(key=lambda item: item[0])
    count = l10n.ngettext("%(num)s event", "%(num)s events", len(found)) % {"num": l10n.number(len(found))}
    groups = group_filters(l10n, [e.event.data for r in records for _, e in r.events])
    years: dict[str, list[_Found]] = {}
    for _, (r, i) in found:
        years.setdefault(r.events[i][1].event.date.isoformat()[:4], []).append((r, i))
    out = {}
    for p in pages(l10n, list(years.items()), LIST_PAGE_SIZE, lambda n: timeline_path(locale, n)):
        index = [
            IndexLink(
                l10n.date(PartialDate(int(year))),
                relative(p.path, timeline_path(locale, p.first_page[year]) + "#" + (_entry(events[0]).anchor or "")),
            )
            for year, events in years.items()
        ]
        shown = [f for _, events in p.groups for f in events]
        keys = [[r.digest, i] for r, i in shown]
        out[source_file(p.path)] = ListPage(
            inputs(keys, p.path, count, [g.id for g in groups], [[i.label, i.href] for i in index], p.pager.astuple()),
            partial(_timeline_page, site, l10n, p, shown, groups, count, index),
        )
    return out


def _entry(found: _Found) -> EventEntry:
    record, i = found
    return record.events[i][1]


def _timeline_page(
    site: Site, l10n: L10n, p: Page[_Found], shown: list[_Found], groups: list[GroupFilter], count: str, index: list[IndexLink]
) -> str:
    locale = l10n.locale.code
    events = [replace(_entry(f), article_href=relative(p.path, article_path(locale, f[0].slug))) for f in shown]
    body = render_template("timeline.html.j2", l10n, events=events, groups=groups, count=count, index=index, pager=p.pager)
    title = p.title(l10n, l10n.gettext("Timeline"))
    description = l10n.gettext("The events of every explainer, in date order.")
    # Every locale orders the same events by date: page n has page n as its translation.
    return page(site, l10n, title, description, partial(_timeline_in, n=p.number), body)


def _timeline_in(code: str, n: int) -> str:
    """Page n of the list in another locale: every locale lists the same items in the same order."""
    return timeline_path(code, n)
