"""Pure renderers: (article data, locale, formatters) → the text of one generated file.

Each function returns a string and touches no file; `write.py` decides what reaches the disk. The
page of an explainer is in `article.py`, the lists of all explainers in `lists.py`, what they share
in `common.py`; this module has the site's other files (feeds, sitemap, search, guide, configuration).
"""

from __future__ import annotations

from collections.abc import Sequence

import yaml
from markupsafe import Markup

from ..fonts import FONT_CSS, font_for_locale
from ..localize import LocalizedArticle
from ..model import Article
from .common import Site, page, render_template, template_env
from .publish import FeedEntry, atom_feed, script_json, sitemap, timestamp
from .urls import article_path, glossary_path, guide_path, home_path, relative, search_path, timeline_path


def render_feed(site: Site, views: Sequence[LocalizedArticle], locale: str) -> bytes:
    """The Atom feed of a locale (docs/<locale>/feed.xml): its explainers, newest first."""
    l10n = site.l10n[locale]
    url = site.project.site_url
    entries = [
        FeedEntry(
            url=url + article_path(locale, v.slug),
            title=v.title,
            summary=v.summary,
            published=timestamp(v.published),
            updated=timestamp(v.updated or v.published),
            alternates=tuple(
                (p.lang, url + article_path(p.code, v.slug)) for p in site.published if p.code != locale and site.shows(v.article, p.code)
            ),
        )
        for v in views
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
    for path_in, lastmod, article in [(p, None, None) for p in paths] + [
        (lambda code, slug=a.slug: article_path(code, slug), (a.data.updated or a.data.published).isoformat(), a) for a in articles
    ]:
        # An article is in the locales that publish it (a locale may publish only its translated articles).
        versions = [v for v in site.published if article is None or site.shows(article, v.code)]
        alternates = [(v.lang, url + path_in(v.code)) for v in versions]
        default = site.project.default_locale if any(v.code == site.project.default_locale for v in versions) else versions[0].code
        alternates.append(("x-default", url + path_in(default)))
        pages += [{"url": url + path_in(v.code), "lastmod": lastmod, "alternates": alternates} for v in versions]
    return sitemap(pages)


def render_search(site: Site, locale: str) -> str:
    """The search page of a locale: Pagefind's UI over this locale's index, loaded only here."""
    l10n = site.l10n[locale]
    options = {
        "element": "#search",
        "showSubResults": True,
        "showImages": False,
        "translations": {"placeholder": str(l10n.gettext("Search the explainers")), "search_label": str(l10n.gettext("Search"))},
    }
    body = render_template("search.md.j2", l10n, options=Markup(script_json(options)))
    title = l10n.gettext("Search")
    description = l10n.gettext("Search the explainers.")
    return page(site, locale, title, description, search_path, body)


def render_guide(site: Site, locale: str) -> str:
    """The editors' guide, generated from the data contract; its body is in English in every locale."""
    from ..guide import render_guide_body

    l10n = site.l10n[locale]
    foreign = site.project.locale(locale).lang.split("-")[0] != "en"
    body = render_guide_body(schema_href=relative(guide_path(locale), "schema/"), mark_english=foreign)
    if foreign:
        notice = template_env().get_template("notice.html.j2").render(text=l10n.gettext("This page is only available in English."))
        body = f"{notice}\n{body}"
    title = l10n.gettext("Writing an explainer")
    description = l10n.gettext("The data format of an explainer, for editors: every field, with an example.")
    return page(site, locale, title, description, guide_path, body, html=False)


def render_mkdocs_config(site: Site, locale: str) -> str:
    """The MkDocs configuration of one locale: the shared mkdocs.yml plus what differs per locale.

    Written into docs/, so relative paths are relative to docs/.
    """
    l10n = site.l10n[locale]

    def _(message: str) -> str:
        return str(l10n.gettext(message))  # plain text for YAML, even where the catalog falls back

    from ..i18n import theme_chain

    loc = site.project.locale(locale)
    font = font_for_locale(locale)
    config = {
        "INHERIT": "../mkdocs.yml",
        "site_name": _("News explainers"),
        "site_url": site.project.locale_url(locale),
        "docs_dir": locale,
        "site_dir": f"../site/{locale}",
        "site_description": _("Explainers on the news, with timelines, glossaries and sources."),
        "theme": {
            # The Material strings file after our catalog (theme/partials/language.html): the locale's own, or
            # the one its readers read (mai → hi), or English; see generator/i18n.py theme_chain.
            "language": theme_chain(locale)[0],
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
        # The site's font faces, generated per locale (generator/fonts.py), before the theme's own CSS.
        "extra_css": [FONT_CSS, "assets/stylesheets/explainer.css"],
        "hooks": ["../generator/mkdocs_hooks.py"],
        "nav": [
            {_("Explainers"): "index.md"},
            {_("Glossary"): "glossary.md"},
            {_("Timeline"): "timeline.md"},
            {_("Writing an explainer"): "writing.md"},
        ],
        "extra": {
            "locale": locale,
            "lang": loc.lang,  # <html lang>: the full BCP 47 tag (Material's file would say pt-BR for pt-PT too)
            "preload_font": font.file if font else "",
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
        template_env()
        .get_template("root.html.j2")
        .render(
            links=links,
            lang=default.lang,
            site_url=site.project.site_url,
            title=" · ".join(link["text"] for link in links),
        )
    )
