"""The pieces several pages show: dates, citations, timeline events and glossary terms, each a typed view
built from the localized article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..l10n import L10n, display_name
from ..localize import LocalizedArticle, LocalizedEvent, LocalizedTerm
from ..model import GROUPS, PartialDate, TimelineEvent, Timestamp
from ..text import Text
from .page import Site


@dataclass(frozen=True)
class DateView:
    iso: str
    text: str


def date_view(l10n: L10n, value: PartialDate) -> DateView:
    return DateView(value.isoformat(), l10n.date(value))


def moment_view(l10n: L10n, value: Timestamp) -> DateView:
    """A publication or update: the day as the locale writes it, where it was published; the full date-time with its
    zone in `<time datetime>`, the very value of the JSON-LD, the feed and the sitemap."""
    day = value.day
    return DateView(value.isoformat(), l10n.date(PartialDate(day.year, day.month, day.day)))


@dataclass(frozen=True)
class SourceRef:
    """A citation: the source's anchor on the article page, its publisher and its number in the list."""

    id: str
    label: str
    number: int


def source_refs(view: LocalizedArticle, ids: Iterable[str]) -> tuple[SourceRef, ...]:
    index = {s.id: (n, s) for n, s in enumerate(view.sources, 1)}
    return tuple(SourceRef(i, index[i][1].publisher, index[i][0]) for i in ids)


@dataclass(frozen=True)
class AlternativeView:
    iso: str
    date: str
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class EventView:
    """One timeline entry, as the article page and the site timeline show it."""

    id: str
    iso: str
    date: str
    end_iso: str | None
    end: str | None
    alternatives: tuple[AlternativeView, ...]
    group: str | None
    group_label: str | None
    label: Text
    description: Text
    later: bool
    sources: tuple[SourceRef, ...]
    #: A prediction for its date («Forecast»), never a later development.
    forecast: bool = False
    #: On the site timeline: the entry's anchor there, and its explainer.
    anchor: str | None = None
    article_title: Text | None = None
    article_href: str | None = None
    #: «Not in the official Hindi version…» where the locale's translation leaves the event out (issue 14).
    omitted_notice: str | None = None


def chronological(events: Iterable[LocalizedEvent]) -> list[LocalizedEvent]:
    """Events by date (a period after a day it starts on; a forecast after the events of its year), then in the order of the data."""
    return [e for _, e in sorted(enumerate(events), key=lambda ie: (*ie[1].order, ie[0]))]


def event_view(l10n: L10n, view: LocalizedArticle, e: LocalizedEvent) -> EventView:
    date = l10n.date(e.date)
    end = e.end
    return EventView(
        id=e.id,
        iso=e.date.isoformat(),
        date=l10n.gettext("c. %(date)s") % {"date": date} if e.data.circa else date,
        end_iso=end.isoformat() if end else None,
        end=l10n.date(end) if end else None,
        alternatives=tuple(AlternativeView(a.date.isoformat(), l10n.date(a.date), source_refs(view, a.sources)) for a in e.alternatives),
        group=e.data.group,
        group_label=group_label(l10n, e.data.group) if e.data.group else None,
        label=e.label,
        description=e.description,
        later=not e.forecast and e.date.first_day > view.published.day,
        sources=source_refs(view, e.data.sources),
        forecast=e.forecast,
        omitted_notice=omitted_notice(l10n, view) if e.omitted is not None else None,
    )


def omitted_notice(l10n: L10n, view: LocalizedArticle) -> str:
    """What a reader is told, in their language, about text that only the original has: it is shown in it."""
    names = {"language": display_name(view.locale, view.locale), "original": display_name(view.original, view.locale)}
    return l10n.gettext("Not in the official %(language)s version: shown as in the original, in %(original)s.") % names


def group_label(l10n: L10n, group: str) -> str:
    labels = {
        "diplomatic": l10n.gettext("Diplomatic"),
        "military": l10n.gettext("Military"),
        "legal": l10n.gettext("Legal"),
        "political": l10n.gettext("Political"),
        "economic": l10n.gettext("Economic"),
        "science": l10n.gettext("Science"),
        "other": l10n.gettext("Other"),
    }
    return labels[group]


@dataclass(frozen=True)
class GroupFilter:
    id: str
    label: str


def group_filters(l10n: L10n, events: Iterable[TimelineEvent]) -> list[GroupFilter]:
    """The kinds of event present, in the order of GROUPS, for the filter links."""
    present = {e.group for e in events if e.group}
    return [GroupFilter(g, group_label(l10n, g)) for g in GROUPS if g in present]


@dataclass(frozen=True)
class OtherTermView:
    lang: str
    term: str
    translit: str | None
    translit_lang: str


@dataclass(frozen=True)
class TermView:
    """A glossary entry's head and definition, as the article page and the site glossary show it."""

    id: str
    term: Text
    translit: str | None
    translit_lang: str
    definition: Text
    others: tuple[OtherTermView, ...]
    sources: tuple[SourceRef, ...]
    #: Related terms of the same explainer (`see_also`): (id, the term as this page shows it).
    see_also: tuple[tuple[str, Text], ...] = ()
    #: The term as the localized view has it: a template reads any further text of the entry from here.
    entry: LocalizedTerm | None = None


def term_view(site: Site, view: LocalizedArticle, t: LocalizedTerm, sources: tuple[SourceRef, ...] = ()) -> TermView:
    return TermView(
        id=t.id,
        term=t.term,
        translit=t.transliteration,
        translit_lang=site.project.locale(t.term.code).transliteration_lang,
        definition=t.definition,
        others=tuple(OtherTermView(o.lang, o.term, o.transliteration, site.project.locale(o.code).transliteration_lang) for o in t.others),
        sources=sources,
        see_also=tuple((ref, term) for ref in t.see_also for other in view.terms if other.id == ref for term in (other.term,)),
        entry=t,
    )
