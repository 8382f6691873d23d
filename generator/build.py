"""Gather all data first, then write: nothing reaches docs/ unless every article is valid."""

from __future__ import annotations

import logging
from pathlib import Path

from .config import Project
from .l10n import L10n, load_translations
from .model import Article
from .render.pages import (
    Site,
    render_article,
    render_feed,
    render_glossary,
    render_guide,
    render_home,
    render_mkdocs_config,
    render_search,
    render_site_timeline,
)
from .validate import load_articles
from .write import write_tree

log = logging.getLogger(__name__)


def make_site(project: Project) -> Site:
    """Load every locale's catalog: formatters for the renderers."""
    return Site(
        project, {loc.code: L10n(loc.code, load_translations(project.locales_dir, loc.code), loc.digits) for loc in project.locales}
    )


def render_all(site: Site, articles: list[Article]) -> dict[str, bytes]:
    """Every generated file of docs/, by relative path."""
    files: dict[str, str | bytes] = {}
    for loc in site.project.locales:
        code = loc.code
        files[f"mkdocs.{code}.yml"] = render_mkdocs_config(site, code)
        files[f"{code}/index.md"] = render_home(site, articles, code)
        files[f"{code}/glossary.md"] = render_glossary(site, articles, code)
        files[f"{code}/timeline.md"] = render_site_timeline(site, articles, code)
        files[f"{code}/feed.xml"] = render_feed(site, articles, code)
        files[f"{code}/writing.md"] = render_guide(site, code)
        files[f"{code}/search.md"] = render_search(site, code)
        for article in articles:
            files[f"{code}/{article.slug}.md"] = render_article(site, article, code)
    return {path: text if isinstance(text, bytes) else text.encode("utf-8") for path, text in files.items()}


def build_docs(project: Project) -> list[str]:
    """Validate all articles, render every page, and update docs/; return the files written."""
    articles = load_articles(project)
    site = make_site(project)
    changed = write_tree(project.docs_dir, render_all(site, articles))
    log.info(
        "%d article(s), %d locale(s): %d file(s) written to %s",
        len(articles),
        len(project.locales),
        len(changed),
        _rel(project, project.docs_dir),
    )
    return changed


def _rel(project: Project, path: Path) -> str:
    return path.relative_to(project.root).as_posix()
