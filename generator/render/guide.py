"""The editors' guide page of a locale ("Writing an explainer")."""

from __future__ import annotations

from ..guide import render_guide_body
from ..locales import L10n
from .page import Site, page, template_env
from .urls import guide_path, relative


def render_guide(site: Site, l10n: L10n) -> str:
    """The editors' guide, generated from the data contract; its body is in English in every locale."""
    locale = l10n.locale.code
    foreign = l10n.locale.lang.split("-")[0] != "en"
    body = render_guide_body(schema_href=relative(guide_path(locale), "schema/"), mark_english=foreign)
    if foreign:
        notice = template_env().get_template("notice.html.j2").render(text=l10n.gettext("This page is only available in English."))
        body = f"{notice}\n{body}"
    title = l10n.gettext("Writing an explainer")
    description = l10n.gettext("The data format of an explainer, for editors: every field, with an example.")
    # For editors, not readers: out of the navigation and of the readers' search, linked from the footer.
    return page(site, l10n, title, description, guide_path, body, html=False, searchable=False)
