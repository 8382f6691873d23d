"""The pieces several pages show: dates, citations, timeline events and glossary terms, each a typed view
built from the localized article.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..l10n import display_name
from ..locales import L10n
from ..localize import LocalizedArticle, LocalizedEvent, LocalizedTerm
from ..model import GROUPS, TimelineEvent
from ..text import Text


@dataclass(frozen=True)
class EventEntry:
    """A timeline entry as a page shows it: the localized event, and what the page adds to it."""

    event: LocalizedEvent
    #: Its date as the locale writes it («c. 1950» for a circa date).
    date: str
    group_label: str | None
    #: Later than the explainer's publication: a development since.
    later: bool
    #: «Not in the official Hindi version…» where the locale's translation leaves the event out (issue 14).
    omitted_notice: str | None = None
    #: On the site timeline: the entry's anchor there, and its explainer.
    anchor: str | None = None
    article_title: Text | None = None
    article_href: str | None = None


def chronological(events: Iterable[LocalizedEvent]) -> list[LocalizedEvent]:
    """Events by date (a period after a day it starts on; a forecast after the events of its year), then in the order of the data."""
    return [e for _, e in sorted(enumerate(events), key=lambda ie: (*ie[1].order, ie[0]))]


def event_view(l10n: L10n, view: LocalizedArticle, e: LocalizedEvent) -> EventEntry:
    date = l10n.date(e.date)
    return EventEntry(
        event=e,
        date=l10n.gettext("c. %(date)s") % {"date": date} if e.data.circa else date,
        group_label=group_label(l10n, e.data.group) if e.data.group else None,
        later=not e.forecast and e.date.first_day > view.published.day,
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
class UsedIn:
    """An explainer that uses a term, linked from the site glossary."""

    title: Text
    href: str


@dataclass(frozen=True)
class More:
    """«and 25 more explainers», linked to a search for the term, when the list of uses is cut."""

    text: str
    href: str


@dataclass(frozen=True)
class TermEntry:
    """A glossary entry as a page shows it: the localized term itself, and what the page adds to it."""

    term: LocalizedTerm
    #: Related terms (`see_also`), linked where the page has them: (href, the term as this locale writes it).
    see_also: tuple[tuple[str, Text], ...] = ()
    #: On the site glossary: the explainers that use the term (the newest), and a search for the others.
    used_in: tuple[UsedIn, ...] = ()
    more: More | None = None


def see_also(view: LocalizedArticle, t: LocalizedTerm) -> tuple[tuple[str, Text], ...]:
    """The related terms of a term, as (id, the term as the view writes it), for those the explainer has."""
    terms = {other.id: other.term for other in view.terms}
    return tuple((ref, terms[ref]) for ref in t.see_also if ref in terms)
