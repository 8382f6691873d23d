"""The pages of a built site, by kind and locale, found from site/ itself (nothing else is read).

A locale is a folder of site/ with its own index.html and 404.html. Its pages are every `index.html`
below it (assets/ aside); an article is a page that says so (schema.org `BackgroundNewsArticle`, or
`og:type` article). The 404 page is requested at an address that does not exist, as a reader meets it.
The search page is also checked showing results: `/<locale>/search/?q=<a word of the first article's
title>` (the page runs the query in its `q` parameter).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, unquote

NOT_PAGES = {"assets"}
H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[\w\u0900-\u097F]{4,}")
ARTICLE_MARK = re.compile(r'"@type"\s*:\s*"BackgroundNewsArticle"|property="og:type"\s+content="article"')
MISSING = "this-page-does-not-exist/"


@dataclass(frozen=True)
class SitePage:
    """One page to check: its kind, its locale (None for the language chooser) and its URL path."""

    kind: str
    locale: str | None
    path: str
    file: Path
    status: int = 200
    #: For the search page showing results: the query in its address.
    query: str | None = None

    @property
    def label(self) -> str:
        return f"{self.locale or '-'} {self.kind} {unquote(self.path)}"


def locales(site_dir: Path) -> list[str]:
    """Every locale folder of the site, in name order."""
    return sorted(d.name for d in site_dir.iterdir() if d.is_dir() and (d / "index.html").is_file() and (d / "404.html").is_file())


def discover(site_dir: Path) -> list[SitePage]:
    """Every page of the site: the language chooser, then per locale its home, pages, articles and 404."""
    site_dir = Path(site_dir)
    found: list[SitePage] = []
    if (site_dir / "index.html").is_file():
        found.append(SitePage("chooser", None, "/", site_dir / "index.html"))
    for code in locales(site_dir):
        base = site_dir / code
        found.append(SitePage("home", code, f"/{code}/", base / "index.html"))
        for index in sorted(base.rglob("index.html")):
            rel = index.parent.relative_to(base)
            if not rel.parts or rel.parts[0] in NOT_PAGES:
                continue
            kind = "article" if ARTICLE_MARK.search(index.read_text(encoding="utf-8")) else rel.as_posix()
            found.append(SitePage(kind, code, f"/{code}/{rel.as_posix()}/", index))
        found.append(SitePage("404", code, f"/{code}/{MISSING}", base / "404.html", status=404))
    return found


def searches(site_dir: Path) -> list[SitePage]:
    """The search page of every locale that has one and an article, asked for a word of that article's title."""
    found = []
    for code, article in sorted(articles(site_dir).items()):
        search = Path(site_dir) / code / "search" / "index.html"
        title = H1.search(article.file.read_text(encoding="utf-8"))
        words = WORD.findall(html.unescape(TAG.sub("", title.group(1)))) if title else []
        if search.is_file() and words:
            query = max(words, key=len)
            found.append(SitePage("search results", code, f"/{code}/search/?q={quote(query)}", search, query=query))
    return found


def articles(site_dir: Path) -> dict[str, SitePage]:
    """The first article page (by address) of every locale that has one."""
    first: dict[str, SitePage] = {}
    for page in discover(site_dir):
        if page.kind == "article" and page.locale and page.locale not in first:
            first[page.locale] = page
    return first
