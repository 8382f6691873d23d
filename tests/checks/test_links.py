"""Links and anchors: none broken across locales; the checker does fail on broken ones."""

from __future__ import annotations

from pathlib import Path

from checks import links

from .conftest import FIXTURES, report, run_check


def test_no_internal_link_or_anchor_is_broken(site_dir: Path) -> None:
    findings = run_check(links.run, site_dir)
    assert not findings, report(findings)


def test_the_link_checker_fails_on_a_missing_anchor_a_missing_page_and_our_own_bad_urls() -> None:
    findings = run_check(links.run, FIXTURES / "links")
    text = "\n".join(str(f) for f in findings)
    assert "missing-anchor" in text, report(findings)
    assert "'gone/'" in text and "404" in text, report(findings)
    assert "https://prod.example.org/yy/ names no file" in text, report(findings)
    assert "no id 'also-missing'" in text, report(findings)
    assert "#present" not in text, report(findings)
