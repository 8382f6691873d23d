"""Offline: while every page of the site loads, the browser asks no host but the local server.

Every page, and each locale's search page answering a query (which loads Pagefind's index), is
loaded in Chromium, laid out in full and scrolled to its end, until no request has been in flight for
half a second. Every request of the browser context (pages, frames, workers) goes through a `Watch`:
requests to the local server go on, any other is recorded and aborted, so the check itself never
reaches the network.

`axe.run(..., offline=...)` watches its own page loads the same way: `make check` and the tests load
each page once for both checks.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, Route

from . import Finding
from .browser import DESKTOP, TIMEOUT_MS, launch, render_everything, wait_for_search
from .pages import SitePage, discover, searches
from .server import serve

LOCAL_SCHEMES = {"data", "blob", "about"}


class Watch:
    """Every request of a browser context: foreign ones are recorded and aborted; in-flight ones counted."""

    def __init__(self, context: BrowserContext, base_url: str) -> None:
        self.local = urlsplit(base_url).netloc
        self.foreign: list[str] = []
        self.pending: set[Request] = set()
        # Lambdas: Playwright tags each handler with an attribute, which bound methods cannot carry.
        context.route("**/*", lambda route: self._route(route))
        context.on("request", lambda request: self._request(request))
        context.on("requestfinished", lambda request: self._done(request))
        context.on("requestfailed", lambda request: self._done(request))

    def _is_local(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in LOCAL_SCHEMES or parts.netloc == self.local

    def _route(self, route: Route) -> None:
        if self._is_local(route.request.url):
            route.continue_()
        else:
            self.foreign.append(route.request.url)
            route.abort("blockedbyclient")

    def _request(self, request: Request) -> None:
        self.pending.add(request)
        if not self._is_local(request.url):  # seen even if something bypassed the route
            self.foreign.append(request.url)

    def _done(self, request: Request) -> None:
        self.pending.discard(request)

    def quiet(self, page: Page, idle_ms: int = 500) -> None:
        """Wait until no request has been in flight for idle_ms (networkidle, at any moment)."""
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            page.wait_for_timeout(100)
            if self.pending:
                quiet_since = time.monotonic()
            elif (time.monotonic() - quiet_since) * 1000 >= idle_ms:
                return

    def take(self, where: str) -> list[Finding]:
        """The foreign requests since the last take, as findings for `where`."""
        found = [Finding("offline", where, f"request to another host: {url}") for url in dict.fromkeys(self.foreign)]
        self.foreign.clear()
        return found


def run(site_dir: Path, *, browser: Browser | None = None, pages: Iterable[SitePage] | None = None, search: bool = True) -> list[Finding]:
    site_dir = Path(site_dir)
    todo = list(discover(site_dir) if pages is None else pages) + (searches(site_dir) if search else [])
    with serve(site_dir) as base_url:
        if browser is None:
            with launch() as own:
                return _run(own, base_url, todo)
        return _run(browser, base_url, todo)


def _run(browser: Browser, base_url: str, todo: list[SitePage]) -> list[Finding]:
    findings: list[Finding] = []
    for site_page in todo:
        where = site_page.label
        context = browser.new_context(viewport=DESKTOP, service_workers="block")
        context.set_default_timeout(TIMEOUT_MS)
        watch = Watch(context, base_url)
        try:
            page = context.new_page()
            page.goto(base_url + site_page.path, wait_until="load")
            if site_page.query:
                wait_for_search(page)
            render_everything(page)
            watch.quiet(page)
        except Exception as error:  # a page that fails to load is a finding, not a crash
            findings.append(Finding("offline", where, f"page did not load: {str(error).splitlines()[0]}"))
        finally:
            context.close()
        findings += watch.take(where)
    return findings
