"""Page assembly: the templates, the Site a renderer is given, headings, and the front matter every page
starts with. Pure: it returns text and touches no file.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml
from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from ..config import Project
from ..dates import PartialDate, Timestamp
from ..editions import Editions
from ..locales import L10n
from ..localize import LocalizedArticle, localize
from ..model import Article
from ..text import Text
from .markup import attr
from .publish import ArticleMeta
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
    env.filters["date"] = _local_date
    return env


@pass_context
def _local_date(context: Context, value: PartialDate | Timestamp) -> str:
    """`{{ day | date }}`: a date as the page's locale writes it («11 नवंबर 2024»); `{{ day }}` is its ISO form. A
    publication's moment shows its day where it was published; `<time datetime>` takes the full date-time."""
    l10n: L10n = context["l10n"]
    return l10n.date(value.shown if isinstance(value, Timestamp) else value)


def render_template(template: str, l10n: L10n, **context: Any) -> str:
    """Render one of our templates with the locale's gettext functions, as pybabel extracts them."""
    return template_env().get_template(template).render(_=l10n.gettext, ngettext=l10n.ngettext, l10n=l10n, **context)


@dataclass(frozen=True)
class Site:
    """What a renderer knows about the site: its project settings and every locale's formatters."""

    project: Project
    l10n: dict[str, L10n]

    @property
    def editions(self) -> Editions:
        return Editions(self.project)

    def localize(self, article: Article, locale: str) -> LocalizedArticle:
        """The article as `locale` shows it, with the locale's fallback where a translation is missing."""
        loc = self.project.locale(locale)
        langs = {v.code: (v.lang, v.direction) for v in self.project.locales}
        return localize(article, locale, [loc.fallback] if loc.fallback else [], langs, self.editions.translations(article, locale))


@dataclass(frozen=True)
class ShareImage:
    """The image a shared link shows (`og:image`): the page's share card."""

    url: str
    width: int
    height: int
    alt: str
    mime: str


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
    l10n: L10n,
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
    image: ShareImage | None = None,
) -> str:
    """A page for MkDocs: YAML front matter read by our theme overrides and hooks, then the body.

    Front matter strings are pre-escaped HTML: Material prints page.meta values without escaping.
    With `html: true` the body is finished HTML that our MkDocs hook hands to the theme as it is,
    with `headings` as its table of contents: Markdown would only re-parse every tag of it, which was
    two thirds of MkDocs' time. The editors' guide is Markdown (html=False).
    `meta_article` adds Open Graph's article:* tags; `image`, an absolute address, og:image (and a large Twitter card).
    """
    loc = l10n.locale
    locale = loc.code
    versions = site.editions.versions(article, current=locale)
    url = site.project.site_url + path_in(locale)
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
        "x_default": site.project.site_url + path_in(site.editions.x_default(article)),
        "dir": loc.direction,
        "og": {
            "type": kind,
            "title": str(attr(title)),
            "description": str(attr(description)),
            "url": url,
            "locale": loc.og_locale,
            "alternate_locales": [v.og_locale for v in versions if v.code != locale],
            "site_name": str(attr(l10n.gettext("News explainers"))),
            # A large card where there is an image to show, else the small one (twitter:card; also read by chat apps).
            "twitter_card": "summary_large_image" if image is not None else "summary",
        },
    }
    if image is not None:
        meta["og"]["image"] = {
            "url": image.url,
            "width": image.width,
            "height": image.height,
            "alt": str(attr(image.alt)),
            "type": image.mime,
        }
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
