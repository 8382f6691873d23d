"""What a reader sees in a real browser: language menu, glossary tooltips, search, phone layout, keyboard, privacy.

The site is the one `tests/conftest.py` builds with `mkdocs build --strict`, served on 127.0.0.1 (see conftest.py here).
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from .conftest import DESKTOP, PHONE

SLUG = "north-korea-russia-defence-treaty"
LOCALES = ("hi", "en")
SCREENSHOTS = Path(__file__).resolve().parents[2] / ".build" / "screenshots"
DEVANAGARI = re.compile(r"[\u0900-\u097F]")
LATIN = re.compile(r"[A-Za-z]")
ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
T = TypeVar("T")


def article_url(base_url: str, locale: str) -> str:
    return f"{base_url}/{locale}/{SLUG}/"


def text_of(locator: Locator) -> str:
    return " ".join(locator.inner_text().split())


def eventually(look: Callable[[], T], done: Callable[[T], bool], timeout: float = 2.0) -> T:
    """Look until done says so (CSS transitions, smooth scrolling) or timeout; return the last look."""
    deadline = time.monotonic() + timeout
    while True:
        seen = look()
        if done(seen) or time.monotonic() > deadline:
            return seen
        time.sleep(0.05)


def switch_language(page: Page, lang: str) -> None:
    """Open the header language menu as a mouse user does (hover) and pick a language."""
    menu = page.locator(".md-header .md-select")
    menu.hover()
    link = menu.locator(f"a.md-select__link[hreflang='{lang}']")
    expect(link).to_be_visible()
    link.click()


def tooltip_of(link: Locator) -> str:
    """The definition shown next to a glossary link: its term's ::after, drawn as text from data-definition."""
    term = link.locator("xpath=..")
    shown = eventually(
        lambda: term.evaluate("e => [getComputedStyle(e, '::after').visibility, getComputedStyle(e, '::after').opacity]"),
        lambda v: v == ["visible", "1"],
    )
    assert shown == ["visible", "1"], f"no definition is shown next to the glossary link ({shown})"
    described = link.get_attribute("aria-describedby")
    assert described and link.page.locator(f"[id='{described}']").count() == 1, "the link has no accessible description"
    return " ".join((term.get_attribute("data-definition") or "").split())


def definition_in_glossary(page: Page, term_id: str) -> str:
    """The definition the article's own glossary gives for a term (its <dd>, sources included).

    Its text, not its rendering: the glossary is laid out only when the reader comes near it
    (content-visibility: auto), and a block not laid out has no rendered text."""
    text = page.locator(f"dl.glossary dt[id='{term_id}'] + dd").text_content() or ""
    return " ".join(text.split())


def tab_until(page: Page, is_target_js: str, limit: int = 150) -> None:
    """Press Tab (from where focus is) until is_target_js, a JavaScript predicate on the focused element, holds."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"() => document.activeElement && ({is_target_js})(document.activeElement)"):
            return
    pytest.fail(f"{limit} Tab presses never reached the element matching {is_target_js}")


# --- 1. language menu ------------------------------------------------------------------------------------


def test_the_language_menu_takes_the_reader_from_the_hindi_article_to_the_english_one_and_back(page: Page, base_url: str) -> None:
    page.goto(article_url(base_url, "hi"))
    hindi_title = text_of(page.locator("article h1"))
    assert DEVANAGARI.search(hindi_title), f"the Hindi article's title is not in Devanagari: {hindi_title!r}"

    switch_language(page, "en")
    expect(page).to_have_url(article_url(base_url, "en"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    english_title = text_of(page.locator("article h1"))
    assert LATIN.search(english_title), f"the English article's title has no Latin letters: {english_title!r}"
    assert not DEVANAGARI.search(english_title), f"the English article's title is in Devanagari: {english_title!r}"
    expect(page.locator(".md-select a.md-select__link[aria-current='page']")).to_have_attribute("hreflang", "en")

    switch_language(page, "hi")
    expect(page).to_have_url(article_url(base_url, "hi"))
    expect(page.locator("html")).to_have_attribute("lang", "hi")
    expect(page.locator("article h1")).to_have_text(hindi_title)
    expect(page.locator(".md-select a.md-select__link[aria-current='page']")).to_have_attribute("hreflang", "hi")


# --- 2. glossary terms in the body ---------------------------------------------------------------------------

TREATY_LINK = "article a.glossary-link[href='#term-treaty']"


def test_hovering_a_glossary_term_in_the_hindi_body_shows_its_definition(page: Page, base_url: str) -> None:
    page.goto(article_url(base_url, "hi"))
    link = page.locator(TREATY_LINK).first
    expect(link).to_have_text("संधि")
    definition = definition_in_glossary(page, "term-treaty")

    link.hover()
    shown = tooltip_of(link)
    assert "कानूनी रूप से बाध्यकारी" in shown, f"the tooltip does not show the definition of संधि: {shown!r}"
    assert definition.startswith(shown), f"the tooltip {shown!r} is not the glossary's definition {definition!r}"


def test_focusing_a_glossary_term_in_the_hindi_body_with_the_keyboard_shows_its_definition(page: Page, base_url: str) -> None:
    page.goto(article_url(base_url, "hi"))
    definition = definition_in_glossary(page, "term-treaty")

    tab_until(page, "e => e.matches(\"a.glossary-link[href='#term-treaty']\")")
    link = page.locator("a.glossary-link[href='#term-treaty']:focus")
    expect(link).to_be_focused()
    shown = tooltip_of(link)
    assert shown, "the tooltip shown on keyboard focus is empty"
    assert definition.startswith(shown), f"the tooltip {shown!r} is not the glossary's definition {definition!r}"


def test_following_a_glossary_term_brings_the_reader_to_its_entry_in_the_glossary(page: Page, base_url: str) -> None:
    page.goto(article_url(base_url, "hi"))
    page.locator(TREATY_LINK).first.click()

    expect(page).to_have_url(re.compile(r"#term-treaty$"))
    entry = page.locator("dl.glossary dt#term-treaty")
    expect(entry).to_contain_text("संधि")
    expect(entry).to_be_in_viewport()
    assert entry.evaluate("e => e.matches(':target')"), "the glossary entry is not the :target of the page"
    # Visible means below the sticky header, not under it (Material scrolls smoothly: allow it to arrive).
    placement = eventually(
        lambda: page.evaluate(
            """() => {
                const entry = document.getElementById('term-treaty').getBoundingClientRect();
                const header = document.querySelector('.md-header').getBoundingClientRect();
                return {entryTop: entry.top, headerBottom: header.bottom, windowHeight: window.innerHeight,
                        visible: entry.top >= header.bottom - 1 && entry.bottom <= window.innerHeight};
            }"""
        ),
        lambda placement: placement["visible"],
    )
    assert placement["visible"], f"the glossary entry for संधि is hidden under the header or below the window: {placement}"


# --- 3. search ------------------------------------------------------------------------------------------------


def search(page: Page, query: str) -> list[str]:
    """Open the search page from the header, type the query as a reader does, return the result links."""
    page.locator("a.explainer-search-link").click()
    page.wait_for_url("**/search/")
    box = page.locator("input.pagefind-ui__search-input")
    box.click()
    box.press_sequentially(query)
    # Pagefind answers with results or with a message ("No results for …"); either way, the message appears.
    expect(page.locator(".pagefind-ui__message")).to_be_visible(timeout=15_000)
    return page.locator(".pagefind-ui__result-link").evaluate_all("links => links.map(a => a.href)")


@pytest.mark.parametrize(("locale", "query"), [("hi", "संधि"), ("en", "treaty")], ids=["hi-sandhi", "en-treaty"])
def test_searching_in_the_readers_language_lists_the_article(page: Page, base_url: str, locale: str, query: str) -> None:
    page.goto(f"{base_url}/{locale}/")
    results = search(page, query)
    expect(page.locator(".pagefind-ui__result").first).to_be_visible()
    paths = [urlsplit(href).path for href in results]
    assert f"/{locale}/{SLUG}/" in paths, f"searching {query!r} on /{locale}/ does not list the article; results: {paths}"


def test_searching_treaty_on_the_hindi_site_lists_no_english_page(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/hi/")
    results = search(page, "treaty")
    english = [href for href in results if urlsplit(href).path.startswith("/en/")]
    assert not english, f"the Hindi site's search lists English pages: {english}"
    assert all(urlsplit(href).path.startswith("/hi/") for href in results), f"results outside /hi/: {results}"


# --- 4. phone layout ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", LOCALES)
def test_on_a_phone_the_timeline_is_visible_in_date_order_and_the_page_does_not_scroll_sideways(
    new_page: Callable[..., Page], base_url: str, locale: str
) -> None:
    page = new_page(PHONE)
    page.goto(article_url(base_url, locale))

    timeline = page.locator("article ol.timeline")
    # The block is laid out when the reader comes near it (content-visibility: auto), and its real height
    # replaces the placeholder's: scroll to it, let it render, then scroll to where it really is.
    timeline.scroll_into_view_if_needed()
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    timeline.evaluate("e => e.scrollIntoView({block: 'start'})")
    expect(timeline).to_be_visible()
    expect(timeline).to_be_in_viewport()
    events = timeline.locator(":scope > li")
    dates = timeline.locator(":scope > li .timeline__when time[datetime]").evaluate_all("ts => ts.map(t => t.getAttribute('datetime'))")
    assert len(dates) == events.count() > 1, f"expected one <time datetime> per timeline event, got {dates}"
    assert all(ISO_DATE.fullmatch(d) for d in dates), f"timeline dates not in ISO 8601: {dates}"
    assert dates == sorted(dates), f"the timeline is not in date order: {dates}"

    widths = page.evaluate(
        """() => ({
            scrollWidth: document.documentElement.scrollWidth,
            innerWidth: window.innerWidth,
            overflowing: [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5 && e.getClientRects().length)
                .slice(0, 5)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string'
                    ? '.' + e.className.trim().split(/\\s+/).join('.') : '')),
        })"""
    )
    assert widths["scrollWidth"] <= widths["innerWidth"], f"the page scrolls sideways on a {PHONE['width']}px phone: {widths}"


# --- 5. keyboard ----------------------------------------------------------------------------------------------

#: What a keyboard user must reach: the language menu's links, the search link, every glossary link in the article.
KEYBOARD_TARGETS = ".md-header .md-select a.md-select__link, .md-header a.explainer-search-link, article a.glossary-link"
#: Names an element if it is one of KEYBOARD_TARGETS, else null.
TARGET_NAME_JS = """e => {
    if (!e) return null;
    if (e.matches('.md-header .md-select a.md-select__link')) return 'language menu: ' + e.textContent.trim();
    if (e.matches('.md-header a.explainer-search-link')) return 'search';
    const i = [...document.querySelectorAll('article a.glossary-link')].indexOf(e);
    return i < 0 ? null : `glossary link #${i + 1} "${e.textContent.trim()}" (${e.getAttribute('href')})`;
}"""
#: Each target's name and colours before anything has focus.
UNFOCUSED_JS = f"""() => [...document.querySelectorAll({KEYBOARD_TARGETS!r})].map(e => {{
    const s = getComputedStyle(e);
    return [({TARGET_NAME_JS})(e), {{color: s.color, backgroundColor: s.backgroundColor}}];
}})"""
FOCUSED_NAME_JS = f"() => ({TARGET_NAME_JS})(document.activeElement)"
#: True while a CSS transition or animation is still changing the focused element or one of its ancestors.
FOCUS_MOVING_JS = """() => {
    const e = document.activeElement;
    return document.getAnimations().some(a => a.playState === 'running' && a.effect?.target?.contains(e));
}"""
#: How the focused element shows its focus: an outline or a box shadow; failing those, a change of text or
#: background colour from its unfocused look (how Material marks the language menu's links and the search box).
FOCUS_INDICATOR_JS = """unfocused => {
    const e = document.activeElement, s = getComputedStyle(e);
    const shown = e.checkVisibility({opacityProperty: true, visibilityProperty: true})
        && getComputedStyle(e.closest('.md-select__inner') || e).opacity === '1';
    const indicator = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0 ? `outline ${s.outlineStyle} ${s.outlineWidth}`
        : s.boxShadow !== 'none' ? `box-shadow ${s.boxShadow}`
        : s.color !== unfocused.color || s.backgroundColor !== unfocused.backgroundColor
            ? `colours ${unfocused.color} on ${unfocused.backgroundColor} -> ${s.color} on ${s.backgroundColor}`
        : null;
    return {shown, indicator};
}"""


def focus_indicator(page: Page, unfocused: dict[str, str]) -> dict:
    """How the focused element shows its focus, once settled: Material opens the menu and the search box from
    script, then fades them in and recolours them, so a colour change only counts once no transition is running."""

    def settled(seen: dict) -> bool:
        if not (seen["shown"] and seen["indicator"]):
            return False
        return not seen["indicator"].startswith("colours") or not page.evaluate(FOCUS_MOVING_JS)

    return eventually(lambda: page.evaluate(FOCUS_INDICATOR_JS, unfocused), settled)


@pytest.mark.parametrize("locale", LOCALES)
def test_the_keyboard_alone_reaches_the_language_menu_search_and_every_glossary_link_with_visible_focus(
    page: Page, base_url: str, locale: str
) -> None:
    page.goto(article_url(base_url, locale))
    unfocused = dict(page.evaluate(UNFOCUSED_JS))
    assert any(t.startswith("language menu") for t in unfocused), "the page has no language menu"
    assert "search" in unfocused, "the page has no search box"
    assert any(t.startswith("glossary link") for t in unfocused), "the article has no glossary links"

    reached: dict[str, dict] = {}
    for _ in range(len(unfocused) + 150):
        page.keyboard.press("Tab")
        target = page.evaluate(FOCUSED_NAME_JS)
        if target is not None and target not in reached:
            reached[target] = focus_indicator(page, unfocused[target])
            if len(reached) == len(unfocused):
                break

    missed = [t for t in unfocused if t not in reached]
    assert not missed, f"Tab never reaches: {missed}"
    unseen = {t: seen for t, seen in reached.items() if not (seen["shown"] and seen["indicator"])}
    assert not unseen, f"focused but with no visible focus indicator: {unseen}"


# --- 6. privacy: nothing but our own server -------------------------------------------------------------------

PAGES = {
    "home": "",
    "article": f"{SLUG}/",
    "glossary": "glossary/",
    "404": "404.html",
}


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("locale", LOCALES)
def test_loading_a_page_requests_nothing_from_other_hosts(page: Page, base_url: str, locale: str, kind: str) -> None:
    requested: list[str] = []
    failed: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: failed.extend([f"{response.status} {response.url}"] if response.status >= 400 else []))
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}"))

    page.goto(f"{base_url}/{locale}/{PAGES[kind]}", wait_until="networkidle")

    local = urlsplit(base_url).netloc
    elsewhere = [url for url in requested if urlsplit(url).scheme in ("http", "https", "ws", "wss") and urlsplit(url).netloc != local]
    assert requested, "the browser recorded no request at all"
    assert not elsewhere, f"/{locale}/{PAGES[kind]} makes the reader's browser contact other hosts: {elsewhere}"
    assert not failed, f"/{locale}/{PAGES[kind]} has requests that failed: {failed}"


# --- 7. screenshots for review --------------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["desktop", "phone"])
@pytest.mark.parametrize("locale", LOCALES)
def test_a_full_page_screenshot_of_the_article_is_saved_for_review(
    new_page: Callable[..., Page], base_url: str, locale: str, device: str
) -> None:
    viewport = {"desktop": DESKTOP, "phone": PHONE}[device]
    page = new_page(viewport)
    page.goto(article_url(base_url, locale), wait_until="networkidle")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"article-{locale}-{device}.png"
    path.unlink(missing_ok=True)

    page.screenshot(path=path, full_page=True)

    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE), f"{path} is not a PNG"
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
    assert width == viewport["width"], f"{path} is {width}px wide, not the {viewport['width']}px of a {device}"
    assert height > viewport["height"], f"{path} is {height}px tall: not the full article"
