"""PURE: the edition policy. Which locales show an article, which are its language versions, and which of them
is the x-default: decided here once, for the page head, the «Read in» links, the sitemap and the feeds.
"""

from __future__ import annotations

from dataclasses import dataclass

from .brief import Brief, brief
from .config import Project
from .locales import SiteLocale
from .model import Article


@dataclass(frozen=True)
class Editions:
    """The locales of the site seen from one article (or from a page of no article: the home page, the glossary …)."""

    project: Project

    @property
    def published(self) -> tuple[SiteLocale, ...]:
        return tuple(loc for loc in self.project.locales if loc.status == "published")

    def shows(self, article: Article | Brief, locale: str) -> bool:
        """Is the article published in this locale? Always in its original, in a draft locale (with fallback
        text) and in a locale that publishes `all`; in one that publishes `translated`, once no text is missing."""
        loc, known = self.project.locale(locale), brief(article)
        if locale == known.original or loc.status == "draft" or loc.articles == "all":
            return locale in known.languages or loc.status == "draft"
        return locale in known.complete

    def versions(self, article: Article | Brief | None, current: str | None = None) -> tuple[SiteLocale, ...]:
        """The language versions of a page, in the order of locales.yml: the published locales that show the article
        (all of them for a page of no article), and the `current` locale itself even when it is a draft."""
        return tuple(
            v
            for v in self.project.locales
            if v.code == current or (v.status == "published" and (article is None or self.shows(article, v.code)))
        )

    def translations(self, article: Article | Brief, locale: str) -> tuple[str, ...]:
        """The other published locales that publish the article: its language versions linked from a page."""
        return tuple(v.code for v in self.versions(article) if v.code != locale)

    def x_default(self, article: Article | Brief | None) -> str:
        """The version for a reader whose language is none of them: the default locale where it shows the article,
        else the article's original (a default locale may publish only its translated articles), else the first."""
        shown = [v.code for v in self.versions(article)]
        for code in (self.project.default_locale, brief(article).original if article is not None else None):
            if code in shown:
                return code
        return shown[0] if shown else self.project.default_locale
