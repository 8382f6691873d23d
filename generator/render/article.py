"""The page of one explainer in one locale, from its localized view."""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

import regex
from markupsafe import Markup, escape

from ..cards import HEIGHT as CARD_HEIGHT
from ..cards import WIDTH as CARD_WIDTH
from ..cards import card_name
from ..dates import PartialDate, Timestamp
from ..figures import SIZES, can_encode_avif, fallback_variants, plan
from ..l10n import display_name
from ..locales import L10n
from ..localize import Byline, LocalizedArticle, LocalizedClaim, LocalizedFact, LocalizedFigure, LocalizedNote, LocalizedParagraph
from ..model import Series, Source
from ..terms import Term, TermMatcher, term_pattern, terms_for
from ..text import Text
from .chart import Bar, Chart, chart_svg, chart_table
from .markup import link_terms
from .page import Heading, ShareImage, Site, heading, page, render_template
from .parts import (
    EventEntry,
    GroupFilter,
    TermEntry,
    chronological,
    event_view,
    group_filters,
    omitted_notice,
    see_also,
)
from .publish import ArticleMeta, ArticleUrls, ImageRef, article_jsonld
from .search import search_forms
from .urls import article_path, relative

#: Words a minute for the reading-time estimate.
READING_SPEED = 200


@dataclass(frozen=True)
class FigureEntry:
    """A figure as the page shows it: the localized figure, and its `<picture>`: an AVIF `<source>` and a JPEG or PNG
    `<img>` of fixed size."""

    figure: LocalizedFigure
    #: `srcset` of the AVIF `<source>` (empty when this Pillow cannot write AVIF) and of the `<img>`.
    avif_srcset: str
    srcset: str
    src: str
    sizes: str
    #: The largest derivative's size: the `<img>`'s width and height, so the page keeps its place before the image loads.
    width: int
    height: int
    #: The lead image is fetched at once (it is seen first); every other one when the reader scrolls near it.
    lazy: bool
    #: A caption-only figure: its image is not available, the alt text is shown as a description instead.
    unavailable: bool = False


@dataclass(frozen=True)
class ParagraphEntry:
    """A paragraph as the page shows it: the localized paragraph, its HTML with the glossary terms linked, and what
    the page places after it."""

    paragraph: LocalizedParagraph
    html: Markup
    notes: tuple[LocalizedNote, ...]
    #: «Not in the official Hindi version…» where the locale's translation leaves the paragraph out.
    omitted_notice: str | None = None
    #: The figures placed after this paragraph (and its notes).
    figures: tuple[FigureEntry, ...] = ()


@dataclass(frozen=True)
class SectionEntry:
    """A section as the page shows it: its heading (None for the lead) and its paragraphs."""

    heading: Heading | None
    paragraphs: tuple[ParagraphEntry, ...]


@dataclass(frozen=True)
class FactEntry:
    """A key fact as the page shows it: the localized fact, with its date or number written the locale's way."""

    fact: LocalizedFact
    value: str
    #: The `<time datetime>` of a dated fact.
    iso: str | None


@dataclass(frozen=True)
class ChartEntry:
    """A key fact's series as the page shows it: the localized fact (its label, its sources) and its chart."""

    fact: LocalizedFact
    chart: Chart

    @property
    def svg(self) -> Markup:
        return chart_svg(self.chart)

    @property
    def table(self) -> Markup:
        return chart_table(self.chart)


@dataclass(frozen=True)
class ReadIn:
    """A «Read in English» link, worded in its target language so that its reader recognises it."""

    lang: str
    href: str
    text: str


@dataclass(frozen=True)
class Original:
    """Where a translation's original is."""

    name: str
    href: str


@dataclass(frozen=True)
class ArticlePage:
    """What article.html.j2 shows: the localized view made into the page's parts (as MkDocs hands its templates a Page)."""

    title: Text
    #: The publication and the last update (shown when it differs): one value on the page, in JSON-LD, feed and sitemap.
    published: Timestamp
    updated: Timestamp | None
    reading_time: str
    standfirst: Text | None
    #: «By A and B», «Translated by C»: the names escaped and marked with their `lang`.
    byline: Markup | None
    translated_by: Markup | None
    #: Where the original is, on a translation's page.
    original: Original | None
    #: The notices of a page partly shown in a fallback locale, and of a translation older than its original.
    fallback: str | None
    stale: str | None
    read_in: list[ReadIn]
    key_facts: list[FactEntry]
    #: The key facts that have a series, drawn as charts under the key facts.
    charts: list[ChartEntry]
    lead_figures: list[FigureEntry]
    sections: tuple[SectionEntry, ...]
    count_events: str
    events: list[EventEntry]
    groups: list[GroupFilter]
    #: The claims by status: known, unknown.
    claims: dict[str, list[LocalizedClaim]]
    #: Editor's notes on the whole article (not on one paragraph).
    article_notes: list[LocalizedNote]
    corrections: list[LocalizedNote]
    terms: list[TermEntry]
    sources: Sequence[Source]
    #: The page's h2 headings by id: printed by the template, listed in the table of contents.
    headings: dict[str, Heading]
    #: The glossary's terms as every locale writes them, for search only (render/search.py).
    search_forms: str


def reading_minutes(view: LocalizedArticle) -> int:
    words = sum(len(regex.findall(r"[\p{L}\p{M}\p{N}]+", p.text)) for s in view.sections for p in s.paragraphs)
    return max(1, math.ceil(words / READING_SPEED))


def _fact_number(l10n: L10n, fact: LocalizedFact) -> str:
    """The number with its unit or currency and scale word, the locale's way: «about ₹615 crore», «24.5 वर्ग किलोमीटर»."""
    data = fact.data
    assert data.number is not None
    formatted = l10n.measure(data.number, unit=data.unit, currency=data.currency, scale=data.scale)
    if not data.approximate:
        return formatted
    about = l10n.gettext("about %(number)s")
    if isinstance(about, Text) and about.fallback:
        # Not translated yet: CLDR's sign («~550 میٹر»), not an English word that an Urdu line would
        # put in the middle («میٹر about 550»).
        return l10n.approximately(formatted)
    return about % {"number": formatted}


def names_markup(l10n: L10n, people: tuple[Byline, ...]) -> Markup:
    """Names joined the locale's way («A, B और C»), each escaped, a name in another script marked with its `lang`."""
    slots = [f"\ue000{i}\ue001" for i in range(len(people))]
    joined = str(escape(l10n.names(slots)))
    for slot, person in zip(slots, people, strict=True):
        name = f"<bdi>{person.name.__html__()}</bdi>"
        joined = joined.replace(slot, f'<a href="{escape(person.url)}" rel="external noopener">{name}</a>' if person.url else name)
    return Markup(joined)


def _paragraphs(
    view: LocalizedArticle,
    notes: dict[str, list[LocalizedNote]],
    omitted_notice: str | None = None,
    figures: dict[str, list[FigureEntry]] | None = None,
) -> tuple[SectionEntry, ...]:
    """The body, with glossary terms linked at their first use in each section, in the locale of each text."""
    matchers: dict[str, tuple[list[Term], TermMatcher | None]] = {}
    figures = figures or {}
    sections = []
    for section in view.sections:
        linked: set[str] = set()
        paragraphs = []
        for p in section.paragraphs:
            paragraph = _paragraph(view, p, matchers, linked, tuple(notes.get(p.id, ())), omitted_notice)
            if p.id in figures:
                paragraph = dataclasses.replace(paragraph, figures=tuple(figures[p.id]))
            paragraphs.append(paragraph)
        title = heading(section.id, section.heading) if section.heading is not None else None
        sections.append(SectionEntry(title, tuple(paragraphs)))
    return tuple(sections)


def _paragraph(
    view: LocalizedArticle,
    p: LocalizedParagraph,
    matchers: dict[str, tuple[list[Term], TermMatcher | None]],
    linked: set[str],
    notes: tuple[LocalizedNote, ...],
    omitted_notice: str | None = None,
) -> ParagraphEntry:
    code = p.text.code
    if code not in matchers:
        # The terms as written in the paragraph's own locale: a fallback paragraph links the fallback's terms.
        own = [t for t in view.terms if t.term.code == code]
        terms = terms_for((t.id, t.term, t.forms, t.definition) for t in own)
        matchers[code] = (terms, term_pattern(terms))
    terms, pattern = matchers[code]
    html = link_terms(p.text, terms, pattern, linked, verbatim=p.verbatim)
    return ParagraphEntry(p, html, notes, omitted_notice if p.omitted is not None else None)


def render_article(site: Site, view: LocalizedArticle, translations: tuple[str, ...]) -> str:
    """The page of one article in one locale; `translations` are the other published locales that have it."""
    locale = view.locale
    l10n = site.l10n[locale]
    here = article_path(locale, view.slug)
    by_paragraph: dict[str, list[LocalizedNote]] = {}
    for note in (*view.notes, *view.divergence_notes):
        by_paragraph.setdefault(note.paragraph or "", []).append(note)
    events = [event_view(l10n, view, e) for e in chronological(view.events)]
    terms = [TermEntry(t, tuple((f"#term-{ref}", term) for ref, term in see_also(view, t))) for t in view.terms]
    figures = _figures(view)
    by_figure_paragraph: dict[str, list[FigureEntry]] = {}
    for fig, figure in zip(view.figures, figures, strict=True):
        by_figure_paragraph.setdefault(fig.data.paragraph or "", []).append(figure)
    sections = _paragraphs(view, by_paragraph, omitted_notice(l10n, view) if view.omitted else None, by_figure_paragraph)
    claims = {status: [c for c in view.claims if c.data.status == status] for status in ("known", "unknown")}
    corrections = [n for n in view.notes if n.kind == "correction"]
    minutes = reading_minutes(view)
    reading_time = l10n.reading_time(minutes)
    headings = _headings(l10n, sections, claims, events, terms, corrections)
    body = render_template(
        "article.html.j2",
        l10n,
        page=ArticlePage(
            title=view.title,
            published=view.published,
            updated=view.updated if view.updated is not None and view.updated != view.published else None,
            reading_time=reading_time,
            standfirst=view.standfirst,
            byline=escape(l10n.gettext("By %(names)s")) % {"names": names_markup(l10n, view.authors)} if view.authors else None,
            translated_by=escape(l10n.gettext("Translated by %(names)s")) % {"names": names_markup(l10n, view.translators)}
            if view.translators
            else None,
            original=None if locale == view.original else _original(locale, view, here),
            fallback=_fallback_notice(l10n, view),
            stale=l10n.gettext("Parts of this translation may be out of date: the original has changed since they were translated.")
            if view.stale
            else None,
            read_in=[
                ReadIn(
                    v.lang,
                    relative(here, article_path(v.code, view.slug)),
                    site.l10n[v.code].gettext("Read in %(language)s") % {"language": v.name},
                )
                for v in site.editions.published
                if v.code in translations
            ],
            key_facts=[_fact(l10n, f) for f in view.facts],
            charts=[_chart(l10n, f) for f in view.facts if f.data.series],
            lead_figures=by_figure_paragraph.get("", []),
            sections=sections,
            count_events=l10n.ngettext("%(num)s event", "%(num)s events", len(events)) % {"num": l10n.number(len(events))},
            events=events,
            groups=group_filters(l10n, [e.data for e in view.events]),
            claims=claims,
            article_notes=by_paragraph.get("", []),
            corrections=corrections,
            terms=terms,
            sources=view.sources,
            headings={h.id: h for h in headings},
            search_forms=search_forms(view),
        ),
    )
    lang = l10n.locale.lang
    url = site.project.site_url + here
    jsonld = article_jsonld(
        view,
        ArticleUrls(
            url=url,
            translations=tuple((site.project.locale(c).lang, site.project.site_url + article_path(c, view.slug)) for c in translations),
            original=None if locale == view.original else site.project.site_url + article_path(view.original, view.slug),
        ),
        lang=lang,
        site_name=str(l10n.gettext("News explainers")),
        glossary_name=str(l10n.gettext("Glossary")),
        timeline_name=str(l10n.gettext("Timeline")),
        image=_jsonld_image(view, url),
    )
    # In the body, not the front matter: MkDocs would parse it as YAML on every build; search skips scripts.
    body += f'\n<script type="application/ld+json">{jsonld}</script>\n'
    return page(
        site,
        l10n,
        view.title,
        view.summary,
        lambda code: article_path(code, view.slug),
        body,
        headings,
        kind="article",
        article=view.article,
        image=_card(view, url),
        meta_article=ArticleMeta.of(view),
    )


def _card(view: LocalizedArticle, url: str) -> ShareImage:
    """The article's share card in this locale (drawn by generator/cards.py next to the page): its title is its text."""
    name = card_name(view.article)
    return ShareImage(url + name, CARD_WIDTH, CARD_HEIGHT, str(view.title), "image/jpeg" if name.endswith(".jpg") else "image/png")


def _headings(
    l10n: L10n,
    sections: tuple[SectionEntry, ...],
    claims: dict[str, list[LocalizedClaim]],
    events: list[EventEntry],
    terms: list[TermEntry],
    corrections: list[LocalizedNote],
) -> list[Heading]:
    """The page's h2 headings in page order: its table of contents, and what the template prints."""
    out = [s.heading for s in sections if s.heading is not None]
    if claims["known"] or claims["unknown"]:
        out.append(heading("claims", l10n.gettext("What we know and what we don't")))
    if events:
        out.append(heading("timeline", l10n.gettext("Timeline")))
    if terms:
        out.append(heading("glossary", l10n.gettext("Glossary")))
    out.append(heading("sources", l10n.gettext("Sources")))
    if corrections:
        out.append(heading("corrections", l10n.gettext("Corrections")))
    return out


def _fact(l10n: L10n, fact: LocalizedFact) -> FactEntry:
    if fact.date is not None:
        return FactEntry(fact, l10n.date(fact.date), fact.date.isoformat())
    value, series = _fact_number(l10n, fact), fact.data.series
    if series is not None:  # the latest value of the series: say when
        value = f"{value} ({_when(l10n, series, series.points[-1].x)})"
    return FactEntry(fact, value, None)


def _chart(l10n: L10n, fact: LocalizedFact) -> ChartEntry:
    """The chart of a key fact's series: each value with the fact's unit, currency and scale, the locale's way."""
    data = fact.data
    assert data.series is not None
    series = data.series
    bars = tuple(
        Bar(
            label=_when(l10n, series, p.x),
            value=p.y,
            short=l10n.measure(p.y, currency=data.currency, scale=data.scale),
            full=l10n.measure(p.y, unit=data.unit, currency=data.currency, scale=data.scale),
        )
        for p in series.points
    )
    precision = series.points[0].x.precision
    heading = (
        l10n.gettext("Financial year")
        if series.fiscal
        else {"year": l10n.gettext("Year"), "month": l10n.gettext("Month"), "day": l10n.gettext("Date")}[precision]
    )
    return ChartEntry(fact, Chart(data.id, fact.label, bars, l10n.locale.direction, heading))


def _when(l10n: L10n, series: Series, x: PartialDate) -> str:
    """The time of a value: a financial year («2021–22») or a date at its precision."""
    return l10n.fiscal_year(x.year) if series.fiscal else l10n.date(x)


def _original(locale: str, view: LocalizedArticle, here: str) -> Original:
    return Original(display_name(view.original, locale), relative(here, article_path(view.original, view.slug)))


def _fallback_notice(l10n: L10n, view: LocalizedArticle) -> str | None:
    """«Parts of this page are not yet translated into Urdu; they are shown in English.», in the reader's language."""
    if not view.fallback_locales:
        return None
    locale = view.locale
    names = {
        "language": display_name(locale, locale),
        "fallback": " / ".join(display_name(c, locale) for c in view.fallback_locales),
    }
    if not view.translated:
        return l10n.gettext("This explainer is not yet translated into %(language)s; it is shown in %(fallback)s.") % names
    return l10n.gettext("Parts of this page are not yet translated into %(language)s; they are shown in %(fallback)s.") % names


def _figures(view: LocalizedArticle) -> list[FigureEntry]:
    """Every figure, in the order of article.yaml; only the lead is loaded before the reader scrolls to it."""
    return [_figure(f) for f in view.figures]


def _figure(fig: LocalizedFigure) -> FigureEntry:
    if fig.image is None:  # caption-only: the alt text is shown as the figure's description, no <img> to break
        return FigureEntry(figure=fig, avif_srcset="", srcset="", src="", sizes="", width=0, height=0, lazy=False, unavailable=True)
    variants = plan(fig.image, can_encode_avif())
    fallback = fallback_variants(variants)
    largest = fallback[-1]
    middle = next((v for v in fallback if v.width >= 800), largest)  # for a browser that knows no srcset
    return FigureEntry(
        figure=fig,
        avif_srcset=", ".join(f"{v.name(fig.data.id)} {v.width}w" for v in variants if v.ext == "avif"),
        srcset=", ".join(f"{v.name(fig.data.id)} {v.width}w" for v in fallback),
        src=middle.name(fig.data.id),
        sizes=SIZES,
        width=largest.width,
        height=largest.height,
        lazy=not fig.data.lead,
    )


def _jsonld_image(view: LocalizedArticle, url: str) -> ImageRef | None:
    """The article's image for search engines: the first figure on the page (the lead, else the first in the text)."""
    order = {p.id: n for n, p in enumerate(p for s in view.sections for p in s.paragraphs)}
    shown = [f for f in view.figures if f.image is not None]  # a caption-only figure has no image to offer
    ordered = sorted(shown, key=lambda f: -1 if f.data.lead else order.get(f.data.paragraph or "", 0))
    if not ordered:
        return None
    fig = ordered[0]
    assert fig.image is not None
    largest = fallback_variants(plan(fig.image, can_encode_avif()))[-1]
    return ImageRef(
        url=url + largest.name(fig.data.id),
        id=f"{url}#figure-{fig.data.id}",
        width=largest.width,
        height=largest.height,
        alt=fig.alt,
        caption=fig.caption,
        credit=fig.data.credit,
        licence=fig.data.licence,
        source=fig.data.source,
    )
