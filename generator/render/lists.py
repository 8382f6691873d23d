"""Pages that list every explainer: the home page, the site glossary and the site timeline, each
continuing on further pages when the archive is long."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from ..l10n import L10n, index_letter, sort_key
from ..model import Article, PartialDate
from .common import (
    Site,
    _event,
    _first_pages,
    _groups,
    _numbered,
    _other_terms,
    _page,
    _pager,
    _render,
    article_path,
    glossary_path,
    home_path,
    paginate,
    relative,
    search_path,
    source_file,
    timeline_path,
)

#: Explainers listed on one page of the home page, newest first.
HOME_PAGE_SIZE = 20
#: Entries on one page of the site timeline, and of the site glossary (whose entries are longer).
LIST_PAGE_SIZE = 200
GLOSSARY_PAGE_SIZE = 100
#: Explainers listed under a term of the site glossary (the newest); search finds the others.
USED_IN_LIMIT = 10


def render_home(site: Site, articles: Sequence[Article], locale: str) -> dict[str, str]:
    """The home pages of a locale (docs/ file → text): every explainer, newest first, HOME_PAGE_SIZE a page."""
    l10n = site.l10n[locale]
    pages = paginate([(a.slug, [a]) for a in articles], HOME_PAGE_SIZE)
    out = {}
    for number, groups in enumerate(pages, 1):
        here = home_path(locale, number)
        items = [
            {
                "href": relative(here, article_path(locale, a.slug)),
                "title": site.text(a, locale).text.title,
                "summary": site.text(a, locale).text.summary,
                "published": {"iso": a.data.published.isoformat(), "text": l10n.date(a.data.published)},
            }
            for _, group in groups
            for a in group
        ]
        body = _render(
            "home.md.j2",
            l10n,
            items=items,
            count=l10n.number(len(articles)),
            n=len(articles),
            glossary_href=relative(here, glossary_path(locale)),
            pager=_pager(l10n, here, lambda n: home_path(locale, n), number, len(pages)),
        )
        title = _numbered(l10n, l10n.gettext("News explainers"), number, len(pages))
        description = l10n.gettext("Explainers on the news, with timelines, glossaries and sources.")
        # Every locale lists the same explainers in the same order: page n has page n as its translation.
        out[source_file(here)] = _page(site, locale, title, description, lambda code, n=number: home_path(code, n), body)
    return out


def collation_keys(texts: Iterable[str], locale: str) -> dict[str, tuple[bytes, str]]:
    """Sort keys for glossary terms: the locale's collation by ICU (CLDR tailoring), ties by text."""
    return {text: sort_key(text, locale) for text in texts}


def _letter_id(letter: str) -> str:
    """An ASCII anchor for a letter heading, the same on every build: «क» → letter-0915."""
    return "letter-" + "-".join(f"{ord(c):04x}" for c in letter)


def render_glossary(site: Site, articles: Sequence[Article], locale: str) -> dict[str, str]:
    """The glossary of a locale (docs/ file → text): every term of every explainer, one entry per id, in
    collation order under letter headings; a long glossary continues on further pages."""
    l10n = site.l10n[locale]
    entries: dict[str, dict[str, Any]] = {}
    for a in articles:
        text = site.text(a, locale).text
        others = [v for v in site.published if v.code != locale and site.shows(a, v.code)]
        for g in a.data.glossary:
            term = text.glossary[g.id]
            entry = entries.setdefault(
                g.id,
                {
                    "id": g.id,
                    "term": term.term,
                    "translit": term.transliteration,
                    "translit_lang": site.project.locale(term.term.code).transliteration_lang,  # type: ignore[union-attr]
                    "definition": term.definition,
                    "others": _other_terms(site, a, g.id, others),
                    "used_in": [],
                },
            )
            entry["used_in"].append((text.title, article_path(locale, a.slug) + f"#term-{g.id}"))
    keys = collation_keys((e["term"] for e in entries.values()), locale)
    # Headings in the locale's alphabet, plus the other locales' (a Latin term in Hindi is under its letter).
    alphabets = tuple(c for c in site.project.codes if c != locale)
    letters: dict[str, list[dict[str, Any]]] = {}
    for entry in sorted(entries.values(), key=lambda e: keys[e["term"]]):
        letters.setdefault(index_letter(entry["term"], locale, alphabets), []).append(entry)
    pages = paginate(list(letters.items()), GLOSSARY_PAGE_SIZE)
    page_of = _first_pages(pages)
    out = {}
    for number, groups in enumerate(pages, 1):
        here = glossary_path(locale, number)
        index = [
            {"letter": letter, "href": relative(here, glossary_path(locale, page_of[letter]) + "#" + _letter_id(letter))}
            for letter in letters
        ]
        shown = [
            {
                "letter": letter,
                "id": _letter_id(letter),
                "terms": [
                    t
                    | {
                        "used_in": [{"title": title, "href": relative(here, path)} for title, path in t["used_in"][:USED_IN_LIMIT]],
                        "more": _more(l10n, t, relative(here, search_path(locale))),
                    }
                    for t in terms
                ],
            }
            for letter, terms in groups
        ]
        body = _render(
            "glossary.md.j2",
            l10n,
            index=index,
            letters=shown,
            pager=_pager(l10n, here, lambda n: glossary_path(locale, n), number, len(pages)),
        )
        title = _numbered(l10n, l10n.gettext("Glossary"), number, len(pages))
        description = l10n.gettext("Terms used in the explainers, with their definitions.")
        # Letters differ between languages: another language's version of this page is its whole glossary.
        path_in = lambda code, n=number: glossary_path(code, n if code == locale else 1)  # noqa: E731
        out[source_file(here)] = _page(site, locale, title, description, path_in, body)
    return out


def _more(l10n: L10n, entry: dict[str, Any], search_href: str) -> dict[str, str] | None:
    """«and 25 more explainers», linked to a search for the term, when the list of uses is cut."""
    rest = len(entry["used_in"]) - USED_IN_LIMIT
    if rest <= 0:
        return None
    text = l10n.ngettext("and %(num)s more explainer", "and %(num)s more explainers", rest) % {"num": l10n.number(rest)}
    return {"text": text, "href": f"{search_href}?q={quote(str(entry['term']))}"}


def render_site_timeline(site: Site, articles: Sequence[Article], locale: str) -> dict[str, str]:
    """Every explainer's events (docs/ file → text), in date order, each linked to its explainer; a long
    timeline continues on further pages."""
    l10n = site.l10n[locale]
    events = []
    for article in articles:
        title = site.text(article, locale).text.title
        for order, e in enumerate(article.data.timeline):
            event = _event(site, article, locale, e)
            event.update(anchor=f"{article.slug}--{e.id}", slug=article.slug, article_title=title, order=(article.slug, order))
            events.append(event)
    events.sort(key=lambda e: (*e["sort"], e["order"]))
    count = l10n.ngettext("%(num)s event", "%(num)s events", len(events)) % {"num": l10n.number(len(events))}
    groups = _groups(l10n, [e for a in articles for e in a.data.timeline])
    years: dict[str, list[dict[str, Any]]] = {}
    for event in events:
        years.setdefault(event["iso"][:4], []).append(event)
    pages = paginate(list(years.items()), LIST_PAGE_SIZE)
    page_of = _first_pages(pages)
    out = {}
    for number, chunk in enumerate(pages, 1):
        here = timeline_path(locale, number)
        index = [
            {
                "year": l10n.date(PartialDate(int(year))),
                "href": relative(here, timeline_path(locale, page_of[year]) + "#" + found[0]["anchor"]),
            }
            for year, found in years.items()
        ]
        shown = [e | {"article_href": relative(here, article_path(locale, e["slug"]))} for _, found in chunk for e in found]
        pager = _pager(l10n, here, lambda n: timeline_path(locale, n), number, len(pages))
        body = _render("timeline.md.j2", l10n, events=shown, groups=groups, count=count, index=index, pager=pager)
        title = _numbered(l10n, l10n.gettext("Timeline"), number, len(pages))
        description = l10n.gettext("The events of every explainer, in date order.")
        # Every locale orders the same events by date: page n has page n as its translation.
        out[source_file(here)] = _page(site, locale, title, description, lambda code, n=number: timeline_path(code, n), body)
    return out
