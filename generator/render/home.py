"""The home page of a locale: every explainer, newest first, on pages of a fixed size."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from ..locales import L10n
from .page import Site, page, render_template
from .paging import Page, pages
from .records import ListPage, ListRecord, inputs
from .urls import article_path, glossary_path, home_path, relative, source_file

#: Explainers listed on one page of the home page, newest first.
HOME_PAGE_SIZE = 20


@dataclass(frozen=True)
class HomeItem:
    """An explainer in the list: its record, and its address from this page."""

    explainer: ListRecord
    href: str


def render_home(site: Site, records: Sequence[ListRecord], l10n: L10n) -> dict[str, ListPage]:
    """The home pages of a locale (docs/ file → page): every explainer, newest first, HOME_PAGE_SIZE a page."""
    locale = l10n.locale.code
    out = {}
    for p in pages(l10n, [(r.slug, [r]) for r in records], HOME_PAGE_SIZE, lambda n: home_path(locale, n)):
        shown = [r for _, group in p.groups for r in group]
        out[source_file(p.path)] = ListPage(
            inputs([r.digest for r in shown], p.path, len(records), p.pager.astuple()),
            partial(_home_page, site, l10n, p, shown, len(records)),
        )
    return out


def _home_page(site: Site, l10n: L10n, p: Page[ListRecord], shown: list[ListRecord], n: int) -> str:
    locale = l10n.locale.code
    items = [HomeItem(r, relative(p.path, article_path(locale, r.slug))) for r in shown]
    body = render_template(
        "home.html.j2",
        l10n,
        items=items,
        count=l10n.number(n),
        n=n,
        glossary_href=relative(p.path, glossary_path(locale)),
        pager=p.pager,
    )
    title = p.title(l10n, l10n.gettext("News explainers"))
    description = l10n.gettext("Explainers on the news, with timelines, glossaries and sources.")
    # Every locale lists the same explainers in the same order: page n has page n as its translation.
    return page(site, l10n, title, description, partial(_home_in, n=p.number), body)


def _home_in(code: str, n: int) -> str:
    """Page n of the list in another locale: every locale lists the same items in the same order."""
    return home_path(code, n)
