"""The small record of an explainer that the list pages of a locale are made of, and those pages before rendering.

The home page, the site glossary, the site timeline and the feed show a few things of every explainer: its title,
summary and dates, its events and its terms. A `ListRecord` holds just those, as the locale shows them. It is made
once from the explainer's localized view and kept in the build cache under the explainer's key, so that a build
makes the list pages without localizing, or even holding, the unchanged explainers (issue 21).

A `ListPage` is one page of a list, not yet rendered, with `inputs`: the keys of the records it shows and what the
list adds (its place, its pager, its index). Two builds that give a page the same inputs, under the same generator,
catalogs and settings, render the same bytes: the build renders only the pages whose inputs changed.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from ..dates import Timestamp
from ..locales import L10n
from ..localize import Byline, LocalizedArticle, LocalizedTerm
from ..text import Text
from .page import Site
from .parts import EventEntry, event_view, see_also

#: Where an event goes on the site timeline: its date order, then its explainer and its place in the data.
EventOrder = tuple[object, ...]


@dataclass(frozen=True)
class ListRecord:
    """What the list pages of one locale show of one explainer."""

    #: A digest of what the record holds (`fingerprint`): list pages that show it are rendered again when it changes.
    digest: str
    slug: str
    title: Text
    summary: Text
    published: Timestamp
    updated: Timestamp | None
    authors: tuple[Byline, ...]
    translators: tuple[Byline, ...]
    #: The other published locales of the explainer, as (BCP 47 tag, code): the feed's alternate links.
    editions: tuple[tuple[str, str], ...]
    #: Its events as the site timeline shows them, each with its place in date order.
    events: tuple[tuple[EventOrder, EventEntry], ...]
    #: Its glossary terms, each with its related terms as this explainer writes them (id, term).
    terms: tuple[tuple[LocalizedTerm, tuple[tuple[str, Text], ...]], ...]


def list_record(site: Site, l10n: L10n, view: LocalizedArticle) -> ListRecord:
    """The record of a localized explainer, for the list pages of its locale."""
    locale = l10n.locale.code
    events = tuple(
        ((*e.order, view.slug, i), replace(event_view(l10n, view, e), anchor=f"{view.slug}--{e.id}", article_title=view.title))
        for i, e in enumerate(view.events)
    )
    record = ListRecord(
        digest="",
        slug=view.slug,
        title=view.title,
        summary=view.summary,
        published=view.published,
        updated=view.updated,
        authors=view.authors,
        translators=view.translators,
        editions=tuple((v.lang, v.code) for v in site.editions.versions(view.article) if v.code != locale),
        events=events,
        terms=tuple((t, see_also(view, t)) for t in view.terms),
    )
    return replace(record, digest=fingerprint(record))


def fingerprint(record: ListRecord) -> str:
    """A digest of everything a record shows, from its repr: every field of its dataclasses and of the model's events,
    texts with their language and marks (Text.__repr__). Not its pickle, whose sets come in another order in each
    process. A correction elsewhere in the explainer (a paragraph) leaves it as it was."""
    return hashlib.sha256(repr(replace(record, digest="")).encode("utf-8")).hexdigest()


#: What a list page's inputs are made of: strings, numbers and lists of them (JSON).
Inputs = list[object]


@dataclass(frozen=True)
class ListPage:
    """A page of a list, rendered by `make()`."""

    inputs: Inputs
    make: Callable[[], str]


def inputs(shown: Sequence[object], *rest: object) -> Inputs:
    """A page's inputs: the digests of the records it shows (with which of their items) and what the list adds."""
    return [shown, *rest]
