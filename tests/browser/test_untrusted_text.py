"""Untrusted text stays text in a real browser: hovering, focusing and clicking create no element from it.

A project whose every text (article data and a hostile copy of the interface catalogs) carries markup is
built for real; in headless Chromium a reader hovers and focuses every glossary term and every element
with a title or tooltip, opens the language menu, filters the timeline and searches. A MutationObserver
records every element added to the page meanwhile: none may come from that text, and no dialog may open.
(Material's `content.tooltips` put a link's title into its tooltip as HTML: the <img> below ran its script.)
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po, write_po
from playwright.sync_api import Browser, Page, expect

from checks.server import serve

from ..conftest import copy_project, generator, run

#: Markup a reader must see as characters. Its elements are recognisable: `img[src=x]` and `.pwned`.
PAYLOAD = '"><img src=x onerror="alert(document.title)"><b class="pwned">pwned</b>'
#: Elements the payload would create if any of it were read as HTML.
FROM_PAYLOAD = "img[src='x'], .pwned, [onerror]"
SLUGS = ("chandrayaan-3-moon-landing", "north-korea-russia-defence-treaty")


def _hostile(value: str | None) -> str | None:
    return f"{value} {PAYLOAD}" if value else value


def _hostile_text(data: dict) -> None:
    """Every text of a locale file but the terms and their forms (so that the terms are still linked)."""
    data["title"] = _hostile(data["title"])
    data["summary"] = _hostile(data.get("summary"))
    for section in data["sections"]:
        if section.get("heading"):
            section["heading"] = _hostile(section["heading"])
    for event in data.get("timeline", {}).values():
        event["label"] = _hostile(event.get("label"))
        event["description"] = _hostile(event.get("description"))
    for term in data.get("glossary", {}).values():
        term["definition"] = _hostile(term.get("definition"))
        if term.get("transliteration"):
            term["transliteration"] = _hostile(term["transliteration"])
    for group in ("key_facts",):
        for fact in data.get(group, {}).values():
            fact["label"] = _hostile(fact.get("label"))
    for group in ("notes", "claims"):
        for item in data.get(group, {}).values():
            item["text"] = _hostile(item.get("text"))
    data.pop("fingerprints", None)


def _hostile_catalog(po: Path) -> None:
    """Every interface string of a catalog, with the payload after it (placeholders kept)."""
    with po.open("rb") as f:
        catalog = read_po(f)
    for message in catalog:
        if not message.id:
            continue
        if isinstance(message.id, tuple):
            message.string = tuple(f"{s or i} {PAYLOAD}" for s, i in zip(message.string, (message.id[0], message.id[1]), strict=False))
        else:
            message.string = f"{message.string or message.id} {PAYLOAD}"
        message.flags.discard("fuzzy")
    with po.open("wb") as f:
        write_po(f, catalog)


def build_hostile_project(dest: Path) -> Path:
    project = copy_project(dest)
    for slug in SLUGS:
        folder = project / "articles" / slug
        article = yaml.safe_load((folder / "article.yaml").read_text(encoding="utf-8"))
        for source in article["sources"]:
            source["publisher"] = _hostile(source["publisher"])
            source["title"] = _hostile(source["title"])
        (folder / "article.yaml").write_text(yaml.safe_dump(article, allow_unicode=True, sort_keys=False), encoding="utf-8")
        for name in ("hi.yaml", "en.yaml"):
            data = yaml.safe_load((folder / name).read_text(encoding="utf-8"))
            _hostile_text(data)
            (folder / name).write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    for po in (project / "locales").glob("*/LC_MESSAGES/messages.po"):
        _hostile_catalog(po)
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], project)
    generator(project, "build")
    generator(project, "site")
    return project


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = build_hostile_project(tmp_path_factory.mktemp("untrusted") / "p")
    with serve(project / "site") as url:
        yield url


#: Records every element added to the document from now on (Material's tooltips are added on hover).
WATCH = """() => {
  window.__added = [];
  new MutationObserver(records => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== Node.ELEMENT_NODE) continue;
      window.__added.push({
        tag: n.tagName.toLowerCase(),
        html: n.outerHTML.slice(0, 300),
        fromText: n.matches(FROM) || n.querySelector(FROM) !== null,
      });
    }
  }).observe(document, {childList: true, subtree: true});
}""".replace("FROM", repr(FROM_PAYLOAD))

#: Everything a reader can hover or focus that has a tooltip or a title.
TARGETS = "a.glossary-link, .glossary-term, [title], abbr, .md-ellipsis, [aria-describedby]"


def open_watched(page: Page, url: str) -> list[str]:
    """Open url with dialogs recorded, check the parsed page, then watch for added elements."""
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(url)
    page.wait_for_load_state("load")
    assert page.locator(FROM_PAYLOAD).count() == 0, f"{url}: the payload is markup in the page as served"
    page.evaluate(WATCH)
    return dialogs


def hover_and_focus_everything(page: Page) -> int:
    """Hover, then focus, every target that is shown; return how many were visited."""
    count = 0
    targets = page.locator(TARGETS)
    for i in range(targets.count()):
        target = targets.nth(i)
        if not target.is_visible():
            continue
        target.scroll_into_view_if_needed()
        # The pointer moves onto it (the header may cover it: then it gets the events a pointer would send).
        target.hover(force=True)
        target.dispatch_event("mouseover")
        target.dispatch_event("mouseenter")
        page.wait_for_timeout(30)
        target.evaluate("e => e.focus()")
        page.keyboard.press("Shift")  # a key press makes the focus keyboard focus (:focus-visible)
        count += 1
    page.mouse.move(0, 0)
    page.wait_for_timeout(400)  # Material removes or shows its tooltips after 250 ms
    return count


def assert_nothing_from_text(page: Page, dialogs: list[str], where: str) -> None:
    added = page.evaluate("() => window.__added")
    from_text = [a["html"] for a in added if a["fromText"]]
    assert from_text == [], f"{where}: elements were created from text: {from_text}"
    assert page.locator(FROM_PAYLOAD).count() == 0, f"{where}: the payload became markup"
    assert dialogs == [], f"{where}: a script from the text opened a dialog: {dialogs}"


@pytest.mark.parametrize("locale", ["en", "hi"])
@pytest.mark.parametrize("slug", SLUGS)
def test_hovering_and_focusing_an_article_creates_nothing_from_its_text(browser: Browser, hostile_url: str, locale: str, slug: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        url = f"{hostile_url}/{locale}/{slug}/"
        dialogs = open_watched(page, url)
        links = page.locator("article a.glossary-link")
        assert links.count() >= 3, "the hostile article has no glossary links to hover"
        visited = hover_and_focus_everything(page)
        assert visited >= links.count()
        assert_nothing_from_text(page, dialogs, url)
        # The definition is shown, as the characters typed, on hover and on keyboard focus.
        term = page.locator("article .glossary-term").first
        term.scroll_into_view_if_needed()
        term.hover()
        shown = term.evaluate("e => getComputedStyle(e, '::after').visibility")
        assert shown == "visible", "hovering a glossary term shows no definition"
        definition = term.get_attribute("data-definition")
        assert definition is not None and definition.endswith(PAYLOAD)
        css_string = '"' + definition.replace("\\", "\\\\").replace('"', '\\"') + '"'
        assert term.evaluate("e => getComputedStyle(e, '::after').content") == css_string  # the characters, as text
        page.mouse.move(0, 0)
        page.wait_for_timeout(400)
        assert term.evaluate("e => getComputedStyle(e, '::after').visibility") == "hidden"
        term.locator("a").focus()
        page.keyboard.press("Shift")
        assert term.evaluate("e => getComputedStyle(e, '::after').visibility") == "visible", "keyboard focus shows no definition"
    finally:
        page.close()


@pytest.mark.parametrize("locale", ["en", "hi"])
@pytest.mark.parametrize("path", ["", "glossary/", "timeline/", "writing/", "404.html"])
def test_the_list_pages_and_the_404_page_create_nothing_from_text(browser: Browser, hostile_url: str, locale: str, path: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        url = f"{hostile_url}/{locale}/{path}"
        dialogs = open_watched(page, url)
        hover_and_focus_everything(page)
        # The language menu, opened as a mouse user does.
        page.locator(".md-header .md-select").hover()
        expect(page.locator(".md-select a.md-select__link").first).to_be_visible()
        # The timeline filter (CSS :target, no script): every group in turn.
        for link in page.locator("nav.timeline-filter a").all():
            link.click()
        assert_nothing_from_text(page, dialogs, url)
    finally:
        page.close()


@pytest.mark.parametrize("locale", ["en", "hi"])
def test_search_results_create_nothing_from_text(browser: Browser, hostile_url: str, locale: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    try:
        url = f"{hostile_url}/{locale}/search/"
        dialogs = open_watched(page, url)
        page.goto(f"{url}?q=pwned")
        page.evaluate(WATCH)
        expect(page.locator(".pagefind-ui__result-title").first).to_contain_text("pwned", timeout=15_000)
        hover_and_focus_everything(page)
        for result in page.locator(".pagefind-ui__result-link").all():
            result.hover()
        assert_nothing_from_text(page, dialogs, url)
    finally:
        page.close()
