"""Scheduled articles (issue 18, item 9): an article whose `published` date-time is still to come is checked but
left out of every page, list, feed and the sitemap until the first build at or after that moment (the build's
moment: SOURCE_DATE_EPOCH when set, else the clock). Built with the real generator, at two moments.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from generator.config import load_project
from generator.gather import load_articles
from generator.publication import is_published

from .conftest import ROOT, copy_project

EXAMPLE = "kursk-incursion"
#: Its own slug: the example's appears in the editors' guide and as an id in the treaty explainer.
SLUG = "kursk-scheduled"
PUBLISHED = "2030-01-15T09:00:00+05:30"
#: The same moment in UTC: 03:30 on 15 January 2030.
MOMENT = int(datetime(2030, 1, 15, 3, 30, tzinfo=UTC).timestamp())


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The repository's explainers and one more, scheduled for 15 January 2030, 09:00 IST."""
    project = copy_project(tmp_path_factory.mktemp("scheduled") / "p")
    folder = project / "articles" / SLUG
    shutil.copytree(ROOT / "generator" / "example" / EXAMPLE, folder)
    article = folder / "article.yaml"
    text = article.read_text(encoding="utf-8")
    assert f"slug: {EXAMPLE}\n" in text and 'published: "2024-11-13T10:00:00+05:30"' in text
    text = text.replace(f"slug: {EXAMPLE}\n", f"slug: {SLUG}\n").replace('"2024-11-13T10:00:00+05:30"', f'"{PUBLISHED}"')
    article.write_text(text, encoding="utf-8")
    return project


def build_at(project: Path, epoch: int) -> dict[str, str]:
    """`generator build` with the clock at `epoch`; every file of docs/ by path (text files as text)."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch)}
    result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    docs = project / "docs"
    return {
        p.relative_to(docs).as_posix(): p.read_text(encoding="utf-8") if p.suffix in (".md", ".xml", ".yml", ".html") else ""
        for p in docs.rglob("*")
        if p.is_file()
    }


def test_a_future_publication_is_not_an_error_and_is_published_from_its_moment(project: Path) -> None:
    articles = {a.slug: a for a in load_articles(load_project(project))}  # valid: not refused as «after today»
    scheduled = articles[SLUG]
    assert not is_published(scheduled, datetime.fromtimestamp(MOMENT - 1, UTC))
    assert is_published(scheduled, datetime.fromtimestamp(MOMENT, UTC))
    assert all(is_published(a, datetime.fromtimestamp(MOMENT - 1, UTC)) for s, a in articles.items() if s != SLUG)


def test_a_scheduled_article_is_absent_everywhere_until_the_first_build_after_its_moment(project: Path) -> None:
    before = build_at(project, MOMENT - 1)
    # make is told when to build again, though no file will change: at the article's moment.
    assert (project / ".build" / "next-publication").read_text(encoding="utf-8") == f"{MOMENT}\n"
    mentions = sorted(path for path, text in before.items() if SLUG in path or SLUG in text)
    assert mentions == []  # no page, no line in the home list, the feeds, the sitemap, the glossary or the timeline
    assert "north-korea-russia-defence-treaty" in before["hi/feed.xml"]  # the others are published as before

    after = build_at(project, MOMENT)
    assert not (project / ".build" / "next-publication").exists()
    for locale in ("hi", "en"):
        assert f"{locale}/{SLUG}.md" in after
        assert f"/{locale}/{SLUG}/" in after[f"{locale}/feed.xml"]
        assert f"<published>{PUBLISHED}</published>" in after[f"{locale}/feed.xml"]
        assert f'href="{SLUG}/"' in after[f"{locale}/index.md"]
        assert f'<time datetime="{PUBLISHED}">' in after[f"{locale}/{SLUG}.md"]
    assert f"https://explainers.example.org/hi/{SLUG}/" in after["_root/sitemap.xml"]
    # The pages of the other explainers do not depend on the clock: the same bytes at either moment.
    assert before["hi/north-korea-russia-defence-treaty.md"] == after["hi/north-korea-russia-defence-treaty.md"]
