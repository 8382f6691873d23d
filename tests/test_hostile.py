"""Untrusted text reaches the page as the literal text typed: never as HTML or Markdown, anywhere."""

from __future__ import annotations

import copy
import html
import re
import unicodedata
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import make_site
from generator.config import load_project
from generator.model import Article, ArticleFile, LocaleFile
from generator.render.article import render_article
from generator.render.common import Site

from .conftest import copy_project, generator

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</dl></ol></p>",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='x",
    "# heading",
    "- item",
    "1. item",
    "    indented code",
    "```\nfence\n```",
    "<!-- comment -->",
    "&amp; &lt;",
    "{: #id .class }",
    "[link](javascript:alert(1))",
    "*emphasis* __strong__",
    "<div markdown=1>",
    "\u200d\u200c\u2060",
    "\u202e\u2066\u2069",
    "क़ ज़ फ़",
    "संधि संधियों",
    "a\u0301e\u0308",
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(HOSTILE),
        st.text(st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=20),
    ),
    min_size=1,
    max_size=5,
).map(lambda parts: unicodedata.normalize("NFC", " ".join(parts)))
TEXT = TEXT.filter(lambda t: t.strip() and len(t) <= 300)
WS = re.compile(r"[ \t\n\r\f]+")


def seen(text: str) -> str:
    """What a reader sees of a text in HTML: ASCII white space collapsed."""
    return WS.sub(" ", text).strip()


def article(title: str, heading: str, paragraph: str, label: str, term: str, definition: str) -> Article:
    data = ArticleFile.model_validate(
        {
            "slug": "hostile",
            "original": "hi",
            "published": "2024-11",
            "sources": [{"id": "s", "title": label, "publisher": term, "url": "https://example.org/a", "language": "en"}],
            "timeline": [{"id": "e", "date": "2024-11-11", "sources": ["s"]}],
            "glossary": [{"id": "t"}],
            "key_facts": [{"id": "k", "number": 5, "sources": ["s"]}],
            "notes": [{"id": "n", "kind": "correction", "date": "2024-11-20", "paragraph": "p", "sources": ["s"]}],
        }
    )
    text = LocaleFile.model_validate(
        {
            "title": title,
            "summary": paragraph,
            "sections": [
                {"id": "lead", "paragraphs": [{"id": "p", "text": paragraph}]},
                {"id": "s2", "heading": heading, "paragraphs": [{"id": "q", "text": term}]},
            ],
            "timeline": {"e": {"label": label, "description": paragraph}},
            "glossary": {"t": {"term": term, "forms": [term], "transliteration": label, "definition": definition}},
            "key_facts": {"k": {"label": label}},
            "notes": {"n": {"text": definition}},
        }
    )
    return Article("articles/hostile", data, {"hi": text, "en": text})


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return make_site(load_project(copy_project(tmp_path_factory.mktemp("hostile") / "p")))


def to_html(page: str) -> tuple[dict, BeautifulSoup]:
    """Split front matter and turn the body into HTML as MkDocs does with our hooks.

    A page marked `html: true` is handed over as it is; any other is Markdown (same extensions).
    """
    _, front, body = page.split("---\n", 2)
    meta = yaml.safe_load(front)
    if not meta.get("html"):
        config = yaml.safe_load((Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8"))
        extensions = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
        body = markdown.markdown(body, extensions=extensions)
    return meta, BeautifulSoup(body, "html.parser")


def heading_text(soup: BeautifulSoup, selector: str) -> str:
    """A heading's text without its permalink sign."""
    heading = copy.copy(soup.select_one(selector))
    for link in heading.select("a.headerlink"):
        link.decompose()
    return heading.get_text()


ALLOWED_TAGS = {
    "div",
    "p",
    "span",
    "bdi",
    "a",
    "time",
    "section",
    "h2",
    "h3",
    "dl",
    "dt",
    "dd",
    "dfn",
    "ol",
    "ul",
    "li",
    "aside",
    "nav",
    "script",
}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(title=TEXT, heading=TEXT, paragraph=TEXT, label=TEXT, term=TEXT, definition=TEXT)
def test_any_text_reaches_the_page_literally(
    site: Site, title: str, heading: str, paragraph: str, label: str, term: str, definition: str
) -> None:
    view = site.localize(article(title, heading, paragraph, label, term, definition), "hi")
    meta, soup = to_html(render_article(site, view, ()))
    # No markup came from the text: only the tags the templates write, no event handlers.
    assert {el.name for el in soup.find_all(True)} <= ALLOWED_TAGS
    assert not [a for el in soup.find_all(True) for a in el.attrs if a.startswith("on")]
    [script] = soup.find_all("script")  # the JSON-LD, which no text can close
    assert script["type"] == "application/ld+json"
    assert "<" not in script.string
    # Front matter: Material prints these without escaping, so they are stored escaped.
    assert meta["title"] == html.escape(seen(title), quote=True)
    assert meta["description"] == html.escape(seen(paragraph), quote=True)
    # Every piece of text shows exactly as typed.
    assert seen(heading_text(soup, "h2#s2")) == seen(heading)
    # The table of contents (printed by the theme as HTML) holds the heading as escaped text.
    toc = meta["headings"][0]
    assert toc["id"] == "s2"
    assert "<" not in toc["title"]
    assert seen(BeautifulSoup(toc["title"], "html.parser").get_text()) == seen(heading)
    assert seen(soup.select_one("p#p-p").get_text()) == seen(paragraph)
    assert seen(soup.select_one("p#p-q").get_text()) == seen(term)
    assert seen(soup.select_one("#event-e .timeline__label").get_text()) == seen(label)
    assert seen(soup.select_one("#term-t dfn").get_text()) == seen(term)
    assert seen(soup.select_one("#term-t").find_next_sibling("dd").get_text()) == seen(definition)
    assert seen(soup.select_one("#fact-k dt").get_text()) == seen(label)
    assert seen(soup.select_one("#note-n p:not(.admonition-title):not(.editor-note__sources)").get_text()) == seen(definition)
    assert seen(soup.select_one("#source-s a").get_text()) == seen(label)
    # The glossary term's tooltip is the definition, whole, as an attribute value (CSS shows it as text).
    link = soup.select_one("a.glossary-link")
    if term.strip("\u200c\u200d\u2060\ufeff \t\n\r\f"):  # a term of joiners alone has nothing to find
        assert link is not None
        assert link.parent["data-definition"] == seen(definition)


TRAP = "<script>alert(\"x\")</script> 'quotes' & </dl>"


def build_hostile_site(dest: Path) -> Path:
    """A copy of the project whose seed article is full of hostile text, built for real; return the project."""
    project = copy_project(dest)
    folder = project / "articles" / "north-korea-russia-defence-treaty"
    for name in ("hi.yaml", "en.yaml"):
        data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
        data["title"] = TRAP
        data["summary"] = TRAP
        data["sections"][1]["heading"] = f"# {TRAP}"
        data["sections"][1]["paragraphs"][0]["text"] = f"- {TRAP}\n\n    code {TRAP}"
        data["sections"][1]["paragraphs"][0]["verbatim"] = ["code"]
        first_term = next(iter(data["glossary"]))
        data["glossary"][first_term]["definition"] = f'"><img src=x onerror=alert(1)> {TRAP}'
        (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    generator(project, "build")
    generator(project, "site")
    return project


def test_hostile_text_is_literal_in_the_real_site(tmp_path: Path) -> None:
    """Title, navigation, tooltips, metadata and search index of a real MkDocs build."""
    project = build_hostile_site(tmp_path / "p")
    page_file = project / "site" / "hi" / "north-korea-russia-defence-treaty" / "index.html"
    soup = BeautifulSoup(page_file.read_text(encoding="utf-8"), "html.parser")
    assert soup.title.get_text().startswith(TRAP)
    assert soup.select_one("article h1").get_text() == TRAP
    assert soup.select_one("meta[name=description]")["content"] == TRAP
    assert soup.select_one("h2#troops-in-russia").get_text().removesuffix("¶") == f"# {TRAP}"
    assert seen(soup.select_one("p#p-treaty-origins").get_text()).startswith(seen(f"- {TRAP} code"))
    assert not soup.select("img[onerror]")
    scripts = [s for s in soup.find_all("script") if not s.get("src") and s.get("type") != "application/ld+json"]
    assert all("alert" not in s.get_text() for s in scripts)
    import json

    structured = soup.select_one('script[type="application/ld+json"]').string
    assert "<" not in structured  # escaped as \u003c: no text can close the script element
    assert json.loads(structured)["@graph"][0]["headline"] == TRAP
    assert any(t["data-definition"].startswith('"><img src=x') for t in soup.select(".glossary-term"))
    home = BeautifulSoup((project / "site" / "hi" / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one("ul.explainer-list a").get_text() == TRAP

    # The search index (Pagefind fragments: gzip, a signature, then JSON) holds the text as typed;
    # tests/browser/test_hostile_search.py shows that the search page displays it as text.
    import gzip

    fragments = [
        json.loads(gzip.decompress(f.read_bytes()).removeprefix(b"pagefind_dcd"))
        for f in (project / "site" / "hi" / "pagefind" / "fragment").iterdir()
    ]
    [article] = [f for f in fragments if f["url"] == "/north-korea-russia-defence-treaty/"]
    assert article["meta"]["title"] == TRAP
