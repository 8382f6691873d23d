"""The later pages of a long list (home, site glossary, site timeline) pass the validators too.

The seed site has one page of each; `archive_project` has enough explainers for several.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from checks import axe, links, vnu
from checks.pages import SitePage

from .conftest import report, run_check

PAGES = [f"{locale}/{path}" for locale in ("hi", "en") for path in ("page/2", "glossary/2", "timeline/2")]


@pytest.fixture(scope="module")
def archive_site(archive_project: Path) -> Path:
    site = archive_project / "site"
    missing = [p for p in PAGES if not (site / p / "index.html").is_file()]
    assert not missing, f"the archive has no second page of: {missing}"
    return site


def test_later_pages_of_long_lists_are_valid_html(archive_site: Path, tmp_path: Path) -> None:
    for path in PAGES:  # only these pages: vnu checks every HTML file of the folder it is given
        (tmp_path / path).mkdir(parents=True)
        shutil.copy2(archive_site / path / "index.html", tmp_path / path / "index.html")
    errors, _warnings = run_check(vnu.run, tmp_path)
    assert not errors, report(errors)


def test_later_pages_of_long_lists_pass_axe_in_both_schemes(archive_site: Path) -> None:
    pages = [SitePage(path.split("/", 1)[1], path.split("/")[0], f"/{path}/", archive_site / path / "index.html") for path in PAGES]
    findings = run_check(axe.run, archive_site, pages=pages, search=False)
    assert not findings, report(findings)


def test_every_anchor_of_the_archive_leads_to_an_id(archive_site: Path) -> None:
    """Year and letter indexes, page links and glossary backlinks, across every page of the archive."""
    findings = links.check_anchors(archive_site)
    assert not findings, report(findings)
