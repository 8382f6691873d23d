"""The page of one explainer in one locale, from its localized view."""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

import regex
from babel import UnknownLocaleError
from markupsafe import Markup, escape

from ..figures import SIZES, can_encode_avif, fallback_variants, plan
from ..l10n import L10n, babel_locale, display_name
from ..localize import Byline, LocalizedArticle, LocalizedFact, LocalizedFigure, LocalizedParagraph
from ..model import Source
from ..text import Text
from .markup import Term, TermMatcher, link_terms, term_pattern, terms_for
from .page import Heading, Site, heading, page, render_template
from .parts import (
    DateView,
    EventView,
    SourceRef,
    TermView,
    chronological,
    date_view,
    event_view,
    group_filters,
    moment_view,
    omitted_notice,
    source_refs,
    term_view,
)
from .publish import ArticleMeta, ArticleUrls, ImageRef, article_jsonld
from .search import search_forms
from .urls import article_path, relative

#: Words a minute for the reading-time estimate.
READING_SPEED = 200


@dataclass(frozen=True)
class NoteView:
    id: str
    kind: str
    paragraph: str | None
    date: DateView | None
    text: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class FigureView:
    """A figure as the page shows it: `<picture>` with an AVIF `<source>` and a JPEG or PNG `<img>` of fixed size."""

    id: str
    alt: Text
    caption: Text | None
    credit: str
    licence: str
    source: str | None
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
class ParagraphView:
    id: str
    html: Markup
    text: Text
    notes: tuple[NoteView, ...]
    #: «Not in the official Hindi version…» where the locale's translation leaves the paragraph out.
    omitted_notice: str | None = None
    #: The figures placed after this paragraph (and its notes).
    figures: tuple[FigureView, ...] = ()


@dataclass(frozen=True)
class SectionView:
    id: str
    heading: Heading | None
    paragraphs: tuple[ParagraphView, ...]


@dataclass(frozen=True)
class FactView:
    id: str
    label: Text
    value: str
    iso: str | None
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class ClaimView:
    id: str
    text: Text
    sources: tuple[SourceRef, ...]


@dataclass(frozen=True)
class SourceView:
    id: str
    title: str
    lang: str
    dir: str
    publisher: str
    date: str | None
    date_iso: str | None
    url: str


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


def reading_minutes(view: LocalizedArticle) -> int:
    words = sum(len(regex.findall(r"[\p{L}\p{M}\p{N}]+", p.text)) for s in view.sections for p in s.paragraphs)
    return max(1, math.ceil(words / READING_SPEED))


def _fact_number(l10n: L10n, fact: LocalizedFact) -> str:
    """The number with its unit or currency and scale word, the locale's way: «about ₹615 crore», «24.5 वर्ग किलोमीटर»."""
    data = fact.data
    assert data.number is not None
    formatted = l10n.measure(data.number, unit=data.unit, currency=data.currency, scale=data.scale)
    return l10n.gettext("about %(number)s") % {"number": formatted} if data.approximate else formatted


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
    notes: dict[str, list[NoteView]],
    omitted_notice: str | None = None,
    figures: dict[str, list[FigureView]] | None = None,
) -> tuple[SectionView, ...]:
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
        sections.append(SectionView(section.id, title, tuple(paragraphs)))
    return tuple(sections)


def _paragraph(
    view: LocalizedArticle,
    p: LocalizedParagraph,
    matchers: dict[str, tuple[list[Term], TermMatcher | None]],
    linked: set[str],
    notes: tuple[NoteView, ...],
    omitted_notice: str | None = None,
) -> ParagraphView:
    code = p.text.code
    if code not in matchers:
        # The terms as written in the paragraph's own locale: a fallback paragraph links the fallback's terms.
        own = [t for t in view.terms if t.term.code == code]
        terms = terms_for((t.id, t.term, t.forms, t.definition) for t in own)
        matchers[code] = (terms, term_pattern(terms))
    terms, pattern = matchers[code]
    html = link_terms(p.text, terms, pattern, linked, verbatim=p.verbatim)
    return ParagraphView(p.id, html, p.text, notes, omitted_notice if p.omitted is not None else None)


def render_article(site: Site, view: LocalizedArticle, translations: tuple[str, ...]) -> str:
    """The page of one article in one locale; `translations` are the other published locales that have it."""
    locale = view.locale
    l10n = site.l10n[locale]
    here = article_path(locale, view.slug)
    notes = [
        NoteView(
            n.data.id,
            n.data.kind,
            n.data.paragraph,
            date_view(l10n, n.data.date) if n.data.date else None,
            n.text,
            source_refs(view, n.data.sources),
        )
        for n in view.notes
    ]
    by_paragraph: dict[str, list[NoteView]] = {}
    for note in notes:
        by_paragraph.setdefault(note.paragraph or "", []).append(note)
    for note in _divergence_notes(l10n, view):
        by_paragraph.setdefault(note.paragraph or "", []).append(note)
    events = [event_view(l10n, view, e) for e in chronological(view.events)]
    terms = [term_view(site, view, t, source_refs(view, t.sources)) for t in view.terms]
    figures = _figures(view)
    by_figure_paragraph: dict[str, list[FigureView]] = {}
    for fig, figure in zip(view.figures, figures, strict=True):
        by_figure_paragraph.setdefault(fig.data.paragraph or "", []).append(figure)
    sections = _paragraphs(view, by_paragraph, omitted_notice(l10n, view) if view.omitted else None, by_figure_paragraph)
    claims = {
        status: [ClaimView(c.data.id, c.text, source_refs(view, c.data.sources)) for c in view.claims if c.data.status == status]
        for status in ("known", "unknown")
    }
    corrections = [n for n in notes if n.kind == "correction"]
    minutes = reading_minutes(view)
    reading_time = l10n.reading_time(minutes)
    headings = _headings(l10n, sections, claims, events, terms, corrections)
    body = render_template(
        "article.html.j2",
        l10n,
        title=view.title,
        published=moment_view(l10n, view.published),
        updated=moment_view(l10n, view.updated) if view.updated is not None and view.updated != view.published else None,
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
            for v in site.published
            if v.code in translations
        ],
        key_facts=[_fact(l10n, view, f) for f in view.facts],
        lead_figures=by_figure_paragraph.get("", []),
        sections=sections,
        count_events=l10n.ngettext("%(num)s event", "%(num)s events", len(events)) % {"num": l10n.number(len(events))},
        events=events,
        groups=group_filters(l10n, [e.data for e in view.events]),
        claims=claims,
        article_notes=by_paragraph.get("", []),
        corrections=corrections,
        terms=terms,
        sources=[_source(l10n, s) for s in view.sources],
        headings={h.id: h for h in headings},
        search_forms=search_forms(view),
    )
    lang = site.project.locale(locale).lang
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
        locale,
        view.title,
        view.summary,
        lambda code: article_path(code, view.slug),
        body,
        headings,
        kind="article",
        article=view.article,
        meta_article=ArticleMeta.of(view),
    )


def _headings(
    l10n: L10n,
    sections: tuple[SectionView, ...],
    claims: dict[str, list[ClaimView]],
    events: list[EventView],
    terms: list[TermView],
    corrections: list[NoteView],
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


def _fact(l10n: L10n, view: LocalizedArticle, fact: LocalizedFact) -> FactView:
    data = fact.data
    if fact.date is not None:
        value, iso = l10n.date(fact.date), fact.date.isoformat()
    else:
        value, iso = _fact_number(l10n, fact), None
    return FactView(data.id, fact.label, value, iso, source_refs(view, data.sources))


def _source(l10n: L10n, s: Source) -> SourceView:
    date = s.date
    return SourceView(
        s.id,
        s.title,
        s.language.replace("_", "-"),
        _direction(s.language),
        s.publisher,
        l10n.date(date) if date else None,
        date.isoformat() if date else None,
        s.url,
    )


def _original(locale: str, view: LocalizedArticle, here: str) -> Original:
    return Original(display_name(view.original, locale), relative(here, article_path(view.original, view.slug)))


def _direction(code: str) -> str:
    try:
        return "rtl" if babel_locale(code).text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


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


def _divergence_notes(l10n: L10n, view: LocalizedArticle) -> list[NoteView]:
    """Accepted divergences with a note for readers, as clarifications next to their paragraphs (issue 14)."""
    return [
        NoteView(
            f"divergence-{d.path.rsplit('.', 1)[1]}", "clarification", d.path.rsplit(".", 1)[1], date_view(l10n, d.data.date), d.note, ()
        )
        for d in view.divergences
        if d.note is not None
    ]


def _figures(view: LocalizedArticle) -> list[FigureView]:
    """Every figure, in the order of article.yaml; only the lead is loaded before the reader scrolls to it."""
    return [_figure(f) for f in view.figures]


def _figure(fig: LocalizedFigure) -> FigureView:
    if fig.image is None:
        return FigureView(
            id=fig.data.id,
            alt=fig.alt,
            caption=fig.caption,
            credit=fig.data.credit,
            licence=fig.data.licence,
            source=fig.data.source,
            avif_srcset="",
            srcset="",
            src="",
            sizes="",
            width=0,
            height=0,
            lazy=False,
            unavailable=True,
        )
    variants = plan(fig.image, can_encode_avif())
    fallback = fallback_variants(variants)
    largest = fallback[-1]
    middle = next((v for v in fallback if v.width >= 800), largest)  # for a browser that knows no srcset
    return FigureView(
        id=fig.data.id,
        alt=fig.alt,
        caption=fig.caption,
        credit=fig.data.credit,
        licence=fig.data.licence,
        source=fig.data.source,
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
