"""axe-core (npm `axe-core`, injected with Playwright into Debian's Chromium): WCAG 2.1 A and AA.

Every page of the site is checked in the light and the dark colour scheme (the reader's
`prefers-color-scheme`, which Material's palette follows), and the search page of each locale again
showing the results of a query (see pages.searches). Before axe runs, the page must really show the
scheme: a Material page must carry `data-md-color-scheme="slate"` and a dark computed background in the
dark run (and "default" and a light background in the light run); otherwise a "dark" check would
silently test the light scheme.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from playwright.sync_api import Browser, Page

from . import Finding
from .browser import DESKTOP, SCHEMES, TIMEOUT_MS, launch, render_everything, scheme_state, settle, wait_for_search
from .offline import Watch
from .pages import SitePage, discover, searches
from .server import serve
from .tools import axe_js

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
#: Material's scheme names for the reader's preference, and the background each must show.
MATERIAL_SCHEME = {"light": "default", "dark": "slate"}


def run(
    site_dir: Path,
    *,
    browser: Browser | None = None,
    pages: Iterable[SitePage] | None = None,
    search: bool = True,
    offline: list[Finding] | None = None,
) -> list[Finding]:
    """Findings of axe on pages (default: every page of the site) in both schemes, and on search results.

    offline: if a list is given, the page loads are also watched as checks/offline.py does, and its
    findings are appended there (one page load for both checks).
    """
    site_dir = Path(site_dir)
    script = axe_js().read_text(encoding="utf-8")
    todo = list(discover(site_dir) if pages is None else pages) + (searches(site_dir) if search else [])
    with serve(site_dir) as base_url:
        if browser is None:
            with launch() as own:
                return _run(own, base_url, script, todo, offline)
        return _run(browser, base_url, script, todo, offline)


def _run(browser: Browser, base_url: str, script: str, todo: list[SitePage], offline: list[Finding] | None) -> list[Finding]:
    findings: list[Finding] = []
    for scheme in SCHEMES:
        context = browser.new_context(viewport=DESKTOP, color_scheme=scheme, service_workers="block")  # type: ignore[arg-type]
        context.set_default_timeout(TIMEOUT_MS)
        watch = Watch(context, base_url) if offline is not None else None
        try:
            for site_page in todo:
                page = context.new_page()
                findings += _check(page, base_url, site_page, scheme, script, watch=watch, offline=offline)
                page.close()
        finally:
            context.close()
    return findings


def _check(
    page: Page,
    base_url: str,
    site_page: SitePage,
    scheme: str,
    script: str,
    *,
    watch: Watch | None = None,
    offline: list[Finding] | None = None,
) -> list[Finding]:
    where = f"{site_page.label} [{scheme}]"
    try:
        return _axe(page, base_url, site_page, scheme, script, where)
    finally:
        if watch is not None and offline is not None:
            watch.quiet(page)
            offline += watch.take(where)


def _axe(page: Page, base_url: str, site_page: SitePage, scheme: str, script: str, where: str) -> list[Finding]:
    response = page.goto(base_url + site_page.path, wait_until="load")
    if response is None or response.status != site_page.status:
        return [Finding("axe", where, f"HTTP status {response.status if response else None}, expected {site_page.status}")]
    settle(page)
    state = scheme_state(page)
    if state["palette"]:  # a Material page with a palette per scheme: make sure this is the scheme we test
        expected = MATERIAL_SCHEME[scheme]
        dark = float(state["luminance"]) < 0.2  # type: ignore[arg-type]
        if state["scheme"] != expected or dark != (scheme == "dark"):
            shown = f"data-md-color-scheme={state['scheme']!r}, background {state['background']}"
            return [Finding("axe", where, f"page does not show the {scheme} scheme: {shown}")]
    findings: list[Finding] = []
    if site_page.query and wait_for_search(page) == 0:
        findings.append(Finding("axe", where, f"search for {site_page.query!r} listed no result: the page was checked without results"))
    render_everything(page)
    page.add_script_tag(content=script)
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", TAGS)
    for violation in result["violations"]:
        for node in violation["nodes"]:
            target = " ".join(" > ".join(t) if isinstance(t, list) else str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            findings.append(Finding("axe", where, f"{violation['id']} ({violation['impact']}): {violation['help']} — {target} — {summary}"))
    return findings
