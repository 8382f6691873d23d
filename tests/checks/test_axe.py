"""axe-core: zero WCAG 2.1 A/AA violations on every kind of page, every locale, light and dark.

The search page is checked again showing results (pages.searches). The checker does fail on a page
with low contrast, an unlabelled field and an image without text, on contrast that fails only in the
dark scheme, and on a "dark" run that would silently show the light scheme.
"""

from __future__ import annotations

from pathlib import Path

from checks import Finding, axe
from checks.pages import SitePage, discover, locales, searches

from .conftest import FIXTURES, report, run_check

KINDS = {"home", "article", "glossary", "writing", "search", "404"}


def fixture_page(name: str) -> list[SitePage]:
    return [SitePage("broken", "xx", "/xx/", FIXTURES / name / "xx" / "index.html")]


def test_every_kind_of_page_is_checked_in_every_locale(site_dir: Path) -> None:
    pages = discover(site_dir)
    assert any(p.kind == "chooser" for p in pages), "the language chooser at / is not checked"
    for code in locales(site_dir):
        kinds = {p.kind for p in pages if p.locale == code}
        assert kinds >= KINDS, f"{code}: no page of kind {sorted(KINDS - kinds)} found to check"
    searched = {p.locale for p in searches(site_dir)}
    assert searched == set(locales(site_dir)), f"search results are not checked in {sorted(set(locales(site_dir)) - searched)}"


def test_no_page_has_an_accessibility_violation_in_either_scheme(browser_findings: tuple[list[Finding], list[Finding]]) -> None:
    findings, _offline = browser_findings
    assert not findings, report(findings)


def test_axe_fails_on_low_contrast_a_missing_label_and_a_missing_alt() -> None:
    findings = run_check(axe.run, FIXTURES / "axe", pages=fixture_page("axe"), search=False)
    rules = {f.message.split(" ")[0] for f in findings}
    assert {"color-contrast", "label", "image-alt"} <= rules, report(findings)


def test_the_dark_run_renders_the_dark_scheme() -> None:
    findings = run_check(axe.run, FIXTURES / "axe-dark", pages=fixture_page("axe-dark"), search=False)
    assert findings, "contrast that fails only in the dark scheme went unnoticed"
    assert all("[dark]" in f.where and f.message.startswith("color-contrast") for f in findings), report(findings)


def test_a_dark_scheme_that_never_shows_is_reported_not_checked_as_light() -> None:
    findings = run_check(axe.run, FIXTURES / "axe-never", pages=fixture_page("axe-never"), search=False)
    assert [f for f in findings if "[dark]" in f.where and "does not show the dark scheme" in f.message], report(findings)
