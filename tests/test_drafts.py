"""Drafts (issue 18, item 9): an article marked `draft: true` is checked like any other and previewed by
`make serve`, but a build for readers publishes nothing of it: no page in any locale, and no trace in the
lists, feeds, sitemap or search index. Its Hindi may be unfinished meanwhile."""

from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

from .conftest import copy_project, generator, run

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


def test_a_draft_locale_that_fails_to_build_is_left_out_and_the_published_site_is_swapped_in(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    run([sys.executable, "-m", "generator.i18n", "init", "ur"], root)  # `make locale LOCALE=ur`: a draft locale
    generator(root, "add-locale", "ur")
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], root)
    generator(root, "build")
    # The draft's MkDocs build fails: `mkdocs build --strict` refuses a setting it does not know.
    config = root / "docs" / "mkdocs.ur.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_a_setting: true\n", encoding="utf-8")
    result = generator(root, "site", check=False)
    assert result.returncode == 0, result.stderr
    assert "draft locale ur did not build and is left out of site/ (the published locales are built):\n[ur] " in result.stderr
    assert "[ur] Aborted with 1 configuration warnings in 'strict' mode!" in result.stderr
    assert "site built: site/hi/, site/en/\n" in result.stderr
    site = root / "site"
    assert (site / "hi" / "index.html").is_file() and (site / "en" / "pagefind" / "pagefind-entry.json").is_file()
    assert not (site / "ur").exists()
    # A published locale that fails still stops the swap, as before.
    config = root / "docs" / "mkdocs.en.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nnot_a_setting: true\n", encoding="utf-8")
    result = generator(root, "site", check=False)
    assert result.returncode == 1
    assert "error: mkdocs build failed for en; site/ is unchanged" in result.stderr
    assert (site / "en" / "index.html").is_file()
