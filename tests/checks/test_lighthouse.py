"""Lighthouse 12.2.3, mobile, on the article of each locale: Accessibility 100, Best Practices ≥ 95, SEO 100,
Performance ≥ 90. `make check` takes the median of 3 runs; here a page gets one run while it passes
(up to 3 when performance is near its threshold), to keep `make test` short.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import lighthouse
from checks.pages import SitePage, articles

from .conftest import FIXTURES, report, run_check


@pytest.mark.parametrize("locale", ["hi", "en"])
def test_the_article_meets_the_lighthouse_thresholds(site_dir: Path, locale: str) -> None:
    assert locale in articles(site_dir), f"no article page in site/{locale}/"
    findings, scores = run_check(lighthouse.run, site_dir, runs=3, until_pass=True, locales=[locale])
    print("\n".join(s.line() for s in scores))  # noqa: T201 - shown with -rP, and on failure
    assert not findings, report(findings) + "\n" + "\n".join(s.line() for s in scores)


def test_lighthouse_fails_on_a_page_without_meta_description() -> None:
    page = SitePage("broken", "xx", "/xx/", FIXTURES / "lighthouse" / "xx" / "index.html")
    findings, _scores = run_check(lighthouse.run_pages, FIXTURES / "lighthouse", [page], runs=1)
    assert any(f.message.startswith("seo ") and "meta-description" in f.message for f in findings), report(findings)
