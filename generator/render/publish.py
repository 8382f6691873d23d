"""Pure renderers for machines: JSON-LD, Open Graph, Atom feeds, the sitemap with hreflang alternates.

Every address is absolute (site_url); every date comes from the data, never from the clock.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

from ..dates import Timestamp
from ..localize import Byline, LocalizedArticle
from .markup import fold

ATOM = "http://www.w3.org/2005/Atom"
SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"


def script_json(data: Any) -> str:
    """JSON for a <script> element: `<` is escaped, so no text can close the element or open a comment."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False, separators=(",", ":")).replace("<", "\\u003c")


@dataclass(frozen=True)
class ArticleMeta:
    """What an article page's head tells link previews (Open Graph `article:*`): the same date-times as its JSON-LD."""

    published: Timestamp
    modified: Timestamp
    #: Each author's page where known, else the name (Open Graph's article:author takes either).
    authors: tuple[str, ...]

    @classmethod
    def of(cls, view: LocalizedArticle) -> ArticleMeta:
        return cls(view.published, view.updated or view.published, tuple(a.url or fold(a.name) for a in view.authors))


@dataclass(frozen=True)
class ArticleUrls:
    """The absolute addresses an article page's structured data refers to."""

    url: str
    #: (BCP 47 tag, address) of each published translation.
    translations: tuple[tuple[str, str], ...]
    #: The original's address, on a translation's page.
    original: str | None


@dataclass(frozen=True)
class ImageRef:
    """The article's image (its first figure) for JSON-LD: the largest JPEG or PNG, absolute."""

    url: str
    id: str
    width: int
    height: int
    alt: str
    caption: str | None
    credit: str
    licence: str
    source: str | None


#: An SPDX licence identifier («CC-BY-4.0», «CC0-1.0»; with a version number): spdx.org has a page for each, an
#: address search engines can show as the image's licence.
_SPDX = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*[A-Za-z0-9+]$")


def image_jsonld(image: ImageRef) -> dict[str, Any]:
    """schema.org ImageObject with what Google's image licence metadata reads: creditText and, for an SPDX id, license."""
    out: dict[str, Any] = {
        "@type": "ImageObject",
        "@id": image.id,
        "url": image.url,
        "contentUrl": image.url,
        "width": image.width,
        "height": image.height,
        "description": fold(image.alt),
        "creditText": image.credit,
        "copyrightNotice": image.licence,
    }
    if image.caption:
        out["caption"] = fold(image.caption)
    if _SPDX.match(image.licence) and any(c.isdigit() for c in image.licence):  # «CC-BY-4.0», not «© PIB» or «Public domain»
        out["license"] = f"https://spdx.org/licenses/{image.licence}.html"
    if image.source:
        out["isBasedOn"] = image.source
    return out


def agent_jsonld(agent: Byline) -> dict[str, Any]:
    """A writer or translator for schema.org: a desk or an agency (PIB) is an Organization, with its page when known."""
    out: dict[str, Any] = {"@type": "Organization" if agent.organization else "Person", "name": fold(agent.name)}
    if agent.url:
        out["url"] = agent.url
    return out


def article_jsonld(
    view: LocalizedArticle,
    urls: ArticleUrls,
    *,
    lang: str,
    site_name: str,
    glossary_name: str,
    timeline_name: str,
    image: ImageRef | None = None,
) -> str:
    """The article as schema.org BackgroundNewsArticle, its glossary as a DefinedTermSet, its timeline as an ItemList."""
    url = urls.url
    main: dict[str, Any] = {
        # An explainer is background to the news; readers that know only NewsArticle (Google's article rich results,
        # many CMS importers) see that too.
        "@type": ["BackgroundNewsArticle", "NewsArticle"],
        "@id": f"{url}#article",
        "url": url,
        "headline": fold(view.title),
        "description": fold(view.summary),
        "inLanguage": lang,
        "datePublished": view.published.isoformat(),
        "dateModified": (view.updated or view.published).isoformat(),
        "isAccessibleForFree": True,
        "publisher": {"@type": "NewsMediaOrganization", "name": site_name},
        "citation": [
            {"@type": "CreativeWork", "name": s.title, "url": s.url, "publisher": s.publisher, "inLanguage": s.language.replace("_", "-")}
            for s in view.sources
        ],
        "hasPart": [{"@id": f"{url}#glossary"}, {"@id": f"{url}#timeline"}],
    }
    if view.standfirst is not None:
        main["abstract"] = fold(view.standfirst)
    # Bylines, as news search engines and the Trust Project's indicators read them: a desk is an Organization.
    if view.authors:
        main["author"] = [agent_jsonld(a) for a in view.authors]
    if view.translators:
        main["translator"] = [agent_jsonld(t) for t in view.translators]
    if image is not None:
        main["image"] = image_jsonld(image)
    if urls.original is None:
        main["workTranslation"] = [{"@id": f"{u}#article", "inLanguage": code} for code, u in urls.translations]
    else:
        main["translationOfWork"] = {"@id": f"{urls.original}#article"}
    # A correction always has its date (the model requires it).
    corrections = [(n, n.data.date) for n in view.notes if n.data.kind == "correction" and n.data.date is not None]
    if corrections:
        main["correction"] = [
            {"@type": "CorrectionComment", "text": fold(n.text), "datePublished": day.isoformat(), "url": f"{url}#note-{n.data.id}"}
            for n, day in corrections
        ]
    glossary = {
        "@type": "DefinedTermSet",
        "@id": f"{url}#glossary",
        "name": glossary_name,
        "inLanguage": lang,
        "hasDefinedTerm": [
            {"@type": "DefinedTerm", "@id": f"{url}#term-{t.id}", "name": fold(t.term), "description": fold(t.definition)}
            for t in view.terms
        ],
    }
    events = sorted(enumerate(view.events), key=lambda ie: (*ie[1].order, ie[0]))
    timeline = {
        "@type": "ItemList",
        "@id": f"{url}#timeline",
        "name": timeline_name,
        "itemListOrder": "https://schema.org/ItemListOrderAscending",
        "numberOfItems": len(events),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": n,
                "item": {
                    "@type": "Event",
                    "@id": f"{url}#event-{e.id}",
                    "name": fold(e.label),
                    "description": fold(e.description),
                    "startDate": e.date.isoformat(),
                    **({"endDate": e.end.isoformat()} if e.end else {}),
                },
            }
            for n, (_, e) in enumerate(events, 1)
        ],
    }
    return script_json({"@context": "https://schema.org", "@graph": [main, glossary, timeline]})


@dataclass(frozen=True)
class FeedEntry:
    """One explainer in a locale's Atom feed."""

    url: str
    title: str
    summary: str
    published: Timestamp
    updated: Timestamp
    #: (BCP 47 tag, address) of the explainer in the site's other published locales.
    alternates: tuple[tuple[str, str], ...]
    #: Atom `<author>`s (the bylines) and `<contributor>`s (this locale's translators), as the page names them.
    authors: tuple[Byline, ...] = ()
    contributors: tuple[Byline, ...] = ()


def atom_feed(*, feed_url: str, home_url: str, lang: str, title: str, subtitle: str, author: str, entries: Sequence[FeedEntry]) -> bytes:
    """An Atom feed of a locale's explainers, newest first; `entries` carry url, title, summary, dates and alternates."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": lang})
    ET.SubElement(feed, f"{{{ATOM}}}id").text = home_url
    ET.SubElement(feed, f"{{{ATOM}}}title").text = title
    ET.SubElement(feed, f"{{{ATOM}}}subtitle").text = subtitle
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "self", "type": "application/atom+xml", "href": feed_url})
    ET.SubElement(feed, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": home_url})
    newest = max((e.updated for e in entries), default=None)
    ET.SubElement(feed, f"{{{ATOM}}}updated").text = newest.isoformat() if newest is not None else "2024-01-01T00:00:00Z"
    ET.SubElement(ET.SubElement(feed, f"{{{ATOM}}}author"), f"{{{ATOM}}}name").text = author
    for e in entries:
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        ET.SubElement(entry, f"{{{ATOM}}}id").text = e.url
        ET.SubElement(entry, f"{{{ATOM}}}title").text = fold(e.title)
        ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "alternate", "type": "text/html", "href": e.url, "hreflang": lang})
        # Translations are `related`, not `alternate`: a reader takes an entry's (last) alternate as its link,
        # which would open every entry of the English feed in Hindi (RFC 4287 4.2.7.2).
        for code, url in e.alternates:
            ET.SubElement(entry, f"{{{ATOM}}}link", {"rel": "related", "type": "text/html", "href": url, "hreflang": code})
        ET.SubElement(entry, f"{{{ATOM}}}published").text = e.published.isoformat()
        ET.SubElement(entry, f"{{{ATOM}}}updated").text = e.updated.isoformat()
        for tag, people in (("author", e.authors), ("contributor", e.contributors)):
            for person in people:
                element = ET.SubElement(entry, f"{{{ATOM}}}{tag}")
                ET.SubElement(element, f"{{{ATOM}}}name").text = fold(person.name)
                if person.url:
                    ET.SubElement(element, f"{{{ATOM}}}uri").text = person.url
        ET.SubElement(entry, f"{{{ATOM}}}summary").text = fold(e.summary)
    ET.indent(feed)
    return _xml(feed)


def sitemap(pages: Sequence[dict[str, Any]]) -> bytes:
    """A sitemap whose every URL lists its language versions (xhtml:link hreflang, with x-default)."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    urlset = ET.Element(f"{{{SITEMAP}}}urlset")
    for page in pages:
        url = ET.SubElement(urlset, f"{{{SITEMAP}}}url")
        ET.SubElement(url, f"{{{SITEMAP}}}loc").text = page["url"]
        if page.get("lastmod"):
            ET.SubElement(url, f"{{{SITEMAP}}}lastmod").text = page["lastmod"]
        for hreflang, href in page["alternates"]:
            ET.SubElement(url, f"{{{XHTML}}}link", {"rel": "alternate", "hreflang": hreflang, "href": href})
    ET.indent(urlset)
    return _xml(urlset)


def _xml(root: ET.Element) -> bytes:
    """An XML document in UTF-8, with its declaration."""
    body: bytes = ET.tostring(root, encoding="utf-8")
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + body + b"\n"
