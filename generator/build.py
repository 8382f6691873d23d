"""Gather all data first, then write: nothing reaches docs/ unless every article is valid."""

from __future__ import annotations

import logging
from datetime import UTC, date, datetime
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
    render_root,
    render_search,
    render_site_timeline,
    render_sitemap,
)
from .schema import SCHEMA_DIR, schema_files
from .validate import load_articles
from .write import write_tree

log = logging.getLogger(__name__)

#: Files of the site's root (language chooser, sitemap, robots.txt, schemas), copied as they are into site/.
ROOT_DIR = "_root"
#: The SOURCE_DATE_EPOCH of the MkDocs builds, derived from the data (docs/ is not published as such).
EPOCH_FILE = "source-date-epoch.txt"


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
    files[f"{ROOT_DIR}/index.html"] = render_root(site)
    files[f"{ROOT_DIR}/sitemap.xml"] = render_sitemap(site, articles)
    files[f"{ROOT_DIR}/robots.txt"] = f"User-agent: *\nAllow: /\n\nSitemap: {site.project.site_url}sitemap.xml\n"
    for name, data in schema_files().items():
        files[f"{ROOT_DIR}/{SCHEMA_DIR}/{name}"] = data
    files[EPOCH_FILE] = epoch(articles) + "\n"
    return {path: text if isinstance(text, bytes) else text.encode("utf-8") for path, text in files.items()}


def epoch(articles: list[Article]) -> str:
    """Seconds since 1970 at the newest date in the data: the build's date, without reading the clock."""
    dates = [d for a in articles for d in (a.data.published, a.data.updated) if d is not None]
    newest = max((d.last_day for d in dates), default=date(2024, 1, 1))
    return str(int(datetime(newest.year, newest.month, newest.day, tzinfo=UTC).timestamp()))


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
