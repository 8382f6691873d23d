"""The search page shows hostile article text as text: a real browser searches a hostile site."""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from playwright.sync_api import Browser

from ..test_hostile import TRAP, build_hostile_site


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def test_search_results_show_hostile_text_as_text(browser: Browser, tmp_path: Path) -> None:
    site = build_hostile_site(tmp_path / "p") / "site"
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        page.goto(f"http://127.0.0.1:{server.server_port}/hi/search/?q=alert")
        page.wait_for_selector(".pagefind-ui__result", timeout=15_000)
        results = page.locator(".pagefind-ui__results")
        assert results.locator("script, img, dl").count() == 0
        assert page.locator(".pagefind-ui__result-title").first.inner_text() == TRAP
        assert dialogs == []
    finally:
        page.close()
        server.shutdown()
