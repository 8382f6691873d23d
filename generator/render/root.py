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


#: Files whose names carry a hash of their content (Material's bundles, Pagefind's chunks): a new version gets a
#: new name, so a browser may keep them for a year without asking again. Every other file (pages, our own CSS and
#: fonts, whose subsets change with the text under a fixed name) keeps the host's default: revalidate each time.
#: `:locale` matches one path segment, `*` the rest of a name (Netlify and Cloudflare Pages; Cloudflare allows one
#: `*` a rule, at the end).
IMMUTABLE = (
    "/:locale/assets/javascripts/bundle.*",
    "/:locale/assets/javascripts/workers/*",
    "/:locale/assets/stylesheets/main.*",
    "/:locale/assets/stylesheets/palette.*",
    "/:locale/pagefind/fragment/*",
    "/:locale/pagefind/index/*",
)


def render_headers() -> str:
    """`_headers`, the response headers of the site's files in the format Netlify and Cloudflare Pages read."""
    rule = "  Cache-Control: public, max-age=31536000, immutable\n"
    head = '# Response headers for static hosts that read this file (Netlify, Cloudflare Pages); see README "Deploying".\n'
    return head + "".join(f"{path}\n{rule}" for path in IMMUTABLE)
