"""Untrusted text reaches the page as the literal text typed: never as HTML or Markdown, anywhere."""

from __future__ import annotations

import copy
import html
import os
import re
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from xml.etree import ElementTree

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.build import make_site, render_all
from generator.config import load_project
from generator.errors import DataError
from generator.gather import load_articles
from generator.model import Article, ArticleFile, LocaleFile
from generator.render.article import render_article
from generator.render.page import Site

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
            "published": "2024-11-20T10:00:00+05:30",
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


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
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


# --- every date and number field, through validation and rendering: an error or pages, never a traceback ----

FUZZ_ARTICLE = """\
slug: fuzz
original: hi
published: {published}
updated: {updated}
sources:
  - id: s
    title: t
    publisher: p
    url: https://example.org/a
    date: {source_date}
    language: en
timeline:
  - id: e
    date: {date}
    end: {end}
    alternatives: [{{date: {alternative}, sources: [s]}}]
    sources: [s]
key_facts:
  - {{id: d, date: {fact_date}, sources: [s]}}
  - {{id: n, number: {number}, approximate: {approximate}, sources: [s]}}
  - {{id: v, event: e, sources: [s]}}
notes:
  - {{id: c, kind: correction, date: {note_date}, paragraph: p, sources: [s]}}
"""
FUZZ_TEXT = """\
title: T
summary: S
sections:
  - id: lead
    paragraphs:
      - {id: p, text: P}
timeline:
  e: {label: L, description: D}
key_facts:
  d: {label: A}
  n: {label: B}
  v: {label: C}
notes:
  c: {text: N}
"""
DATE_VALUES = st.one_of(
    st.from_regex(r"\A[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?\Z").map(lambda d: f'"{d}"'),
    st.sampled_from(['"0000"', '"0000-05-01"', '"0001-01-01"', '"9999-12-31"', '"9999"', '"2024-02-30"', '"2024-00"', '"2000-02-29"']),
    st.sampled_from(['"2024-11"', '"2024-11-20"', '"2019"', "", "null", "true", "[]", "{a: 1}", "2008", "09", "-1", '"24-1-1"']),
    st.text(alphabet="0123456789-", max_size=12),
)
#: Publication date-times: the valid kind, with every zone and the calendar's edges, and what an editor might write instead.
TIMESTAMP_VALUES = st.one_of(
    st.builds(
        lambda day, time, zone: f'"{day}T{time}{zone}"',
        st.from_regex(r"\A[0-9]{4}-[0-9]{2}-[0-9]{2}\Z"),
        st.from_regex(r"\A[0-9]{2}:[0-9]{2}(?::[0-9]{2})?\Z"),
        st.sampled_from(["Z", "+05:30", "-12:00", "+14:00", "+14:01", "+24:00", "-99:99", ""]),
    ),
    st.sampled_from(['"0001-01-01T00:00:00+05:30"', '"0001-01-01T00:00:00Z"', '"9999-12-31T23:59:59-12:00"', '"9999-12-31T23:59:59Z"']),
    st.sampled_from(['"2024-11-12T10:00:00+05:30"', '"2024-11-12 10:00"', '"2024-11-12T10:00:00.5Z"', "2024-11-12T10:00:00+05:30"]),
    DATE_VALUES,
)
NUMBER_VALUES = st.one_of(
    st.integers(-(10**16), 10**16).map(str),
    st.sampled_from([str(10**15), str(-(10**15)), str(10**15 + 1), "0", "-0", "+7", "007", "09", "1" + "0" * 5000, '"11,000"']),
    st.sampled_from(["1.5", "1e9", "null", "true", "", "0x1f", "1_000"]),
    st.text(alphabet="0123456789", min_size=1, max_size=120),
)
PROBLEM = re.compile(r"^articles/fuzz/(article|hi|en)\.yaml:[1-9][0-9]*:[1-9][0-9]*: \S")


@pytest.fixture(scope="module")
def fuzz_project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Site]:
    """A project with one article folder (rewritten by each example) and its catalogs."""
    project = copy_project(tmp_path_factory.mktemp("fuzz") / "p")
    shutil.rmtree(project / "articles")
    (project / "articles" / "fuzz").mkdir(parents=True)
    for name in ("hi.yaml", "en.yaml"):
        (project / "articles" / "fuzz" / name).write_text(FUZZ_TEXT, encoding="utf-8")
    return project, make_site(load_project(project))


def build_in_process(project: Path, site: Site, values: dict[str, str]) -> dict[str, bytes] | list[str]:
    """Validate and render the fuzz article: its pages, or its problems as the CLI prints them."""
    (project / "articles" / "fuzz" / "article.yaml").write_text(FUZZ_ARTICLE.format(**values), encoding="utf-8")
    try:
        articles = load_articles(site.project)
    except DataError as exc:
        return [str(p) for p in exc.problems]
    return render_all(Site(site.project, site.l10n), articles, workers=1)


@settings(deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(
    published=TIMESTAMP_VALUES,
    updated=TIMESTAMP_VALUES,
    source_date=DATE_VALUES,
    date=DATE_VALUES,
    end=DATE_VALUES,
    alternative=DATE_VALUES,
    fact_date=DATE_VALUES,
    note_date=DATE_VALUES,
    number=NUMBER_VALUES,
    approximate=st.sampled_from(["true", "false"]),
)
def test_any_date_or_number_is_an_error_or_a_page(fuzz_project: tuple[Path, Site], **values: str) -> None:
    result = build_in_process(*fuzz_project, values)
    if isinstance(result, list):
        assert result
        assert all(PROBLEM.match(p) for p in result), result
        return
    for path, data in result.items():
        if path.endswith((".woff2", ".jpg", ".png", ".avif", ".webp")):
            continue  # fonts and images are bytes, not text (a valid example renders the language-name faces too)
        text = data.decode("utf-8")
        if path.endswith(".xml"):
            ElementTree.fromstring(data)  # feed and sitemap stay well-formed XML
        assert "Traceback" not in text


def test_the_extreme_dates_and_numbers_render_in_every_locale(fuzz_project: tuple[Path, Site]) -> None:
    values = {
        "published": '"0001-01-01T00:00:00Z"',
        "updated": '"0001-01-02T00:00:00+05:30"',
        "source_date": '"9999-12-31"',
        "date": '"0001-01-01"',
        "end": '"9999-12-31"',
        "alternative": '"9999"',
        "fact_date": '"9999-12"',
        "note_date": '"0001-12-31"',
        "number": str(-(10**15)),
        "approximate": "true",
    }
    pages = build_in_process(*fuzz_project, values)
    assert isinstance(pages, dict), pages
    assert "-1,00,00,00,00,00,00,000" in pages["hi/fuzz.md"].decode("utf-8")
    assert "-1,00,00,00,00,00,00,000" in pages["en/fuzz.md"].decode("utf-8")  # English in Indian formats (formats: en-IN)


def test_key_fact_numbers_and_dates_format_in_every_babel_locale() -> None:
    """Every locale a translator could add formats the limits of the model."""
    from babel.localedata import locale_identifiers

    from generator.dates import PartialDate
    from generator.l10n import format_number, format_partial_date
    from generator.model import MAX_NUMBER

    dates = [PartialDate.parse(d) for d in ("0001", "0001-01", "0001-01-01", "9999", "9999-12", "9999-12-31")]
    for code in locale_identifiers():
        for number in (MAX_NUMBER, -MAX_NUMBER, 0):
            assert format_number(number, code)
        for value in dates:
            assert format_partial_date(value, code)


# --- issue 18, item 14: a read-only folder in docs/ or site/ --------------------------------------------------


@contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder whose entries cannot be deleted, as for any user: root ignores permissions, so it gets the immutable flag."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
    try:
        yield
    finally:
        if os.geteuid() == 0:
            for path in [folder, *folder.parent.parent.rglob(folder.name)]:
                subprocess.run(["chattr", "-i", str(path)], check=False, capture_output=True)
        else:
            for path in [folder, *folder.parent.parent.rglob(folder.name)]:
                path.chmod(0o755)


def test_a_read_only_folder_in_docs_is_replaced_then_reported_once_and_never_blocks_a_build(tmp_path: Path) -> None:
    from .test_concurrent_builds import edit

    project = copy_project(tmp_path / "p")
    generator(project, "build")
    locked = project / "docs" / "hi"
    with read_only(locked):
        edit(project, 1)
        first = generator(project, "build", check=False)
        assert first.returncode == 0, first.stderr
        assert "unchanged" not in first.stderr and "Traceback" not in first.stderr
        assert "docs/ was replaced, but its previous version could not be deleted (Operation not permitted" in first.stderr or (
            "docs/ was replaced, but its previous version could not be deleted (Permission denied" in first.stderr
        ), first.stderr
        assert "India landed (1)" in (project / "docs" / "en" / "chandrayaan-3-moon-landing.md").read_text(encoding="utf-8")
        assert not (project / "docs.old").exists() and not (project / "docs.new").exists()
        edit(project, 2)
        second = generator(project, "build", check=False)
        assert second.returncode == 0, second.stderr
        assert "India landed (2)" in (project / "docs" / "en" / "chandrayaan-3-moon-landing.md").read_text(encoding="utf-8")
        assert "Permission denied" not in second.stderr and "Operation not permitted" not in second.stderr, second.stderr
        assert not (project / "docs.old").exists()


def test_a_swap_that_cannot_delete_the_old_site_keeps_the_new_one_and_says_so(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    from generator.write import swap

    site, stage = tmp_path / "site", tmp_path / "site.new"
    (site / "hi").mkdir(parents=True)
    (site / "hi" / "index.html").write_text("old", encoding="utf-8")
    (stage / "hi").mkdir(parents=True)
    (stage / "hi" / "index.html").write_text("new", encoding="utf-8")
    with read_only(site / "hi"):
        swap(stage, site)
        assert (site / "hi" / "index.html").read_text(encoding="utf-8") == "new"
        assert not (tmp_path / "site.old").exists()
        [trash] = (tmp_path / ".build" / "trash").iterdir()
        assert "site/ was replaced, but its previous version could not be deleted" in caplog.text
        assert f"it was moved to .build/trash/{trash.name}" in caplog.text
