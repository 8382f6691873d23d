"""Page assembly: the templates, the Site a renderer is given, headings, and the front matter every page
starts with. Pure: it returns text and touches no file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from ..config import Project, SiteLocale
from ..l10n import L10n
from ..localize import LocalizedArticle, localize
from ..model import Article
from ..text import Text
from ..translation import text_fields
from .markup import attr
from .publish import ArticleMeta, og_locale
from .urls import relative

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's emitter where PyYAML has it: same output, faster


@cache
def template_env() -> Environment:
    env = Environment(
        loader=PackageLoader("generator", "templates"),
        autoescape=True,
        # A line break inside a raw HTML block could end the block for Markdown; in HTML it is a space.
        finalize=lambda value: value.replace("\n", " ") if type(value) is str else value,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["attr"] = attr
    env.filters["plain"] = lambda value: "" if value is None else str(value)  # drops Text's own markup
    return env


def render_template(template: str, l10n: L10n, **context: Any) -> str:
    """Render one of our templates with the locale's gettext functions, as pybabel extracts them."""
    return template_env().get_template(template).render(_=l10n.gettext, ngettext=l10n.ngettext, **context)


@dataclass(frozen=True)
class Site:
    """What a renderer knows about the site: its project settings and every locale's formatters."""

    project: Project
    l10n: dict[str, L10n]

    @property
    def published(self) -> tuple[SiteLocale, ...]:
        return tuple(loc for loc in self.project.locales if loc.status == "published")

    def shows(self, article: Article, locale: str) -> bool:
        """Is the article published in this locale? Always in its original, in a draft locale (with fallback
        text) and in a locale that publishes `all`; in one that publishes `translated`, once no text is missing."""
        loc = self.project.locale(locale)
        if locale == article.data.original or loc.status == "draft" or loc.articles == "all":
            return locale in article.texts or loc.status == "draft"
        if locale not in article.texts:
            return False
        omitted = article.texts[locale].omitted()  # left out on purpose: shown in the original, not missing
        return all(value or path in omitted for path, _, value in text_fields(article, article.texts[locale]))

    def translations(self, article: Article, locale: str) -> tuple[str, ...]:
        """The other published locales that publish the article: its language versions linked from a page."""
        return tuple(v.code for v in self.published if v.code != locale and self.shows(article, v.code))

    def localize(self, article: Article, locale: str) -> LocalizedArticle:
        """The article as `locale` shows it, with the locale's fallback where a translation is missing."""
        loc = self.project.locale(locale)
        langs = {v.code: (v.lang, v.direction) for v in self.project.locales}
        return localize(article, locale, [loc.fallback] if loc.fallback else [], langs, self.translations(article, locale))


@dataclass(frozen=True)
class Heading:
    """An h2 of a page: printed by the template, listed in the table of contents."""

    id: str
    text: str
    #: ` lang dir` of a heading whose text stands in for a missing translation.
    attrs: Markup = field(default_factory=Markup)

    @property
    def html(self) -> Markup:
        """The heading's text as the page prints it (a line break is a space in HTML)."""
        return escape(str(self.text).replace("\n", " "))


def heading(id: str, text: str) -> Heading:
    """A heading, marked with its own language where its text stands in for a missing translation."""
    fallback = isinstance(text, Text) and text.fallback
    return Heading(id, text, Markup(f' lang="{text.lang}" dir="{text.dir}"') if isinstance(text, Text) and fallback else Markup(""))


def page(
    site: Site,
    locale: str,
    title: str,
    description: str,
    path_in: Callable[[str], str],
    body: str,
    headings: Sequence[Heading] = (),
    *,
    kind: str = "website",
    html: bool = True,
    article: Article | None = None,
    searchable: bool = True,
    meta_article: ArticleMeta | None = None,
    image: str | None = None,
) -> str:
    """A page for MkDocs: YAML front matter read by our theme overrides and hooks, then the body.

    Front matter strings are pre-escaped HTML: Material prints page.meta values without escaping.
    With `html: true` the body is finished HTML that our MkDocs hook hands to the theme as it is,
    with `headings` as its table of contents: Markdown would only re-parse every tag of it, which was
    two thirds of MkDocs' time. The editors' guide is Markdown (html=False).
    `meta_article` adds Open Graph's article:* tags; `image`, an absolute address, og:image (and a large Twitter card).
    """
    loc = site.project.locale(locale)
    versions = [
        v
        for v in site.project.locales
        if (v.status == "published" or v.code == locale) and (article is None or v.code == locale or site.shows(article, v.code))
    ]
    url = site.project.site_url + path_in(locale)
    default = site.project.default_locale
    if article is not None and not site.shows(article, default):
        default = article.data.original  # the default locale publishes only its translated articles
    meta: dict[str, Any] = {
        "title": str(attr(title)),
        "description": str(attr(description)),
        "alternates": [
            {
                "lang": v.lang,
                "name": v.name,
                "href": site.project.site_url + path_in(v.code),
                "link": relative(path_in(locale), path_in(v.code)),
                "current": v.code == locale,
            }
            for v in versions
        ],
        "x_default": site.project.site_url + path_in(default),
        "dir": loc.direction,
        "og": {
            "type": kind,
            "title": str(attr(title)),
            "description": str(attr(description)),
            "url": url,
            "locale": og_locale(locale, loc.formats),
            "alternate_locales": [og_locale(v.code, v.formats) for v in versions if v.code != locale],
            "site_name": str(attr(site.l10n[locale].gettext("News explainers"))),
            # A large card where there is an image to show, else the small one (twitter:card; also read by chat apps).
            "twitter_card": "summary_large_image" if image else "summary",
        },
    }
    if image:
        meta["og"]["image"] = image
    if meta_article is not None:
        meta["og"]["article"] = {
            "published_time": meta_article.published.isoformat(),
            "modified_time": meta_article.modified.isoformat(),
            "authors": [str(attr(a)) for a in meta_article.authors],
        }
    if html:
        meta |= {"html": True, "headings": [{"id": h.id, "title": str(h.html)} for h in headings]}
    if not searchable:
        meta["search"] = {"exclude": True}  # Material's key: theme/main.html keeps the page out of Pagefind's index
    return "---\n" + yaml.dump(meta, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=10_000) + "---\n\n" + body
