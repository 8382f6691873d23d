"""What every renderer shares: the templates, the Site, page addresses, front matter, lists in pages.

Everything here is pure: it returns text and touches no file.
"""

from __future__ import annotations

import posixpath
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from typing import Any

import regex
import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined

from ..config import Project, SiteLocale
from ..l10n import L10n
from ..model import GROUPS, Article, PartialDate, TimelineEvent
from ..translation import Resolved, coverage, resolve
from .markup import attr
from .publish import og_locale

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where PyYAML has it: same output, faster


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
    _shown: dict[tuple[str, str], bool] = field(default_factory=dict, compare=False, repr=False)

    @property
    def published(self) -> tuple[SiteLocale, ...]:
        return tuple(loc for loc in self.project.locales if loc.status == "published")

    def shows(self, article: Article, locale: str) -> bool:
        """Is the article published in this locale? Always in its original, in a draft locale (with fallback
        text) and in a locale that publishes `all`; in one that publishes `translated`, once no text is missing."""
        key = (article.folder, locale)
        if key not in self._shown:
            loc = self.project.locale(locale)
            if locale == article.data.original or loc.status == "draft" or loc.articles == "all":
                self._shown[key] = locale in article.texts or loc.status == "draft"
            else:
                self._shown[key] = locale in article.texts and not coverage(article, locale).missing
        return self._shown[key]

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
        "label": _page_of(l10n, current, count),
        "previous": relative(here, path(current - 1)) if current > 1 else None,
        "next": relative(here, path(current + 1)) if current < count else None,
    }


#: The headings that `heading()` in _macros.j2 writes: the page's table of contents.
_HEADING = regex.compile(r'<h2 id="([^"]+)"[^>]*>(.*?)<a class="headerlink" ')


def _toc(body: str) -> list[dict[str, str]]:
    """The table of contents of an HTML body: its h2 headings, as Material's sidebar lists them."""
    return [{"id": m[1], "title": m[2]} for m in _HEADING.finditer(body)]


def _page(
    site: Site,
    locale: str,
    title: str,
    description: str,
    path_in: Any,
    body: str,
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
        meta |= {"html": True, "headings": _toc(body)}
    return "---\n" + yaml.dump(meta, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body


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


def _other_terms(site: Site, article: Article, term_id: str, others: Sequence[SiteLocale]) -> list[dict[str, Any]]:
    """The same term in the article's other locales, each marked with its language."""
    return [
        {
            "lang": v.lang,
            "term": article.texts[v.code].glossary[term_id].term,
            "translit": article.texts[v.code].glossary[term_id].transliteration,
            "translit_lang": v.transliteration_lang,
        }
        for v in others
    ]


def _numbered(l10n: L10n, title: str, number: int, count: int) -> str:
    """A page title, with «(page 2 of 5)» after the first page of a list."""
    if number == 1:
        return title
    return f"{title} ({_page_of(l10n, number, count)})"


def _page_of(l10n: L10n, number: int, count: int) -> str:
    """«Page 2 of 5», in the locale's words and digits."""
    return l10n.gettext("Page %(num)s of %(count)s") % {"num": l10n.number(number), "count": l10n.number(count)}


def _is_later(event_date: PartialDate, published: PartialDate) -> bool:
    """An event is a later development when it certainly happened after the article's date."""
    return event_date.first_day > published.last_day
