"""What every page renderer shares: the templates, the Site, the front matter, and the views of dates,
citations, timeline events and glossary terms that several pages show.

Everything here is pure: it returns text or values and touches no file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..config import Project, SiteLocale
from ..l10n import L10n
from ..localize import LocalizedArticle, LocalizedEvent, LocalizedTerm, localize
from ..model import GROUPS, Article, PartialDate, TimelineEvent
from ..text import Text
from ..translation import text_fields
from .markup import attr
from .publish import og_locale
from .urls import relative

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where PyYAML has it: same output, faster


@cache
def template_env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        # A line break inside a raw HTML block could end the block for Markdown; in HTML it is a space.
        finalize=lambda value: value.replace("\n", " ") if type(value) is str else value,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["attr"] = attr
    env.filters["plain"] = lambda value: "" if value is None else str(value)  # drops Text's own markup
    return env


def render_template(template: str, l10n: L10n, **context: Any) -> str:
    """Render one of our templates with the locale's gettext functions, as pybabel extracts them."""
    return template_env().get_template(template).render(_=l10n.gettext, ngettext=l10n.ngettext, **context)


@dataclass(frozen=True)
class Site:
    """What a renderer knows about the site: its project settings and every locale's formatters."""

    project: Project
    l10n: dict[str, L10n]

    @property
    def published(self) -> tuple[SiteLocale, ...]:
        return tuple(loc for loc in self.project.locales if loc.status == "published")

    def shows(self, article: Article, locale: str) -> bool:
        """Is the article published in this locale? Always in its original, in a draft locale (with fallback
        text) and in a locale that publishes `all`; in one that publishes `translated`, once no text is missing."""
        loc = self.project.locale(locale)
        if locale == article.data.original or loc.status == "draft" or loc.articles == "all":
            return locale in article.texts or loc.status == "draft"
        return locale in article.texts and all(value for _, _, value in text_fields(article, article.texts[locale]))

    def translations(self, article: Article, locale: str) -> tuple[str, ...]:
        """The other published locales that publish the article: its language versions linked from a page."""
        return tuple(v.code for v in self.published if v.code != locale and self.shows(article, v.code))

    def localize(self, article: Article, locale: str) -> LocalizedArticle:
        """The article as `locale` shows it, with the locale's fallback where a translation is missing."""
        loc = self.project.locale(locale)
        langs = {v.code: (v.lang, v.direction) for v in self.project.locales}
        return localize(article, locale, [loc.fallback] if loc.fallback else [], langs, self.translations(article, locale))


# --- the page: front matter and headings ------------------------------------------------------------


@dataclass(frozen=True)
class Heading:
    """An h2 of a page: printed by the template, listed in the table of contents."""

    id: str
    text: str
    #: ` lang dir` of a heading whose text stands in for a missing translation.
    attrs: Markup = field(default_factory=Markup)

    @property
    def html(self) -> Markup:
        """The heading's text as the page prints it (a line break is a space in HTML)."""
        return escape(str(self.text).replace("\n", " "))


def heading(id: str, text: str) -> Heading:
    """A heading, marked with its own language where its text stands in for a missing translation."""
    fallback = isinstance(text, Text) and text.fallback
    return Heading(id, text, Markup(f' lang="{text.lang}" dir="{text.dir}"') if isinstance(text, Text) and fallback else Markup(""))


def page(
    site: Site,
    locale: str,
    title: str,
    description: str,
    path_in: Callable[[str], str],
    body: str,
    headings: Sequence[Heading] = (),
    *,
    kind: str = "website",
    html: bool = True,
    article: Article | None = None,
) -> str:
    """A page for MkDocs: YAML front matter read by our theme overrides and hooks, then the body.

    Front matter strings are pre-escaped HTML: Material prints page.meta values without escaping.
    With `html: true` the body is finished HTML that our MkDocs hook hands to the theme as it is,
    with `headings` as its table of contents: Markdown would only re-parse every tag of it, which was
    two thirds of MkDocs' time. The editors' guide is Markdown (html=False).
    """
    loc = site.project.locale(locale)
    versions = [
        v
        for v in site.project.locales
        if (v.status == "published" or v.code == locale) and (article is None or v.code == locale or site.shows(article, v.code))
    ]
    url = site.project.site_url + path_in(locale)
    default = site.project.default_locale
    if article is not None and not site.shows(article, default):
        default = article.data.original  # the default locale publishes only its translated articles
    meta: dict[str, Any] = {
        "title": str(attr(title)),
        "description": str(attr(description)),
        "alternates": [
            {
                "lang": v.lang,
                "name": v.name,
                "href": site.project.site_url + path_in(v.code),
                "link": relative(path_in(locale), path_in(v.code)),
                "current": v.code == locale,
            }
            for v in versions
        ],
        "x_default": site.project.site_url + path_in(default),
        "dir": loc.direction,
        "og": {
            "type": kind,
            "title": str(attr(title)),
            "description": str(attr(description)),
            "url": url,
            "locale": og_locale(locale),
            "alternate_locales": [og_locale(v.code) for v in versions if v.code != locale],
            "site_name": str(attr(site.l10n[locale].gettext("News explainers"))),
        },
    }
    if html:
        meta |= {"html": True, "headings": [{"id": h.id, "title": str(h.html)} for h in headings]}
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body


# --- views shared by several pages ------------------------------------------------------------------


@dataclass(frozen=True)
class DateView:
    iso: str
    text: str


def date_view(l10n: L10n, value: PartialDate) -> DateView:
    return DateView(value.isoformat(), l10n.date(value))


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
    #: On the site timeline: the entry's anchor there, and its explainer.
    anchor: str | None = None
    article_title: Text | None = None
    article_href: str | None = None


def chronological(events: Iterable[LocalizedEvent]) -> list[LocalizedEvent]:
    """Events by date (a period after a day it starts on), then in the order of the data."""
    return [e for _, e in sorted(enumerate(events), key=lambda ie: (ie[1].date.first_day, ie[1].date.last_day, ie[0]))]


def event_view(l10n: L10n, view: LocalizedArticle, e: LocalizedEvent) -> EventView:
    date = l10n.date(e.date)
    end = e.end
    return EventView(
        id=e.id,
        iso=e.date.isoformat(),
        date=l10n.gettext("c. %(date)s") % {"date": date} if e.data.circa else date,
        end_iso=end.isoformat() if end else None,
        end=l10n.date(end) if end else None,
        alternatives=tuple(
            AlternativeView(a.date.isoformat(), l10n.date(a.date), source_refs(view, a.sources))  # type: ignore[attr-defined, arg-type]
            for a in e.alternatives
        ),
        group=e.data.group,
        group_label=group_label(l10n, e.data.group) if e.data.group else None,
        label=e.label,
        description=e.description,
        later=e.date.first_day > view.published.last_day,
        sources=source_refs(view, e.data.sources),
    )


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


def term_view(site: Site, view: LocalizedArticle, t: LocalizedTerm, sources: tuple[SourceRef, ...] = ()) -> TermView:
    return TermView(
        id=t.id,
        term=t.term,
        translit=t.transliteration,
        translit_lang=site.project.locale(t.term.code).transliteration_lang,
        definition=t.definition,
        others=tuple(OtherTermView(o.lang, o.term, o.transliteration, site.project.locale(o.code).transliteration_lang) for o in t.others),
        sources=sources,
    )
