"""Browser fixtures: the built site served on 127.0.0.1, and one Chromium shared by the whole session."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from checks.server import serve

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
#: How long an expectation may take before it fails: the site is local, so anything slower is a failure.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site at http://127.0.0.1:<free port>, without a trailing slash (the server of `make check`)."""
    with serve(site_dir) as url:
        yield url


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Open a page in a fresh context (own storage, own viewport); every context is closed after the test."""
    contexts: list[BrowserContext] = []

    def open_page(viewport: dict[str, int] = DESKTOP) -> Page:
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page: Callable[..., Page]) -> Page:
    """A desktop page (1280×800)."""
    return new_page(DESKTOP)
