"""Pure renderers: (article data, locale, formatters) → the text of one generated file.

Each function returns a string and touches no file; `write.py` decides what reaches the disk.
"""

from __future__ import annotations

import math
import posixpath
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any
from urllib.parse import quote

import regex
import yaml
from babel import Locale, UnknownLocaleError
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from ..config import Project, SiteLocale
from ..l10n import L10n
from ..model import GROUPS, Article, LocaleFile, PartialDate, TimelineEvent
from ..translation import Resolved, Text, resolve
from .markup import Term, attr, inert, link_terms, term_pattern, terms_for
from .publish import article_jsonld, atom_feed, og_locale, script_json, sitemap, timestamp

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where PyYAML has it: same output, faster

#: The regular-weight font file (theme/assets/fonts/) of each script that the site serves itself.
BODY_FONTS = {"Deva": "noto-sans-devanagari-devanagari-400-normal.woff2", "Arab": "noto-naskh-arabic-arabic-400-normal.woff2"}
#: Words a minute for the reading-time estimate.
READING_SPEED = 200


@cache
def _env() -> Environment:
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
    env.filters["inert"] = inert
    env.filters["attr"] = attr
    env.filters["plain"] = lambda value: "" if value is None else str(value)  # drops Text's own markup
    return env


def _render(template: str, l10n: L10n, **context: Any) -> str:
    """Render one of our templates with the locale's gettext functions, as pybabel extracts them."""
    return _env().get_template(template).render(_=l10n.gettext, ngettext=l10n.ngettext, **context)


@dataclass(frozen=True)
class Site:
    """What a renderer knows about the site: its project settings and every locale's formatters.

    One Site serves one build: it remembers each article's resolved text by folder.
    """

    project: Project
    l10n: dict[str, L10n]
    _resolved: dict[tuple[str, str], Resolved] = field(default_factory=dict, compare=False, repr=False)

    @property
    def published(self) -> tuple[SiteLocale, ...]:
        return tuple(loc for loc in self.project.locales if loc.status == "published")

    def text(self, article: Article, locale: str) -> Resolved:
        """The article's text in a locale, with fallbacks where a draft locale is not translated yet."""
        key = (article.folder, locale)
        if key not in self._resolved:
            loc = self.project.locale(locale)
            langs = {v.code: (v.lang, v.direction) for v in self.project.locales}
            self._resolved[key] = resolve(article, locale, [loc.fallback] if loc.fallback else [], langs)
        return self._resolved[key]


# --- addresses ----------------------------------------------------------------------------------------


def home_path(locale: str, page: int = 1) -> str:
    return f"{locale}/" if page == 1 else f"{locale}/page/{page}/"


def article_path(locale: str, slug: str) -> str:
    return f"{locale}/{slug}/"


def glossary_path(locale: str, page: int = 1) -> str:
    return f"{locale}/glossary/" if page == 1 else f"{locale}/glossary/{page}/"


def timeline_path(locale: str, page: int = 1) -> str:
    return f"{locale}/timeline/" if page == 1 else f"{locale}/timeline/{page}/"


def source_file(path: str) -> str:
    """The file in docs/ that MkDocs turns into the page at a site path: `hi/page/2/` ← `hi/page/2.md`."""
    return path.rstrip("/") + ".md" if path.count("/") > 1 else path + "index.md"


def search_path(locale: str) -> str:
    return f"{locale}/search/"


def guide_path(locale: str) -> str:
    return f"{locale}/writing/"


def relative(from_path: str, to_path: str) -> str:
    """Relative address between two site paths that end in '/', as MkDocs' directory URLs do."""
    target, _, fragment = to_path.partition("#")
    if fragment and target in ("", from_path):
        return f"#{fragment}"
    return _relative_dir(from_path, target or from_path) + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=65_536)
def _relative_dir(from_path: str, to_path: str) -> str:
    """Cached: a site timeline or glossary links the same few pages thousands of times."""
    rel = posixpath.relpath(to_path, from_path.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"


# --- shared pieces ----------------------------------------------------------------------------------

#: Explainers listed on one page of the home page, newest first.
HOME_PAGE_SIZE = 20
#: Entries on one page of the site timeline, and of the site glossary (whose entries are longer).
LIST_PAGE_SIZE = 200
GLOSSARY_PAGE_SIZE = 100
#: Explainers listed under a term of the site glossary (the newest); search finds the others.
USED_IN_LIMIT = 10


def paginate(groups: Sequence[tuple[str, Sequence[Any]]], size: int) -> list[list[tuple[str, Sequence[Any]]]]:
    """Split the items of (key, items) groups, in order, into pages of `size` items; at least one page.

    A group that crosses a page boundary continues on the next page under its key again. A site of a
    few explainers keeps one page; an archive of thousands gets pages of a weight a phone can load,
    and every page costs the build the same, however large the archive.
    """
    pages: list[list[tuple[str, Sequence[Any]]]] = [[]]
    count = 0
    for key, items in groups:
        start = 0
        while start < len(items):
            if count == size:
                pages.append([])
                count = 0
            part = items[start : start + size - count]
            pages[-1].append((key, part))
            count += len(part)
            start += len(part)
    return pages


def _first_pages(pages: list[list[tuple[str, Sequence[Any]]]]) -> dict[str, int]:
    """The number of the page on which each group begins."""
    first: dict[str, int] = {}
    for number, groups in enumerate(pages, 1):
        for key, _ in groups:
            first.setdefault(key, number)
    return first


def _pager(l10n: L10n, here: str, path: Any, current: int, count: int) -> dict[str, Any]:
    """Links to the previous and next page of a list, and where this page is."""
    return {
        "count": count,
        "label": l10n.gettext("Page %(num)s of %(count)s") % {"num": l10n.number(current), "count": l10n.number(count)},
        "previous": relative(here, path(current - 1)) if current > 1 else None,
        "next": relative(here, path(current + 1)) if current < count else None,
    }


#: The headings that `heading()` in _macros.j2 writes: the page's table of contents.
_HEADING = regex.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)<a class="headerlink" ')


def _toc(body: str) -> list[dict[str, str]]:
    """The table of contents of an HTML body: its h2 headings, as Material's sidebar lists them."""
    return [{"id": m[1], "title": m[2]} for m in _HEADING.finditer(body)]


def _page(
    site: Site, locale: str, title: str, description: str, path_in: Any, body: str, *, kind: str = "website", html: bool = True
) -> str:
    """A page for MkDocs: YAML front matter read by our theme overrides and hooks, then the body.

    Front matter strings are pre-escaped HTML: Material prints page.meta values without escaping.
    With `html: true` the body is finished HTML that our MkDocs hook hands to the theme as it is,
    with `headings` as its table of contents: Markdown would only re-parse every tag of it, which was
    two thirds of MkDocs' time. The editors' guide is Markdown (html=False).
    """
    loc = site.project.locale(locale)
    versions = [v for v in site.project.locales if v.status == "published" or v.code == locale]
    url = site.project.site_url + path_in(locale)
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
        "x_default": site.project.site_url + path_in(site.project.default_locale),
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
        meta |= {"html": True, "headings": _toc(body)}
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body


def _reading_minutes(text: LocaleFile) -> int:
    words = sum(len(regex.findall(r"[\p{L}\p{M}\p{N}]+", p.text or "")) for s in text.sections for p in s.paragraphs)
    return max(1, math.ceil(words / READING_SPEED))


def _source_refs(article: Article, ids: Sequence[str]) -> list[dict[str, Any]]:
    """Citations: the source's anchor on the article page, its publisher and its number in the list."""
    index = {s.id: (n, s) for n, s in enumerate(article.data.sources, 1)}
    return [{"id": i, "label": index[i][1].publisher, "number": index[i][0]} for i in ids]


def _event(site: Site, article: Article, locale: str, e: TimelineEvent) -> dict[str, Any]:
    """One timeline entry, as the article page and the site-wide timeline show it."""
    l10n = site.l10n[locale]
    text = site.text(article, locale).text.timeline[e.id]
    date = l10n.date(e.date)
    return {
        "id": e.id,
        "iso": e.date.isoformat(),
        "date": l10n.gettext("c. %(date)s") % {"date": date} if e.circa else date,
        "end_iso": e.end.isoformat() if e.end else None,
        "end": l10n.date(e.end) if e.end else None,
        "alternatives": [
            {"iso": a.date.isoformat(), "date": l10n.date(a.date), "sources": _source_refs(article, a.sources)} for a in e.alternatives
        ],
        "group": e.group,
        "group_label": _group_label(l10n, e.group) if e.group else None,
        "label": text.label,
        "description": text.description,
        "later": _is_later(e.date, article.data.published),
        "sources": _source_refs(article, e.sources),
        "sort": (e.date.first_day, e.date.last_day),
    }


def _group_label(l10n: L10n, group: str) -> str:
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


def _groups(l10n: L10n, events: Sequence[TimelineEvent]) -> list[dict[str, str]]:
    """The kinds of event present, in the order of GROUPS, for the filter links."""
    present = {e.group for e in events if e.group}
    return [{"id": g, "label": _group_label(l10n, g)} for g in GROUPS if g in present]


def _terms(article: Article, code: str) -> list[Term]:
    """The glossary terms as written in one locale's text, to find them in that locale's paragraphs."""
    text = article.texts.get(code)
    if text is None:
        return []
    entries = [(g.id, text.glossary.get(g.id)) for g in article.data.glossary]
    return terms_for((i, e.term, e.forms, e.definition) for i, e in entries if e and e.term and e.definition)


def _other_terms(site: Site, article: Article, term_id: str, others: Sequence[SiteLocale]) -> list[dict[str, Any]]:
    """The same term in the article's other locales, each marked with its language."""
    return [
        {
            "lang": v.lang,
            "term": article.texts[v.code].glossary[term_id].term,
            "translit": article.texts[v.code].glossary[term_id].transliteration,
            "translit_lang": f"{v.lang}-Latn",
        }
        for v in others
    ]


def _fact_date(article: Article, fact_id: str) -> PartialDate | None:
    """The date a key fact shows: its own, or its timeline event's (stated once, in the timeline)."""
    fact = next(f for f in article.data.key_facts if f.id == fact_id)
    if fact.event is not None:
        return next(e.date for e in article.data.timeline if e.id == fact.event)
    return fact.date


def _fact_number(l10n: L10n, number: int, approximate: bool) -> str:
    formatted = l10n.number(number)
    return l10n.gettext("about %(number)s") % {"number": formatted} if approximate else formatted


def _is_later(event_date: PartialDate, published: PartialDate) -> bool:
    """An event is a later development when it certainly happened after the article's date."""
    return event_date.first_day > published.last_day


def _read_in(site: Site, locale: str, article: Article, from_path: str) -> list[dict[str, str]]:
    """«Read in English» links, each worded in its target language so its reader recognises it."""
    return [
        {
            "lang": v.lang,
            "href": relative(from_path, article_path(v.code, article.slug)),
            "text": site.l10n[v.code].gettext("Read in %(language)s") % {"language": v.name},
        }
        for v in site.published
        if v.code != locale and v.code in article.texts
    ]


# --- pages --------------------------------------------------------------------------------------------


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
    others = [v for v in site.published if v.code != locale and v.code in article.texts]
    context = {
        "title": text.title,
        "published": {"iso": data.published.isoformat(), "text": l10n.date(data.published)},
        "minutes": l10n.number(_reading_minutes(text)),
        "n_minutes": _reading_minutes(text),
        "original": None
        if locale == data.original
        else {
            "name": Locale.parse(data.original).get_display_name(locale),
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
                "translit_lang": f"{site.project.locale(text.glossary[g.id].term.code).lang}-Latn",  # type: ignore[union-attr]
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
    return _page(site, locale, title, text.summary or "", path_in, body, kind="article")


def render_feed(site: Site, articles: Sequence[Article], locale: str) -> bytes:
    """The Atom feed of a locale (docs/<locale>/feed.xml): its explainers, newest first."""
    l10n = site.l10n[locale]
    url = site.project.site_url
    entries = [
        {
            "url": url + article_path(locale, a.slug),
            "title": site.text(a, locale).text.title,
            "summary": site.text(a, locale).text.summary or "",
            "published": timestamp(a.data.published),
            "updated": timestamp(a.data.updated or a.data.published),
            "alternates": [(v.lang, url + article_path(v.code, a.slug)) for v in site.published if v.code != locale],
        }
        for a in articles
    ]
    return atom_feed(
        feed_url=url + home_path(locale) + "feed.xml",
        home_url=url + home_path(locale),
        lang=site.project.locale(locale).lang,
        title=str(l10n.gettext("News explainers")),
        subtitle=str(l10n.gettext("Explainers on the news, with timelines, glossaries and sources.")),
        author=str(l10n.gettext("News explainers")),
        entries=entries,
    )


def render_sitemap(site: Site, articles: Sequence[Article]) -> bytes:
    """One sitemap for the site: every page of every published locale, with its language versions."""
    url = site.project.site_url
    paths = [home_path, glossary_path, timeline_path, guide_path]
    pages = []
    for path_in, lastmod in [(p, None) for p in paths] + [
        (lambda code, slug=a.slug: article_path(code, slug), (a.data.updated or a.data.published).isoformat()) for a in articles
    ]:
        alternates = [(v.lang, url + path_in(v.code)) for v in site.published]
        alternates.append(("x-default", url + path_in(site.project.default_locale)))
        pages += [{"url": url + path_in(v.code), "lastmod": lastmod, "alternates": alternates} for v in site.published]
    return sitemap(pages)


def _direction(code: str) -> str:
    try:
        return "rtl" if Locale.parse(code).text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


def _fallback_notice(site: Site, locale: str, resolved: Resolved, article: Article) -> str | None:
    """«Parts of this page are not yet translated into Urdu; they are shown in English.», in the reader's language."""
    if not resolved.has_fallback:
        return None
    l10n = site.l10n[locale]
    names = {
        "language": Locale.parse(locale).get_display_name(locale),
        "fallback": " / ".join(Locale.parse(c).get_display_name(locale) for c in resolved.fallback_locales),
    }
    if locale not in article.texts:
        return l10n.gettext("This explainer is not yet translated into %(language)s; it is shown in %(fallback)s.") % names
    return l10n.gettext("Parts of this page are not yet translated into %(language)s; they are shown in %(fallback)s.") % names


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


def collation_keys(texts: Iterable[str]) -> dict[str, tuple[Any, ...]]:
    """Sort keys for glossary terms: Unicode collation (pyuca's DUCET), case-insensitive, ties by text."""
    folded = {text: text.casefold() for text in texts}
    collator = _collator(frozenset("".join(unicodedata.normalize("NFD", f) for f in folded.values())))
    return {text: (collator.sort_key(f), text) for text, f in folded.items()}


def _letter_id(letter: str) -> str:
    """An ASCII anchor for a letter heading, the same on every build: «क» → letter-0915."""
    return "letter-" + "-".join(f"{ord(c):04x}" for c in letter)


def index_letter(term: str) -> str:
    """The letter a term is filed under: its first base letter («ख़ुफ़िया» → «ख», «treaty» → «T»)."""
    first = unicodedata.normalize("NFD", term.strip())[:1]
    return first.upper() if first else "#"


@cache
def _collator(alphabet: frozenset[str]) -> Any:
    """pyuca's collator, reading from its table only the entries made of characters in `alphabet`.

    A string's sort key uses only entries whose characters all occur in it, so the keys are the same
    as with the whole table, which took a third of a second to load on every build.
    """
    from pyuca.collator import COLL_ELEMENT_PATTERN, Collator, hexstrings2int

    class _Collator(Collator):  # type: ignore[misc, valid-type]
        def load(self, filename: str) -> None:  # pyuca 1.2's parser, for the lines that can match
            with open(filename, encoding="utf-8") as keys:
                for line in keys:
                    line = line.split("#", 1)[0].rstrip()
                    if not line or line.startswith("@version"):
                        continue
                    if line.startswith("@implicitweights"):
                        chars, base = line[len("@implicitweights") :].split(";")
                        start, end = chars.split("..")
                        self.implicit_weights.append([int(start, 16), int(end, 16), int(base, 16)])
                        continue
                    chars, weights = line.split(";", 1)
                    if chr(int(chars.split(None, 1)[0], 16)) not in alphabet:
                        continue  # the first character is not used: the whole entry cannot match
                    code_points = hexstrings2int(chars.split())
                    if all(chr(cp) in alphabet for cp in code_points):
                        elements = [hexstrings2int(x.groups()) for x in COLL_ELEMENT_PATTERN.finditer(weights.strip())]
                        self.table.add(code_points, elements)

    return _Collator()


def render_glossary(site: Site, articles: Sequence[Article], locale: str) -> dict[str, str]:
    """The glossary of a locale (docs/ file → text): every term of every explainer, one entry per id, in
    collation order under letter headings; a long glossary continues on further pages, whole letters each."""
    l10n = site.l10n[locale]
    entries: dict[str, dict[str, Any]] = {}
    for a in articles:
        text = site.text(a, locale).text
        others = [v for v in site.published if v.code != locale and v.code in a.texts]
        for g in a.data.glossary:
            term = text.glossary[g.id]
            entry = entries.setdefault(
                g.id,
                {
                    "id": g.id,
                    "term": term.term,
                    "translit": term.transliteration,
                    "translit_lang": f"{site.project.locale(term.term.code).lang}-Latn",  # type: ignore[union-attr]
                    "definition": term.definition,
                    "others": _other_terms(site, a, g.id, others),
                    "used_in": [],
                },
            )
            entry["used_in"].append((text.title, article_path(locale, a.slug) + f"#term-{g.id}"))
    keys = collation_keys(e["term"] for e in entries.values())
    letters: dict[str, list[dict[str, Any]]] = {}
    for entry in sorted(entries.values(), key=lambda e: keys[e["term"]]):
        letters.setdefault(index_letter(entry["term"]), []).append(entry)
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
    timeline continues on further pages, whole years each."""
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


def _numbered(l10n: L10n, title: str, number: int, count: int) -> str:
    """A page title, with «(page 2 of 5)» after the first page of a list."""
    if number == 1:
        return title
    return f"{title} ({l10n.gettext('Page %(num)s of %(count)s') % {'num': l10n.number(number), 'count': l10n.number(count)}})"


def render_search(site: Site, locale: str) -> str:
    """The search page of a locale: Pagefind's UI over this locale's index, loaded only here."""
    l10n = site.l10n[locale]
    options = {
        "element": "#search",
        "showSubResults": True,
        "showImages": False,
        "translations": {"placeholder": str(l10n.gettext("Search the explainers")), "search_label": str(l10n.gettext("Search"))},
    }
    body = _render("search.md.j2", l10n, options=Markup(script_json(options)))
    title = l10n.gettext("Search")
    description = l10n.gettext("Search the explainers.")
    return _page(site, locale, title, description, search_path, body)


def render_guide(site: Site, locale: str) -> str:
    """The editors' guide, generated from the data contract; its body is in English in every locale."""
    from ..guide import render_guide_body

    l10n = site.l10n[locale]
    foreign = site.project.locale(locale).lang.split("-")[0] != "en"
    body = render_guide_body(schema_href=relative(guide_path(locale), "schema/"), mark_english=foreign)
    if foreign:
        notice = _env().get_template("notice.html.j2").render(text=l10n.gettext("This page is only available in English."))
        body = f"{notice}\n{body}"
    title = l10n.gettext("Writing an explainer")
    description = l10n.gettext("The data format of an explainer, for editors: every field, with an example.")
    return _page(site, locale, title, description, guide_path, body, html=False)


def render_mkdocs_config(site: Site, locale: str) -> str:
    """The MkDocs configuration of one locale: the shared mkdocs.yml plus what differs per locale.

    Written into docs/, so relative paths are relative to docs/.
    """
    l10n = site.l10n[locale]

    def _(message: str) -> str:
        return str(l10n.gettext(message))  # plain text for YAML, even where the catalog falls back

    loc = site.project.locale(locale)
    from babel.core import get_global

    script = (get_global("likely_subtags").get(locale.split("_")[0]) or "").split("_")[1:2]
    config = {
        "INHERIT": "../mkdocs.yml",
        "site_name": _("News explainers"),
        "site_url": site.project.locale_url(locale),
        "docs_dir": locale,
        "site_dir": f"../site/{locale}",
        "site_description": _("Explainers on the news, with timelines, glossaries and sources."),
        "theme": {
            "language": locale.split("_")[0],
            "custom_dir": "../theme",
            "direction": loc.direction,
            "palette": [
                {
                    "media": "(prefers-color-scheme: light)",
                    "scheme": "default",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/weather-night", "name": _("Switch to dark mode")},
                },
                {
                    "media": "(prefers-color-scheme: dark)",
                    "scheme": "slate",
                    "primary": "indigo",
                    "accent": "indigo",
                    "toggle": {"icon": "material/weather-sunny", "name": _("Switch to light mode")},
                },
            ],
        },
        "hooks": ["../generator/mkdocs_hooks.py"],
        "nav": [
            {_("Explainers"): "index.md"},
            {_("Glossary"): "glossary.md"},
            {_("Timeline"): "timeline.md"},
            {_("Writing an explainer"): "writing.md"},
        ],
        "extra": {
            "locale": locale,
            "preload_font": BODY_FONTS.get(script[0] if script else "", ""),
            "draft": loc.status == "draft",
            "locales_dir": "../locales",
            # Material shows its language menu only when this is set; our partial fills it per page.
            "alternate": [
                {"name": v.name, "lang": v.lang, "link": f"../{v.code}/"}
                for v in site.project.locales
                if v.status == "published" or v.code == locale
            ],
        },
    }
    return yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=10_000)


def render_root(site: Site) -> str:
    """The site's root page: a language chooser that works without JavaScript."""
    links = [
        {
            "lang": v.lang,
            "dir": v.direction,
            "href": home_path(v.code),
            "name": v.name,
            "text": site.l10n[v.code].gettext("News explainers"),
        }
        for v in site.published
    ]
    default = site.project.locale(site.project.default_locale)
    return (
        _env()
        .get_template("root.html.j2")
        .render(
            links=links,
            lang=default.lang,
            site_url=site.project.site_url,
            title=" · ".join(link["text"] for link in links),
        )
    )
