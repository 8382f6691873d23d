"""EDGE: Pagefind on a thread of its own: a locale's search catches up a few seconds after its pages.

As in `make site`, only the shards that hold a changed page are indexed again; the others are the served site's
(generator/search_index.py). At 10,000 explainers a locale has 15 shards, about 60 s of Pagefind in all: indexing
every one after each save kept a core busy for a minute and slowed the next save's page tenfold.
"""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterable, Mapping

from ..config import Project
from ..errors import BuildError
from ..search_index import index_locale, read_shards
from ..shards import SHARDS_DIR, Shard
from ..write import swap

log = logging.getLogger(__name__)


class Indexer:
    """Pagefind, one locale at a time on a thread of its own: search catches up a few seconds after a page.

    Each run writes beside site/ and is swapped in whole, under the lock that guards site/.
    """

    def __init__(self, project: Project, site_lock: threading.Lock) -> None:
        self.project = project
        self.site_lock = site_lock
        self._cond = threading.Condition()
        self._wanted: set[str] = set()
        self._running = False
        self._builds: dict[str, int] = {}  # by locale, the builds that indexed it themselves: a run begun before one is dropped
        #: By locale, the shard map the served index was made with (None: not known, every shard is indexed), and the
        #: pages (locale-relative HTML paths) changed since.
        self._shards: dict[str, tuple[Shard, ...]] = {}
        self._pages: dict[str, set[str]] = {}
        threading.Thread(target=self._loop, name="pagefind", daemon=True).start()

    def request(self, pages: Mapping[str, Iterable[str]]) -> None:
        """Index these locales again: the pages of each that changed since the served index was made."""
        with self._cond:
            for code, changed in pages.items():
                self._pages.setdefault(code, set()).update(changed)
                self._wanted.add(code)
            self._cond.notify_all()

    def cancel(self, codes: Iterable[str]) -> None:
        """A whole build indexes these locales itself (after writing docs/): what is wanted or running for them is out
        of date, and the index it makes is of the shard map in docs/ now."""
        with self._cond:
            for code in codes:
                self._wanted.discard(code)
                self._pages.pop(code, None)
                self._builds[code] = self._builds.get(code, 0) + 1
                self._shards[code] = read_shards(self.project.docs_dir, code)

    def served(self, codes: Iterable[str]) -> None:
        """site/ was found built from docs/ as it is: its index is of docs/' shard map (kept if one is known)."""
        with self._cond:
            for code in codes:
                self._shards.setdefault(code, read_shards(self.project.docs_dir, code))

    def busy(self) -> bool:
        with self._cond:
            return self._running or bool(self._wanted)

    def _loop(self) -> None:
        while True:
            with self._cond:
                self._cond.wait_for(lambda: bool(self._wanted))
                code = min(self._wanted)
                self._wanted.discard(code)
                self._running = True
            try:
                self._index(code)
            except Exception:
                log.exception("search index of %s failed", code)
            finally:
                with self._cond:
                    self._running = False

    def _index(self, code: str) -> None:
        project = self.project
        with self._cond:
            builds = self._builds.get(code, 0)
            before, pages = self._shards.get(code), self._pages.pop(code, set())
        out = project.root / ".build" / "serve" / f"pagefind-{code}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        shards = read_shards(project.docs_dir, code)
        locale = project.site_dir / code
        try:
            if before is None:
                ran = index_locale(locale, shards, out=out)
            else:  # the shards without a changed page are copied from the served site
                ran = index_locale(locale, shards, locale, pages, before=before, out=out)
        except BuildError as exc:
            self._again(code, pages)
            log.warning("search index of %s: %s; it runs again after the next save", code, exc)
            return
        with self.site_lock:
            with self._cond:
                if builds != self._builds.get(code, 0):
                    return  # a whole build indexed the locale meanwhile
                if code in self._wanted:
                    self._pages.setdefault(code, set()).update(pages)  # site/ changed while it ran: the next run has them
                    return
                self._shards[code] = shards
            locale = project.site_dir / code
            if locale.is_dir():
                swap(out / "pagefind", locale / "pagefind")
                # The other shards' indexes, whole: a shard the map no longer has goes with the old folder.
                if (out / SHARDS_DIR).is_dir() or (locale / SHARDS_DIR).is_dir():
                    (out / SHARDS_DIR).mkdir(exist_ok=True)
                    swap(out / SHARDS_DIR, locale / SHARDS_DIR)
        log.info("search index of %s updated (%s)", code, ", ".join(ran) or "no shard changed")

    def _again(self, code: str, pages: set[str]) -> None:
        """A run that failed: its pages wait for the next one."""
        with self._cond:
            self._pages.setdefault(code, set()).update(pages)
