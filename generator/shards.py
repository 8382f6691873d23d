"""Which part of a locale's search index (shard) each explainer page goes into: decided here, read by every step.

One Pagefind run over a whole locale grows with the archive (3.6 GB for 10,000 Hindi explainers), and a one-word
correction runs it again over every page. So a large locale is indexed in shards of at most `size` explainers, each
by its own Pagefind run, and the search page merges them in the reader's browser (Pagefind's `mergeIndex`).

A shard is a publication year; a year with more explainers than `size` is cut, in order of publication, into
`<year>`, `<year>-2`, …: a new explainer (the newest) joins the last shard of its year and moves no other one.
The main shard (`pagefind/`, where the search page loads Pagefind from) holds every indexed page no other shard
holds: the editors' guide, and every explainer while the locale has no more than `size` of them (every site today),
when it is the only shard and the index is what one Pagefind run makes.

The map is written to docs/ (SHARDS_FILE, only when there are several shards) by `generator build`, and read back
by `generator site` and `make serve`: one source of truth.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from itertools import groupby

#: The most explainers one Pagefind run indexes; SEARCH_SHARD_SIZE in the environment of `generator build` overrides it
#: (tests build a small site with several shards).
SHARD_SIZE = 1000
SHARD_SIZE_VARIABLE = "SEARCH_SHARD_SIZE"
#: The main shard's name: its bundle is the locale's `pagefind/`, as when there is one index.
MAIN = ""
#: Where the other shards' bundles go in a locale's site: beside `pagefind/`, not in it (Pagefind owns that folder).
SHARDS_DIR = "pagefind-shards"


def shards_file(code: str) -> str:
    """The docs/ file with a locale's shard map (MkDocs never reads it: it is outside the locale's docs_dir)."""
    return f"search-shards.{code}.json"


@dataclass(frozen=True)
class Shard:
    """One Pagefind index of a locale: its name and the HTML pages (relative to the locale's site) it holds.

    The main shard lists no pages: it holds every page no other shard holds.
    """

    name: str
    pages: tuple[str, ...] = ()

    @property
    def main(self) -> bool:
        return self.name == MAIN

    @property
    def bundle(self) -> str:
        """The shard's folder in the locale's site: what Pagefind writes, and the search page's `bundlePath`."""
        return "pagefind" if self.main else f"{SHARDS_DIR}/{self.name}"


#: A locale with one index, as every site was before shards.
ONE_SHARD: tuple[Shard, ...] = (Shard(MAIN),)


def shard_size(environ: Mapping[str, str] = os.environ) -> int:
    """SHARD_SIZE, or the positive whole number in SEARCH_SHARD_SIZE."""
    value = environ.get(SHARD_SIZE_VARIABLE, "").strip()
    if not value:
        return SHARD_SIZE
    if not value.isdigit() or int(value) < 1:
        raise ValueError(f"{SHARD_SIZE_VARIABLE}={value!r}: expected a whole number of explainers, 1 or more")
    return int(value)


def assign(pages: Iterable[tuple[str, datetime]], size: int = SHARD_SIZE) -> tuple[Shard, ...]:
    """The shards of a locale whose explainer pages are given with their publication moments: the main one first."""
    # The year in UTC, so that sorting by moment keeps a year's explainers together whatever their time zones.
    ordered = sorted((moment.astimezone(UTC).year, moment, path) for path, moment in pages)
    if len(ordered) <= size:
        return ONE_SHARD
    shards = [Shard(MAIN)]
    for year, group in groupby(ordered, key=lambda p: p[0]):
        items = [path for _, _, path in group]
        for start in range(0, len(items), size):
            name = str(year) if start == 0 else f"{year}-{start // size + 1}"
            shards.append(Shard(name, tuple(sorted(items[start : start + size]))))
    return tuple(shards)


def dumps(shards: tuple[Shard, ...]) -> str:
    """The shard map as docs/ holds it: the pages of every shard but the main one, by name."""
    return json.dumps({"shards": {s.name: list(s.pages) for s in shards if not s.main}}, ensure_ascii=False, indent=1) + "\n"


def loads(text: str | None) -> tuple[Shard, ...]:
    """The shards of a map written by `dumps`; no map (None) is one shard."""
    if text is None:
        return ONE_SHARD
    data = json.loads(text)["shards"]
    return (Shard(MAIN), *(Shard(name, tuple(pages)) for name, pages in data.items()))


def shard_of(shards: tuple[Shard, ...], page: str) -> Shard:
    """The shard that holds a page."""
    return next((s for s in shards if page in s.pages), shards[0])


def stale(shards: tuple[Shard, ...], changed: Iterable[str], before: tuple[Shard, ...] | None = None) -> set[str]:
    """The names of the shards whose index must be made again: those holding a changed (added, rewritten or removed)
    page, in this map or in the previous build's (`before`, the same as this one when not given), and those whose
    pages differ from before's (a page moved to another shard)."""
    before = shards if before is None else before
    listed = {page for shard in shards if not shard.main for page in shard.pages}

    def held(page: str) -> set[str]:
        """The shards that hold a page now and held it before: an explainer a sharded map did not list was not yet
        published (the main shard of a sharded map holds no explainer)."""
        old = shard_of(before, page)
        new_article = old.main and len(before) > 1 and page in listed
        return {shard_of(shards, page).name} | (set() if new_article else {old.name})

    names = {name for page in changed for name in held(page)}
    old = {s.name: set(s.pages) for s in before}
    for shard in shards:
        moved = set(shard.pages) ^ old.get(shard.name, set())
        if moved or shard.name not in old:
            names |= {shard.name}.union(*(held(page) for page in moved))
    return names
