"""The search page of a locale: Pagefind's UI over the locale's own index."""

from __future__ import annotations

from markupsafe import Markup

from .page import Site, page, render_template
from .publish import script_json
from .urls import search_path


def render_search(site: Site, locale: str) -> str:
    """The search page of a locale: Pagefind's UI over this locale's index, loaded only here."""
    l10n = site.l10n[locale]
    options = {
        "element": "#search",
        "showSubResults": True,
        "showImages": False,
        "translations": {"placeholder": str(l10n.gettext("Search the explainers")), "search_label": str(l10n.gettext("Search"))},
    }
    body = render_template("search.html.j2", l10n, options=Markup(script_json(options)))
    title = l10n.gettext("Search")
    description = l10n.gettext("Search the explainers.")
    return page(site, locale, title, description, search_path, body)
