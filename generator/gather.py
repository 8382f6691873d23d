"""Gather every article: list the folders, take unchanged ones from the cache, read and validate the rest on
every core. The edges (reading, hashing, the cache, the worker pool) are here; validation itself is pure.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from .brief import Brief, brief
from .cache import BuildCache, Entry, folder_key
from .config import Project
from .errors import BuildError, ConfigError, DataError, Problem
from .load import article_folders, read_article_folder
from .model import MAX_ARTICLES, Article
from .parallel import fork_map
from .validate import validate_article

R = TypeVar("R")

#: Below this many articles to read, one process reads them: starting workers would cost more.
PARALLEL_FROM = 16


@dataclass(frozen=True)
class Gathered:
    """The valid articles, newest first, and the cache entry of each (by folder name) when a cache is used."""

    articles: list[Article]
    entries: dict[str, Entry] = field(default_factory=dict)


@dataclass(frozen=True)
class Briefed:
    """The valid articles' briefs, newest first, and each one's cache key (by folder name): what `make site` holds of
    them. Their models are in the cache, under those keys (BuildCache.article)."""

    briefs: list[Brief]
    keys: dict[str, str]


def build_time() -> datetime:
    """The build's moment: SOURCE_DATE_EPOCH when set (a reproducible build's clock), else the clock. What is published
    (publication.is_published) and which dates are still to come are judged by it."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    try:
        return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except (ValueError, OverflowError, OSError):
        raise ConfigError(f"SOURCE_DATE_EPOCH: expected a number of seconds since 1970-01-01, got {epoch[:40]!r}") from None


def shown(project: Project, path: Path) -> str:
    """A path as messages show it: relative to the project."""
    try:
        return path.relative_to(project.root).as_posix()
    except ValueError:
        return path.as_posix()


def load_article(
    project: Project, folder: Path, folders: frozenset[str] = frozenset(), now: datetime | None = None
) -> tuple[Article | None, list[Problem]]:
    """Read and check one article folder."""
    return validate_article(read_article_folder(folder, shown(project, folder)), project, folders, now or build_time())


def _folders(project: Project, cache: BuildCache | None) -> tuple[list[Path], list[Problem], frozenset[str], dict[str, str]]:
    """The article folders (within the limit), the problems of listing them, their names, and each one's cache key
    ("" without a cache)."""
    folders, problems = article_folders(project.articles_dir)
    if len(folders) > MAX_ARTICLES:
        raise DataError([Problem("articles", 1, 1, "", f"{len(folders):,} article folders; the limit is {MAX_ARTICLES:,}")])
    keys = {f.name: folder_key(cache.environment, f) if cache else "" for f in folders}
    return folders, problems, frozenset(f.name for f in folders), keys


def _slug_free(slug: str, folder: str, names: frozenset[str]) -> bool:
    """May a cached article keep its slug? The one check that looks beyond its folder: a slug that is another
    folder's name is refused, and validation (run again on a miss) says so."""
    return slug == folder or slug not in names


def gather(project: Project, cache: BuildCache | None = None, positions: bool = True) -> Gathered:
    """Read and check every article; raise one DataError listing all problems.

    With a cache, an article whose files are unchanged since it was last checked is taken from it. Without
    `positions`, articles come without where each value was in its file (only lint and status need that,
    and it is two fifths of an article's memory).
    """
    folders, problems, names, keys = _folders(project, cache)
    now = build_time()
    cached: dict[str, Entry] = {}
    for folder in folders:
        entry = cache.get(folder.name, keys[folder.name]) if cache else None
        if entry is not None and _slug_free(entry.article.slug, folder.name, names):
            cached[folder.name] = entry
    loaded = _load_many(project, [f for f in folders if f.name not in cached], names, now, positions)
    articles: list[Article] = []
    entries: dict[str, Entry] = {}
    for folder in folders:
        entry = cached.get(folder.name)
        if entry is None:
            article, found = loaded[folder.name]
            problems += found
            if article is None:
                continue
            entry = Entry(keys[folder.name], article)
        articles.append(entry.article)
        if cache is not None:
            entries[folder.name] = entry
    if problems:
        raise DataError(problems)
    return Gathered(sorted(articles, key=lambda a: (a.data.published.moment, a.slug), reverse=True), entries)


def gather_briefs(project: Project, cache: BuildCache) -> Briefed:
    """Read and check every article, as gather does, but keep only their briefs: an article read again is put in the
    cache by the worker that checked it (without positions), and an unchanged one costs reading its brief."""
    folders, problems, names, keys = _folders(project, cache)
    now = build_time()
    found: dict[str, Brief] = {}
    for folder in folders:
        known = cache.brief(folder.name, keys[folder.name])
        if known is not None and _slug_free(known.slug, folder.name, names):
            found[folder.name] = known

    def check(folder: Path) -> tuple[Brief | None, list[Problem]]:
        article, problems = load_article(project, folder, names, now)
        if article is None:
            return None, problems
        article = replace(article, positions={})
        cache.put(folder.name, Entry(keys[folder.name], article))
        return brief(article), problems

    unknown = [f for f in folders if f.name not in found]
    for folder, (known, more) in zip(unknown, _map(check, unknown), strict=True):
        problems += more
        if known is not None:
            found[folder.name] = known
    if problems:
        raise DataError(problems)
    briefs = sorted(found.values(), key=lambda b: (b.published.moment, b.slug), reverse=True)
    return Briefed(briefs, {b.name: keys[b.name] for b in briefs})


def model(project: Project, cache: BuildCache, briefed: Briefed, item: Brief) -> Article:
    """The checked model of a briefed article, for a worker to render: from the cache, or, if its entry is gone
    (another build pruned it, it was deleted, it is corrupt), read and checked again from its folder."""
    article = cache.article(item.name, briefed.keys[item.name])
    if article is not None:
        return article
    folder = project.articles_dir / item.name
    article, _ = load_article(project, folder, frozenset(briefed.keys), build_time())
    if article is None or folder_key(cache.environment, folder) != briefed.keys[item.name]:
        raise BuildError(f"{shown(project, folder)}: changed while the build ran; build again (docs/ is unchanged)")
    return replace(article, positions={})


def load_articles(project: Project) -> list[Article]:
    """Every article, checked, newest first (no cache: for commands that do not build)."""
    return gather(project).articles


def _load_many(
    project: Project, folders: list[Path], names: frozenset[str], now: datetime, positions: bool = True
) -> dict[str, tuple[Article | None, list[Problem]]]:
    """load_article for each folder, by name; on several cores, in forked worker processes."""

    def load(folder: Path) -> tuple[Article | None, list[Problem]]:
        article, problems = load_article(project, folder, names, now)
        return (replace(article, positions={}) if article is not None and not positions else article), problems

    return {f.name: r for f, r in zip(folders, _map(load, folders), strict=True)}


def _map(fn: Callable[[Path], R], folders: list[Path]) -> list[R]:
    """fn of each folder, in order: in forked workers on every core, unless there are too few to be worth it."""
    if len(folders) < PARALLEL_FROM:
        return [fn(f) for f in folders]
    workers = os.cpu_count() or 1
    return fork_map(fn, folders, workers, chunksize=max(1, len(folders) // (workers * 4)))
