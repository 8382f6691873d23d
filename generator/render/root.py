"""The site's root page: a language chooser that works without JavaScript."""

from __future__ import annotations

from .page import Site, template_env
from .urls import home_path


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
        for v in site.editions.published
    ]
    default = site.project.locale(site.project.default_locale)
    return (
        template_env()
        .get_template("root.html.j2")
        .render(
            links=links,
            lang=default.lang,
            site_url=site.project.site_url,
            title=" · ".join(link["text"] for link in links),
        )
    )
