"""The build cache (.build/cache/) changes how fast docs/ is written, never what is written."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from .conftest import copy_project, generator, run

SLUG = "north-korea-russia-defence-treaty"
OTHER = "chandrayaan-3-moon-landing"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def fresh_docs(project: Path) -> dict[str, bytes]:
    """docs/ as a build without the cache writes it."""
    shutil.rmtree(project / "docs", ignore_errors=True)
    generator(project, "build", "--no-cache")
    return tree(project / "docs")


def cached_docs(project: Path) -> dict[str, bytes]:
    """docs/ rebuilt from scratch with whatever the cache holds."""
    shutil.rmtree(project / "docs", ignore_errors=True)
    generator(project, "build")
    return tree(project / "docs")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("cache") / "p")
    generator(project, "build")  # fills the cache
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A project built once with the cache, copied for each test (the cache's keys do not depend on where it is)."""
    return shutil.copytree(built, tmp_path / "p", symlinks=True)


def entry(project: Path, slug: str) -> Path:
    return project / ".build" / "cache" / "articles" / f"{slug}.pickle"


def test_a_build_from_the_cache_writes_the_same_files_as_a_build_without_it(project: Path) -> None:
    assert entry(project, SLUG).is_file() and entry(project, OTHER).is_file()
    assert cached_docs(project) == fresh_docs(project)


def test_after_an_edit_only_that_article_is_rendered_again_and_the_pages_are_current(project: Path) -> None:
    other_before = entry(project, OTHER).stat().st_mtime_ns
    hi = project / "articles" / SLUG / "hi.yaml"
    hi.write_text(hi.read_text(encoding="utf-8").replace("ऐतिहासिक", "ऐतिहासिक नया", 1), encoding="utf-8")
    docs = cached_docs(project)
    assert "ऐतिहासिक नया" in docs[f"hi/{SLUG}.md"].decode()
    assert entry(project, OTHER).stat().st_mtime_ns == other_before  # read from the cache, not written again
    assert docs == fresh_docs(project)


def test_a_changed_catalog_changes_the_cached_pages(project: Path) -> None:
    po = project / "locales" / "hi" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    assert 'msgstr "मुख्य तथ्य"' in text
    po.write_text(text.replace('msgstr "मुख्य तथ्य"', 'msgstr "ख़ास तथ्य"'), encoding="utf-8")
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], project)
    docs = cached_docs(project)
    assert "ख़ास तथ्य" in docs[f"hi/{SLUG}.md"].decode()
    assert docs == fresh_docs(project)


def test_an_article_broken_after_it_was_cached_is_reported_not_served_from_the_cache(project: Path) -> None:
    hi = project / "articles" / SLUG / "hi.yaml"
    hi.write_text(hi.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    result = generator(project, "build", check=False)
    assert result.returncode == 1
    assert f"articles/{SLUG}/hi.yaml:" in result.stderr and "titel" in result.stderr
    assert entry(project, SLUG).is_file()  # a failed build leaves the cache as it was


def test_a_cache_entry_of_an_article_that_was_removed_is_forgotten(project: Path) -> None:
    shutil.rmtree(project / "articles" / OTHER)
    generator(project, "build")
    assert not entry(project, OTHER).exists()
    assert entry(project, SLUG).is_file()


def test_a_copied_checkout_keeps_its_cache(project: Path) -> None:
    """`project` is a copy of the built one, elsewhere: its entries still match, and none is written again."""
    before = {p: p.stat().st_mtime_ns for p in (entry(project, SLUG), entry(project, OTHER))}
    generator(project, "build")
    assert {p: p.stat().st_mtime_ns for p in before} == before
