"""Long lists on pages of a fixed size: the home page, the site glossary and the site timeline.

However large the archive, every page weighs about the same, and so does building it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from ..locales import L10n
from .urls import relative

T = TypeVar("T")


def paginate(groups: Sequence[tuple[str, Sequence[T]]], size: int) -> list[list[tuple[str, Sequence[T]]]]:
    """Split the items of (key, items) groups, in order, into pages of `size` items; at least one page.

    A group that crosses a page boundary continues on the next page under its key again.
    """
    pages: list[list[tuple[str, Sequence[T]]]] = [[]]
    count = 0
    for key, items in groups:
        start = 0
        while start < len(items):
            if count == size:
                pages.append([])
                count = 0
            part = items[start : start + size - count]
            pages[-1].append((key, part))
            count += len(part)
            start += len(part)
    return pages


@dataclass(frozen=True)
class Pager:
    """Links to the previous and next page of a list, and where this page is."""

    count: int
    label: str
    previous: str | None
    next: str | None

    def astuple(self) -> list[object]:
        """What the pager shows, as a list page's inputs name it (render/records.py)."""
        return [self.count, self.label, self.previous, self.next]


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a long list: its number, address, groups of items and pager."""

    number: int
    path: str
    groups: Sequence[tuple[str, Sequence[T]]]
    pager: Pager
    #: The number of the page on which each group of the whole list begins (for letter and year indexes).
    first_page: dict[str, int]

    def title(self, l10n: L10n, title: str) -> str:
        """The list's title, with «(page 2 of 5)» after the first page."""
        return title if self.number == 1 else f"{title} ({page_of(l10n, self.number, self.pager.count)})"


def pages(l10n: L10n, groups: Sequence[tuple[str, Sequence[T]]], size: int, path: Callable[[int], str]) -> Iterator[Page[T]]:
    """The pages of a list of (key, items) groups, `size` items a page, at the addresses `path(n)`."""
    split = paginate(groups, size)
    first: dict[str, int] = {}
    for number, chunk in enumerate(split, 1):
        for key, _ in chunk:
            first.setdefault(key, number)
    count = len(split)
    for number, chunk in enumerate(split, 1):
        here = path(number)
        pager = Pager(
            count,
            page_of(l10n, number, count),
            relative(here, path(number - 1)) if number > 1 else None,
            relative(here, path(number + 1)) if number < count else None,
        )
        yield Page(number, here, chunk, pager, first)


def page_of(l10n: L10n, number: int, count: int) -> str:
    """«Page 2 of 5», in the locale's words and digits."""
    return l10n.gettext("Page %(num)s of %(count)s") % {"num": l10n.number(number), "count": l10n.number(count)}


@dataclass(frozen=True)
class IndexLink:
    label: str
    href: str
