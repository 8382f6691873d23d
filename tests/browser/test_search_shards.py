"""A sharded search index (generator/shards.py, generator/search_index.py) on a real site: the seed explainers, one
shard each (SEARCH_SHARD_SIZE=1), indexed by Pagefind and merged by the search page in Chromium."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from checks.server import serve
from generator.search_index import index_locale, read_shards
from generator.shards import SHARD_SIZE_VARIABLE

from ..conftest import copy_project, generator
from .test_search_recall import KOLKATA, MOON, TREATY, search_results

#: The seed explainers' shards: one per publication year.
SHARDS = {"2020": KOLKATA, "2023": MOON, "2024": TREATY}


@pytest.fixture(scope="module")
def sharded_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The project built with at most one explainer per shard."""
    project = copy_project(tmp_path_factory.mktemp("sharded") / "project")
    os.environ[SHARD_SIZE_VARIABLE] = "1"
    try:
        generator(project, "build")
    finally:
        del os.environ[SHARD_SIZE_VARIABLE]
    generator(project, "site")
    yield project


@pytest.fixture(scope="module")
def sharded_url(sharded_project: Path) -> Iterator[str]:
    with serve(sharded_project / "site") as url:
        yield url


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_every_shard_has_its_index_and_the_search_page_merges_them(sharded_project: Path) -> None:
    for code in ("en", "hi"):
        shards = read_shards(sharded_project / "docs", code)
        assert {s.name: s.pages for s in shards} == {"": (), **{year: (f"{slug}/index.html",) for year, slug in SHARDS.items()}}
        for shard in shards:
            bundle = sharded_project / "site" / code / shard.bundle
            assert (bundle / "pagefind-entry.json").is_file() and list((bundle / "index").glob("*.pf_index")), bundle
        page = (sharded_project / "site" / code / "search" / "index.html").read_text(encoding="utf-8")
        merged = re.findall(r'"bundlePath":"([^"]+)"', page)
        assert merged == [f"../pagefind-shards/{year}/" for year in SHARDS]


def test_one_query_finds_explainers_of_several_shards(page: Page, sharded_url: str) -> None:
    found = search_results(page, sharded_url, "en", "India")
    assert {f"/en/{KOLKATA}/", f"/en/{MOON}/", f"/en/{TREATY}/"} <= set(found), found
    found = search_results(page, sharded_url, "hi", "भारत")
    assert {f"/hi/{KOLKATA}/", f"/hi/{MOON}/"} <= set(found), found


def test_reindexing_one_changed_page_runs_pagefind_for_its_shard_only(sharded_project: Path, tmp_path: Path) -> None:
    built = sharded_project / "site" / "en"
    shards = read_shards(sharded_project / "docs", "en")
    bundles = ["pagefind", "pagefind-shards"]
    # The locale's pages after a correction of one explainer, without any index, twice: indexed again from the
    # previous build, and indexed whole.
    for name in ("again", "whole"):
        shutil.copytree(built, tmp_path / name, ignore=lambda folder, names: [n for n in names if n in bundles])
        moon = tmp_path / name / MOON / "index.html"
        moon.write_text(moon.read_text(encoding="utf-8").replace("</h1>", " moonwalkcorrection</h1>", 1), encoding="utf-8")
    changed = {f"{MOON}/index.html"}
    assert index_locale(tmp_path / "again", shards, previous=built, changed=changed) == ["2023"]
    assert index_locale(tmp_path / "whole", shards) == ["", "2020", "2023", "2024"]
    # The built site's precompressed siblings come along with the copied shards (the build compresses after indexing).
    again, whole = _tree(tmp_path / "again"), _tree(tmp_path / "whole")
    assert {p: d for p, d in again.items() if not p.endswith((".br", ".gz"))} == {
        p: d for p, d in whole.items() if not p.endswith((".br", ".gz"))
    }
    assert _tree(tmp_path / "again" / "pagefind-shards" / "2023") != _tree(built / "pagefind-shards" / "2023")
    # The shards taken from the previous build are copies: a later step may rewrite either.
    entry = Path("pagefind-shards") / "2020" / "pagefind-entry.json"
    assert (tmp_path / "again" / entry).stat().st_ino != (built / entry).stat().st_ino
