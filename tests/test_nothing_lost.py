"""A failed or interrupted build leaves the previous docs/ and site/ byte for byte as they were."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from generator.site import missing_pages
from generator.write import write_tree

from .conftest import copy_project, generator

ARTICLE = Path("articles/north-korea-russia-defence-treaty")


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def built(tmp_path: Path) -> Path:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    generator(project, "site")
    return project


def test_corrupt_data_leaves_docs_and_site_untouched(built: Path) -> None:
    docs, site = snapshot(built / "docs"), snapshot(built / "site")
    (built / ARTICLE / "hi.yaml").write_bytes(b"title: [unclosed\n\xff\n")
    (built / ARTICLE / "article.yaml").write_text("slug: ../etc\n", encoding="utf-8")
    result = generator(built, "build", check=False)
    assert result.returncode == 1
    assert "articles/north-korea-russia-defence-treaty/hi.yaml:2:1: byte 0xff is not UTF-8" in result.stderr
    assert snapshot(built / "docs") == docs
    assert snapshot(built / "site") == site


def test_a_failing_mkdocs_build_leaves_site_untouched(built: Path) -> None:
    site = snapshot(built / "site")
    (built / "theme" / "main.html").write_text("{% extends 'base.html' %}{% block content %}{{ broken( }}{% endblock %}", encoding="utf-8")
    result = generator(built, "site", check=False)
    assert result.returncode == 1
    assert "mkdocs build failed" in result.stderr
    assert "site/ is unchanged" in result.stderr
    assert snapshot(built / "site") == site
    assert not (built / "site.new").exists()


def test_an_interrupted_site_build_leaves_site_untouched_and_the_next_build_recovers(built: Path) -> None:
    site = snapshot(built / "site")
    process = subprocess.Popen([sys.executable, "-m", "generator", "site"], cwd=built, start_new_session=True)
    deadline = time.monotonic() + 60
    while not any((built / "site.new").glob("*/assets")) and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(process.pid, signal.SIGKILL)  # the build and its MkDocs processes, mid-way
    process.wait()
    assert snapshot(built / "site") == site
    generator(built, "site")
    assert not (built / "site.new").exists()
    assert snapshot(built / "site") == site


def test_a_crash_between_the_two_renames_is_repaired_by_the_next_write(tmp_path: Path) -> None:
    dest = tmp_path / "docs"
    write_tree(dest, {"a.md": b"old"})
    dest.rename(tmp_path / "docs.old")  # the state after the first rename of a swap
    assert write_tree(dest, {"a.md": b"old"}) == []
    assert (dest / "a.md").read_bytes() == b"old"
    assert not (tmp_path / "docs.old").exists()


def test_only_changed_files_are_rewritten(tmp_path: Path) -> None:
    dest = tmp_path / "docs"
    write_tree(dest, {"a.md": b"a", "b.md": b"b", "gone.md": b"x"})
    before = (dest / "a.md").stat().st_mtime_ns
    time.sleep(0.01)
    assert write_tree(dest, {"a.md": b"a", "b.md": b"B"}) == ["b.md"]
    assert (dest / "a.md").stat().st_mtime_ns == before
    assert sorted(p.name for p in dest.iterdir()) == ["a.md", "b.md"]
    assert write_tree(dest, {"a.md": b"a", "b.md": b"B"}) == []


def test_no_build_time_reaches_the_site(built: Path) -> None:
    """Dates on the site come from the data: another SOURCE_DATE_EPOCH (or another day) changes nothing."""
    before = snapshot(built / "site")
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1733270400"}  # 2024-12-04
    subprocess.run([sys.executable, "-m", "generator", "site"], cwd=built, env=env, check=True, capture_output=True)
    assert snapshot(built / "site") == before


def test_an_incomplete_site_is_recognised_before_the_swap(built: Path) -> None:
    """The check `generator site` runs before swapping: every page of docs/, the 404 page, the search index."""
    site = built / "site"
    assert missing_pages(built / "docs", site, "hi") == [] and missing_pages(built / "docs", site, "en") == []
    (site / "hi" / "404.html").unlink()
    (site / "hi" / "north-korea-russia-defence-treaty" / "index.html").unlink()
    for chunk in (site / "en" / "pagefind" / "index").glob("*.pf_index"):
        chunk.unlink()
    (site / "en" / "pagefind" / "pagefind-entry.json").unlink()
    assert missing_pages(built / "docs", site, "hi") == ["site/hi/404.html", "site/hi/north-korea-russia-defence-treaty/index.html"]
    assert missing_pages(built / "docs", site, "en") == ["site/en/pagefind/pagefind-entry.json", "site/en/pagefind/index/*.pf_index"]
