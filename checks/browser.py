"""Debian's Chromium driven by Playwright for Python, and what the browser checks do with a page."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager, suppress

from playwright.sync_api import Browser, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from .tools import chromium

#: As tests/browser/conftest.py: no background requests of Chromium's own (they are not the site's).
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"]
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 15_000
SCHEMES = ("light", "dark")


@contextmanager
def launch() -> Iterator[Browser]:
    """One headless Chromium for a run of checks."""
    executable = chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def scheme_state(page: Page) -> dict[str, object]:
    """The colour scheme the page shows: Material's body attribute and the computed background."""
    return page.evaluate(
        """() => {
            const body = document.body;
            const bg = getComputedStyle(body).backgroundColor;
            const nums = (bg.match(/[\\d.]+/g) || ["255", "255", "255"]).slice(0, 3).map(Number);
            const lum = nums.map(c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
            return {
                scheme: body.getAttribute("data-md-color-scheme"),
                palette: document.querySelectorAll("[data-md-color-media]").length,
                background: bg,
                luminance: 0.2126 * lum[0] + 0.7152 * lum[1] + 0.0722 * lum[2],
            };
        }"""
    )


#: Pagefind's search UI has listed results (its "no result" message has no common form across languages).
SEARCH_ANSWERED_JS = "() => document.querySelector('.pagefind-ui__result')"


def wait_for_search(page: Page) -> int:
    """Wait until the search page (Pagefind UI, query from the address) lists results; return how many (0: none in time)."""
    with suppress(PlaywrightTimeout):
        page.wait_for_function(SEARCH_ANSWERED_JS)
    settle(page)
    return page.locator(".pagefind-ui__result").count()


def render_everything(page: Page) -> None:
    """Render all of the page before checking it: blocks that skip rendering while off screen
    (`content-visibility: auto`) are shown, and the page is scrolled to its end and back (lazy content)."""
    page.add_style_tag(content="* { content-visibility: visible !important; }")
    page.evaluate("() => { window.scrollTo(0, document.documentElement.scrollHeight); window.scrollTo(0, 0); }")
    settle(page)


def settle(page: Page) -> None:
    """Wait until no CSS transition or animation runs (a colour caught mid-transition is no colour)."""
    page.evaluate("() => document.fonts.ready.then(() => undefined)")
    with suppress(PlaywrightTimeout):  # an endless animation: check the page as it is
        page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')", timeout=3_000)
