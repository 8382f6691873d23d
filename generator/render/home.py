"""The home page of a locale: every explainer, newest first, on pages of a fixed size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from ..localize import LocalizedArticle
from ..text import Text
from .page import Site, page, render_template
from .paging import pages
from .parts import DateView, moment_view
from .urls import article_path, glossary_path, home_path, relative, source_file

#: Explainers listed on one page of the home page, newest first.
HOME_PAGE_SIZE = 20


@dataclass(frozen=True)
class HomeItem:
    href: str
    title: Text
    summary: Text
    published: DateView


def render_home(site: Site, views: Sequence[LocalizedArticle], locale: str) -> dict[str, str]:
    """The home pages of a locale (docs/ file → text): every explainer, newest first, HOME_PAGE_SIZE a page."""
    l10n = site.l10n[locale]
    out = {}
    for p in pages(l10n, [(v.slug, [v]) for v in views], HOME_PAGE_SIZE, lambda n: home_path(locale, n)):
        items = [
            HomeItem(relative(p.path, article_path(locale, v.slug)), v.title, v.summary, moment_view(l10n, v.published))
            for _, group in p.groups
            for v in group
        ]
        body = render_template(
            "home.html.j2",
            l10n,
            items=items,
            count=l10n.number(len(views)),
            n=len(views),
            glossary_href=relative(p.path, glossary_path(locale)),
            pager=p.pager,
        )
        title = p.title(l10n, l10n.gettext("News explainers"))
        description = l10n.gettext("Explainers on the news, with timelines, glossaries and sources.")
        # Every locale lists the same explainers in the same order: page n has page n as its translation.
        out[source_file(p.path)] = page(site, locale, title, description, partial(_home_in, n=p.number), body)
    return out


def _home_in(code: str, n: int) -> str:
    """Page n of the list in another locale: every locale lists the same items in the same order."""
    return home_path(code, n)
