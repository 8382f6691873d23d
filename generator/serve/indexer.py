"""EDGE: Pagefind on a thread of its own: a locale's search catches up a few seconds after its pages."""

from __future__ import annotations

import logging
import shutil
import threading
from collections.abc import Iterable

from ..config import Project
from ..errors import BuildError
from ..search_index import index_locale, read_shards
from ..shards import SHARDS_DIR
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
        threading.Thread(target=self._loop, name="pagefind", daemon=True).start()

    def request(self, codes: Iterable[str]) -> None:
        with self._cond:
            self._wanted |= set(codes)
            self._cond.notify_all()

    def cancel(self, codes: Iterable[str]) -> None:
        """A whole build indexes these locales itself: what is wanted or running for them is out of date."""
        with self._cond:
            for code in codes:
                self._wanted.discard(code)
                self._builds[code] = self._builds.get(code, 0) + 1

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
        out = project.root / ".build" / "serve" / f"pagefind-{code}"
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        shards = read_shards(project.docs_dir, code)
        try:
            index_locale(project.site_dir / code, shards, out=out)
        except BuildError as exc:
            log.warning("search index of %s: %s; it runs again after the next save", code, exc)
            return
        with self.site_lock:
            with self._cond:
                if code in self._wanted or builds != self._builds.get(code, 0):
                    return  # site/ changed while it ran: the next run, or that build, has a newer index
            locale = project.site_dir / code
            if locale.is_dir():
                swap(out / "pagefind", locale / "pagefind")
                # The other shards' indexes, whole: a shard the map no longer has goes with the old folder.
                if (out / SHARDS_DIR).is_dir() or (locale / SHARDS_DIR).is_dir():
                    (out / SHARDS_DIR).mkdir(exist_ok=True)
                    swap(out / SHARDS_DIR, locale / SHARDS_DIR)
        log.info("search index of %s updated", code)
