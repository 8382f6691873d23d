"""The page of one explainer in one locale."""

from __future__ import annotations

import math
from typing import Any

import regex
from babel import UnknownLocaleError
from markupsafe import Markup

from ..l10n import L10n, babel_locale, display_name
from ..model import Article, LocaleFile, PartialDate
from ..translation import Resolved, Text
from .common import Site, _event, _groups, _other_terms, _page, _render, _source_refs, article_path, relative
from .markup import Term, link_terms, term_pattern, terms_for
from .publish import article_jsonld

#: Words a minute for the reading-time estimate.
READING_SPEED = 200


def _reading_minutes(text: LocaleFile) -> int:
    words = sum(len(regex.findall(r"[\p{L}\p{M}\p{N}]+", p.text or "")) for s in text.sections for p in s.paragraphs)
    return max(1, math.ceil(words / READING_SPEED))


def _terms(article: Article, code: str) -> list[Term]:
    """The glossary terms as written in one locale's text, to find them in that locale's paragraphs."""
    text = article.texts.get(code)
    if text is None:
        return []
    entries = [(g.id, text.glossary.get(g.id)) for g in article.data.glossary]
    return terms_for((i, e.term, e.forms, e.definition) for i, e in entries if e and e.term and e.definition)


def _fact_date(article: Article, fact_id: str) -> PartialDate | None:
    """The date a key fact shows: its own, or its timeline event's (stated once, in the timeline)."""
    fact = next(f for f in article.data.key_facts if f.id == fact_id)
    if fact.event is not None:
        return next(e.date for e in article.data.timeline if e.id == fact.event)
    return fact.date


def _fact_number(l10n: L10n, number: int, approximate: bool) -> str:
    formatted = l10n.number(number)
    return l10n.gettext("about %(number)s") % {"number": formatted} if approximate else formatted


def _read_in(site: Site, locale: str, article: Article, from_path: str) -> list[dict[str, str]]:
    """«Read in English» links, each worded in its target language so its reader recognises it."""
    return [
        {
            "lang": v.lang,
            "href": relative(from_path, article_path(v.code, article.slug)),
            "text": site.l10n[v.code].gettext("Read in %(language)s") % {"language": v.name},
        }
        for v in site.published
        if v.code != locale and site.shows(article, v.code)
    ]


def render_article(site: Site, article: Article, locale: str) -> str:
    """The Markdown page of one article in one locale."""
    l10n = site.l10n[locale]
    data = article.data
    resolved = site.text(article, locale)
    text = resolved.text
    here = article_path(locale, article.slug)
    notes_by_paragraph: dict[str, list[dict[str, Any]]] = {}
    notes = [
        {
            "id": note.id,
            "kind": note.kind,
            "paragraph": note.paragraph,
            "date": {"iso": note.date.isoformat(), "text": l10n.date(note.date)} if note.date else None,
            "text": text.notes[note.id].text,
            "sources": _source_refs(article, note.sources),
        }
        for note in data.notes
    ]
    for note in notes:
        notes_by_paragraph.setdefault(note["paragraph"] or "", []).append(note)
    terms_by_code: dict[str, tuple[list[Term], Any]] = {}
    sections = []
    for section in text.sections:
        linked: set[str] = set()  # the first occurrence of a term in each section is linked
        paragraphs = []
        for p in section.paragraphs:
            body: Text = p.text  # type: ignore[assignment]
            if body.code not in terms_by_code:
                terms = _terms(article, body.code)
                terms_by_code[body.code] = (terms, term_pattern(terms))
            terms, pattern = terms_by_code[body.code]
            paragraphs.append(
                {
                    "id": p.id,
                    "html": link_terms(body, terms, pattern, linked, verbatim=p.verbatim),
                    "text": body,
                    "notes": notes_by_paragraph.get(p.id, []),
                }
            )
        heading: Text | None = section.heading  # type: ignore[assignment]
        attrs = Markup(f' lang="{heading.lang}" dir="{heading.dir}"') if heading is not None and heading.fallback else ""
        sections.append({"id": section.id, "heading": heading, "heading_attrs": attrs, "paragraphs": paragraphs})
    events = sorted(enumerate(data.timeline), key=lambda ie: (ie[1].date.first_day, ie[1].date.last_day, ie[0]))
    others = [v for v in site.published if v.code != locale and site.shows(article, v.code)]
    context = {
        "title": text.title,
        "published": {"iso": data.published.isoformat(), "text": l10n.date(data.published)},
        "minutes": l10n.number(_reading_minutes(text)),
        "n_minutes": _reading_minutes(text),
        "original": None
        if locale == data.original
        else {
            "name": display_name(data.original, locale),
            "href": relative(here, article_path(data.original, article.slug)),
        },
        "fallback": _fallback_notice(site, locale, resolved, article),
        "stale": l10n.gettext("Parts of this translation may be out of date: the original has changed since they were translated.")
        if resolved.stale
        else None,
        "read_in": _read_in(site, locale, article, here),
        "key_facts": [
            {
                "id": f.id,
                "label": text.key_facts[f.id].label,
                "value": l10n.date(fact_date)
                if (fact_date := _fact_date(article, f.id))
                else _fact_number(l10n, f.number or 0, f.approximate),
                "iso": fact_date.isoformat() if fact_date else None,
                "sources": _source_refs(article, f.sources),
            }
            for f in data.key_facts
        ],
        "sections": sections,
        "count_events": l10n.ngettext("%(num)s event", "%(num)s events", len(events)) % {"num": l10n.number(len(events))},
        "events": [_event(site, article, locale, e) for _, e in events],
        "groups": _groups(l10n, [e for _, e in events]),
        "claims": {
            status: [
                {"id": c.id, "text": text.claims[c.id].text, "sources": _source_refs(article, c.sources)}
                for c in data.claims
                if c.status == status
            ]
            for status in ("known", "unknown")
        },
        "article_notes": notes_by_paragraph.get("", []),
        "corrections": [n for n in notes if n["kind"] == "correction"],
        "terms": [
            {
                "id": g.id,
                "term": text.glossary[g.id].term,
                "translit": text.glossary[g.id].transliteration,
                "translit_lang": site.project.locale(text.glossary[g.id].term.code).transliteration_lang,  # type: ignore[union-attr]
                "definition": text.glossary[g.id].definition,
                "others": _other_terms(site, article, g.id, others),
                "sources": _source_refs(article, g.sources),
            }
            for g in data.glossary
        ],
        "sources": [
            {
                "id": s.id,
                "title": s.title,
                "lang": s.language.replace("_", "-"),
                "dir": _direction(s.language),
                "publisher": s.publisher,
                "date": l10n.date(s.date) if s.date else None,
                "date_iso": s.date.isoformat() if s.date else None,
                "url": s.url,
            }
            for s in data.sources
        ],
        "lang": site.project.locale(locale).lang,
    }
    body = _render("article.md.j2", l10n, **context)
    title: Text = text.title  # type: ignore[assignment]
    jsonld = article_jsonld(
        url=site.project.site_url + here,
        lang=context["lang"],
        title=title,
        summary=text.summary or "",
        article=article,
        site_name=str(l10n.gettext("News explainers")),
        translations=[(v.lang, site.project.site_url + article_path(v.code, article.slug)) for v in others],
        original_url=None if locale == data.original else site.project.site_url + article_path(data.original, article.slug),
        sources=context["sources"],
        corrections=context["corrections"],
        terms=context["terms"],
        events=context["events"],
        glossary_name=str(l10n.gettext("Glossary")),
        timeline_name=str(l10n.gettext("Timeline")),
    )
    path_in = lambda code: article_path(code, article.slug)  # noqa: E731
    # In the body, not the front matter: MkDocs would parse it as YAML on every build; search skips scripts.
    body += f'\n<script type="application/ld+json">{jsonld}</script>\n'
    return _page(site, locale, title, text.summary or "", path_in, body, kind="article", article=article)


def _direction(code: str) -> str:
    try:
        return "rtl" if babel_locale(code).text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


def _fallback_notice(site: Site, locale: str, resolved: Resolved, article: Article) -> str | None:
    """«Parts of this page are not yet translated into Urdu; they are shown in English.», in the reader's language."""
    if not resolved.has_fallback:
        return None
    l10n = site.l10n[locale]
    names = {
        "language": display_name(locale, locale),
        "fallback": " / ".join(display_name(c, locale) for c in resolved.fallback_locales),
    }
    if locale not in article.texts:
        return l10n.gettext("This explainer is not yet translated into %(language)s; it is shown in %(fallback)s.") % names
    return l10n.gettext("Parts of this page are not yet translated into %(language)s; they are shown in %(fallback)s.") % names
