"""The MkDocs configuration of each locale (docs/mkdocs.<locale>.yml)."""

from __future__ import annotations

import yaml

from ..fonts import FONT_CSS, font_for_locale
from ..i18n import theme_chain
from ..locales import L10n
from .page import Site


def render_mkdocs_config(site: Site, l10n: L10n) -> str:
    """The MkDocs configuration of one locale: the shared mkdocs.yml plus what differs per locale.

    Written into docs/, so relative paths are relative to docs/.
    """
    locale = l10n.locale.code

    def _(message: str) -> str:
        return str(l10n.gettext(message))  # plain text for YAML, even where the catalog falls back

    loc = l10n.locale
    font = font_for_locale(loc)
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
        # Readers' pages only: the editors' guide (writing.md) is linked from the footer (theme/partials/copyright.html).
        "nav": [
            {_("Explainers"): "index.md"},
            {_("Glossary"): "glossary.md"},
            {_("Timeline"): "timeline.md"},
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
