"""Whether an article is on the site at a build: the one place that decides it (issue 18, item 9).

A draft (`draft: true`) is checked like any other and previewed by `make serve`, never published. An article whose
publication moment is still to come is scheduled: it is checked like any other, but left out of
every page, list, feed, sitemap and search index until the first build after that moment. The build's moment is
SOURCE_DATE_EPOCH when set (a reproducible build's clock), else the clock: gather.build_time reads it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TypeVar

from .brief import Brief, brief
from .model import Article

#: An article, or its brief (what `make site` holds of it).
A = TypeVar("A", bound=Article | Brief)


def is_due(article: Article | Brief, now: datetime) -> bool:
    """Has the article's `published` date-time come at `now` (an aware datetime)?"""
    return brief(article).published.moment <= now


def is_published(article: Article | Brief, now: datetime) -> bool:
    """Is the article on the site a build at `now` makes for readers? Not a draft, and due."""
    return not brief(article).draft and is_due(article, now)


def on_site(articles: Iterable[A], now: datetime) -> list[A]:
    """The articles a build at `now` publishes, in their order."""
    return [a for a in articles if is_published(a, now)]


def in_preview(articles: Iterable[A], now: datetime) -> list[A]:
    """What `make serve` shows an editor: drafts too (never published), but no article still scheduled."""
    return [a for a in articles if is_due(a, now)]


def next_publication(articles: Iterable[Article | Brief], now: datetime) -> datetime | None:
    """The moment the next scheduled article is due (None when none is): make rebuilds from then on, though no file changed."""
    return min((brief(a).published.moment for a in articles if not is_published(a, now)), default=None)
