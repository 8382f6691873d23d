"""The search page shows hostile article text as text: a real browser searches a hostile site."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, expect

from checks.server import serve

from ..test_hostile import TRAP, build_hostile_site


def test_search_results_show_hostile_text_as_text(browser: Browser, tmp_path: Path) -> None:
    site = build_hostile_site(tmp_path / "p") / "site"
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    with serve(site) as url:
        page.goto(f"{url}/hi/search/?q=alert")
        # Pagefind draws a placeholder, then fills each result in when its fragment has loaded.
        expect(page.locator(".pagefind-ui__result-title").first).to_have_text(TRAP, timeout=15_000)
        results = page.locator(".pagefind-ui__results")
        assert results.locator("script, img, dl").count() == 0
        assert dialogs == []
    page.close()
