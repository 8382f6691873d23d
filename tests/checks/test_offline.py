"""Offline: no page asks any host but the site's own; the check does catch a Google Fonts stylesheet."""

from __future__ import annotations

from checks import Finding, axe, offline
from checks.pages import SitePage

from .conftest import FIXTURES, report, run_check


def test_no_page_requests_another_host(browser_findings: tuple[list[Finding], list[Finding]]) -> None:
    """Watched during the axe pass (tests/checks/conftest.py): every page, both schemes, search open."""
    _axe, findings = browser_findings
    assert not findings, report(findings)


def test_the_offline_check_catches_a_google_font() -> None:
    page = SitePage("broken", "xx", "/xx/", FIXTURES / "offline" / "xx" / "index.html")
    findings = run_check(offline.run, FIXTURES / "offline", pages=[page], search=False)
    assert any("fonts.googleapis.com" in f.message for f in findings), report(findings)


def test_the_axe_pass_watching_for_the_offline_check_catches_it_too() -> None:
    page = SitePage("broken", "xx", "/xx/", FIXTURES / "offline" / "xx" / "index.html")
    watched: list[Finding] = []
    run_check(axe.run, FIXTURES / "offline", pages=[page], search=False, offline=watched)
    assert any("fonts.googleapis.com" in f.message for f in watched), report(watched)
