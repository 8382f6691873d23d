"""Drafts (issue 18, item 9): an article marked `draft: true` is checked like any other and previewed by
`make serve`, but a build for readers publishes nothing of it: no page in any locale, and no trace in the
lists, feeds, sitemap or search index. Its Hindi may be unfinished meanwhile."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

from .conftest import copy_project, generator

DRAFT = "chandrayaan-3-moon-landing"


def make_draft(root: Path) -> None:
    """Mark the explainer a draft, as an editor does, and leave its Hindi title untranslated."""
    article = root / "articles" / DRAFT / "article.yaml"
    text = article.read_text(encoding="utf-8")
    article.write_text(re.sub(r"(?m)^published:", "draft: true\npublished:", text, count=1), encoding="utf-8")
    hi = root / "articles" / DRAFT / "hi.yaml"
    hi.write_text(re.sub(r"(?m)^title: .*\n", "", hi.read_text(encoding="utf-8"), count=1), encoding="utf-8")


def site_text(site: Path) -> dict[str, str]:
    """Every file of the built site as text, Pagefind's compressed index and fragments unpacked."""
    out = {}
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        if path.suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter"):
            data = gzip.decompress(data)
        out[path.relative_to(site).as_posix()] = data.decode("utf-8", "replace")
    return out


def test_a_draft_article_is_checked_but_never_published(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    make_draft(root)
    generator(root, "build")
    generator(root, "site")
    site = root / "site"
    assert not (site / "hi" / DRAFT).exists() and not (site / "en" / DRAFT).exists()
    texts = site_text(site)
    assert any("pagefind" in name for name in texts)  # the search index was read too
    leaks = sorted(name for name, text in texts.items() if DRAFT in text or "Chandrayaan" in text or "चंद्रयान" in text)
    assert leaks == []
    # The other explainers are published as before, in every list.
    assert "north-korea-russia-defence-treaty" in texts["sitemap.xml"] and "north-korea-russia-defence-treaty" in texts["en/feed.xml"]
    # Still checked like any other article: a mistake in a draft stops the build.
    article = root / "articles" / DRAFT / "article.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("draft: true", "draft: true\ndarft: true"), encoding="utf-8")
    result = generator(root, "build", check=False)
    assert result.returncode == 1
    assert f"articles/{DRAFT}/article.yaml:" in result.stderr and "darft: unknown field" in result.stderr
