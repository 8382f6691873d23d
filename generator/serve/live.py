"""EDGE: the served build, kept in memory and updated save by save (see the package's docstring)."""

from __future__ import annotations

import gc
import logging
import os
import shutil
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from ..build import ListMemo, article_page, card_files, generate, render_all, write_docs
from ..cache import BuildCache, Entry, folder_key
from ..config import EPOCH_FILE, ROOT_DIR, Project, load_project
from ..errors import BuildError, DataError, ExplainerError
from ..gather import build_time, load_article
from ..i18n import compile_catalog
from ..incremental import output_of
from ..model import Article
from ..publication import in_preview
from ..render.page import Site
from ..site import build_locale, build_site, mkdocs_env
from ..write import swap, write_atomic
from .changes import by_locale, changed_files, classify
from .indexer import Indexer
from .mkdocs_worker import MkDocsWorker
from .reloads import page_urls

log = logging.getLogger(__name__)


def _write_files(dest: Path, files: dict[str, bytes], removed: Iterable[str] = ()) -> None:
    """Write files under dest, each atomically (the server may read them meanwhile), and delete others."""
    for rel, data in files.items():
        write_atomic(dest / rel, data)
    for rel in removed:
        (dest / rel).unlink(missing_ok=True)


#: The files of docs/ that a build makes beside the pages: figures' derivatives and share cards.
IMAGE_SUFFIXES = (".avif", ".jpg", ".png")


class LiveBuild:
    """The served build: every article checked and every docs/ file rendered, updated save by save.

    Only the server's build loop calls `rebuild`, one call at a time; the lists render on a thread of
    their own and hand their result back through `_ready`, and Pagefind runs on another (`Indexer`).
    """

    def __init__(self, project: Project, workers: int, wake: Callable[[], None]) -> None:
        self.project = project
        self.workers = workers
        self.wake = wake  # asks the server's build loop for one more rebuild
        self.error: str | None = None
        #: The served addresses the last rebuild changed (see page_urls); None: every page.
        self.touched: frozenset[str] | None = None
        self.articles: dict[str, Article] = {}  # by folder name
        self.files: dict[str, bytes] = {}  # docs/ as last written
        self.site: Site | None = None
        self.cache: BuildCache | None = None
        self.everything = True  # a whole build is due (the first, or after a configuration change)
        self.folders: set[str] = set()  # article folders saved since their last good build
        self.generation = 0  # counts article updates: a list rendering of an older one is dropped
        #: The lists' thread's records and list pages of each locale, kept between saves while the site stays the same.
        self._memos: tuple[Site | None, dict[str, ListMemo]] = (None, {})
        self._lock = threading.Lock()  # guards the fields below, shared with the lists' thread
        self._changed: set[str] = set()
        self._ready: tuple[int, dict[str, bytes]] | None = None  # lists rendered, not yet written
        self._job: tuple[int, Site, list[Article], dict[str, bytes]] | None = None  # lists to render next
        self._rendering = False
        self.site_lock = threading.Lock()  # held while site/ changes, so that the indexer never swaps into it
        self.indexer = Indexer(project, self.site_lock)
        self._workers: dict[str, MkDocsWorker] = {}  # by locale

    # The watcher's thread records what changed; the build loop takes it.
    def record(self, path: str) -> None:
        try:
            rel = Path(path).resolve().relative_to(self.project.root).as_posix()
        except ValueError:
            return
        with self._lock:
            self._changed.add(rel)

    def lagging(self) -> bool:
        with self._lock:
            behind = self._rendering or self._ready is not None
        return behind or self.indexer.busy()

    def rebuild(self) -> None:
        """One step of the loop; never raises, so that the server keeps serving the last good pages."""
        with self._lock:
            changed, self._changed = self._changed, set()
        changes = classify(changed)
        failed_before = self.error is not None
        self.touched = frozenset()
        if changes.restart:
            restart()
        self.everything |= changes.everything
        self.folders |= changes.folders
        collecting = gc.isenabled()
        gc.disable()  # as in build_docs: the build makes many objects that live on, and frees none
        try:
            for po in sorted(changes.catalogs):
                _compile_catalog(self.project.root / po)
            if self.everything:
                self._everything()
            elif self.folders:
                self._articles()
            else:
                self._take_ready()
            self.error = None
            if failed_before:
                self.touched = None  # the error notice leaves every page
        except DataError as exc:
            self.error = f"{exc}\n{len(exc.problems)} problem(s) found; docs/ and site/ are unchanged."
            self.touched = None
            log.error("%s", self.error)
        except ExplainerError as exc:
            self.error = f"error: {exc}"
            self.touched = None
            log.error("%s", self.error)
        except Exception:  # a bug, not bad data: say so, keep serving
            self.error = traceback.format_exc()
            self.touched = None
            log.error("%s", self.error)
        finally:
            if collecting:
                gc.enable()

    # -- whole build: what `make site` does, keeping the result in memory
    def _everything(self) -> None:
        self.touched = None
        for worker in self._workers.values():
            worker.settle()  # no MkDocs build may still be writing to site/
        project = self.project = self.indexer.project = load_project(self.project.root)
        cache = BuildCache.for_project(project)
        gathered, site, files = generate(project, cache, self.workers)
        articles = gathered.articles
        changed = write_docs(project, cache, gathered, files)
        if changed or not self._site_current():
            with self.site_lock:
                self.indexer.cancel(project.codes)
                build_site(project, compress=False)
        else:
            self.indexer.served(project.codes)
            log.info("site/ is up to date")
        self.cache, self.site, self.files = cache, site, files
        self.articles = {Path(a.folder).name: a for a in articles}
        self.everything, self.folders = False, set()
        with self._lock:
            self.generation += 1
            self._ready = self._job = None
        env = mkdocs_env(project)
        for worker in self._workers.values():  # they remember the theme's files, which may have changed
            worker.close()
        self._workers = {}
        for code in project.codes:  # started now, so that the first save finds MkDocs imported
            self._worker(code, env)
        gc.freeze()  # the build's objects live on: the collector need not walk them again

    def _site_current(self) -> bool:
        """Whether site/ was built after the last change to docs/ and everything else its pages depend on."""
        project = self.project
        built = [project.site_dir / code / "index.html" for code in project.codes]
        if not all(p.is_file() for p in built):
            return False
        inputs = [project.docs_dir, project.root / "theme", project.root / "generator", project.locales_dir]
        newest = max(
            [(project.root / "mkdocs.yml").stat().st_mtime]
            + [p.stat().st_mtime for d in inputs for p in d.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
        )
        return min(p.stat().st_mtime for p in built) > newest and all(
            (project.site_dir / rel[len(ROOT_DIR) + 1 :]).is_file() for rel in self.files if rel.startswith(f"{ROOT_DIR}/")
        )

    # -- step 1: the saved articles' own pages
    def _articles(self) -> None:
        start = time.monotonic()
        project, site = self.project, self.site
        assert site is not None
        names = frozenset(p.name for p in project.articles_dir.iterdir() if p.is_dir() and not p.name.startswith("."))
        if any(name not in self.articles or name not in names for name in self.folders):
            self.everything = True  # an article added or removed: the whole build checks the set
            self._everything()
            return
        problems, loaded = [], {}
        for name in sorted(self.folders):
            article, found = load_article(project, project.articles_dir / name, names)
            problems += found
            if article is not None:
                loaded[name] = article
        if problems:
            raise DataError(problems)
        pages = {
            f"{code}/{a.slug}.md": article_page(site, site.localize(a, code))
            for a in in_preview(loaded.values(), build_time())  # drafts shown; a scheduled article waits for its moment
            for code in project.codes
            if site.editions.shows(a, code)
        }
        # The share cards show the title and standfirst: redrawn with the pages (from the cache when unchanged).
        cards = card_files(site, self.cache, list(loaded.values()), self.workers, lambda page: page in pages, every_article=False)
        written, _ = changed_files(self.files, {**self.files, **pages, **cards})
        _write_files(project.docs_dir, {p: {**pages, **cards}[p] for p in written})
        self._mkdocs(by_locale(written, project.codes), full=set())
        self.touched = page_urls(written)
        self.site, self.folders = site, set()
        self.articles.update(loaded)
        self.files.update(pages)
        self.files.update(cards)
        if self.cache is not None:
            for name, a in loaded.items():
                self.cache.put(
                    name,
                    Entry(
                        folder_key(self.cache.environment, project.articles_dir / name),
                        a,
                        {c: pages[f"{c}/{a.slug}.md"] for c in project.codes if f"{c}/{a.slug}.md" in pages},
                    ),
                )
        pages_built = ", ".join(p.removesuffix(".md") + "/" for p in written if p.endswith(".md")) or "nothing: the pages did not change"
        log.info("rebuilt %s in %.2f s", pages_built, time.monotonic() - start)
        self._render_lists()

    # -- step 2: every page that lists articles, rendered on a thread while the server serves
    def _render_lists(self) -> None:
        """Ask for the lists of the current articles; one rendering at a time, the newest request next."""
        assert self.site is not None
        articles = sorted(self.articles.values(), key=lambda a: (a.data.published.moment, a.slug), reverse=True)  # as load_articles
        pages = {
            f"{c}/{a.slug}.md": self.files[f"{c}/{a.slug}.md"]
            for a in articles
            for c in self.project.codes
            if f"{c}/{a.slug}.md" in self.files
        }
        site = self.site
        with self._lock:
            self.generation += 1
            self._job = (self.generation, site, articles, pages)
            start, self._rendering = not self._rendering, True
        if start:
            threading.Thread(target=self._lists_loop, name="lists", daemon=True).start()

    def _lists_loop(self) -> None:
        while True:
            with self._lock:
                job, self._job = self._job, None
                if job is None:
                    self._rendering = False
                    return
            generation, site, articles, pages = job
            if self._memos[0] is not site:  # catalogs, templates or settings changed: nothing earlier holds
                self._memos = (site, {code: ListMemo(code) for code in self.project.codes})
            try:
                # Only the saved articles are localized again, and only the list pages that show them rendered.
                files = render_all(site, articles, pages, self.workers, memos=self._memos[1])
            except Exception:
                log.exception("rendering the lists failed")
                continue
            with self._lock:
                if generation != self.generation:
                    continue  # an article changed meanwhile: its request is next
                self._ready = (generation, files)
            self.wake()

    def _take_ready(self) -> None:
        """Write the lists rendered in the background, if they are still current; rebuild their pages."""
        with self._lock:
            ready, self._ready = self._ready, None
        if ready is None or ready[0] != self.generation:
            return
        # The lists' rendering makes no image: the figures' derivatives and the share cards stay as they are.
        files = {**ready[1], **{p: data for p, data in self.files.items() if p.endswith(IMAGE_SUFFIXES)}}
        written, removed = changed_files(self.files, files)
        _write_files(self.project.docs_dir, {p: files[p] for p in written}, removed)
        codes = self.project.codes
        full = set(codes) if EPOCH_FILE in written else set(by_locale(removed, codes)) | {c for c in codes if f"mkdocs.{c}.yml" in written}
        self._mkdocs(by_locale(written + removed, codes), full)
        self.touched = page_urls(written + removed, full)
        root = {p[len(ROOT_DIR) + 1 :]: files[p] for p in written if p.startswith(f"{ROOT_DIR}/")}
        with self.site_lock:
            _write_files(self.project.site_dir, root)
        self.files = files
        log.info("lists updated: %d file(s) of docs/", len(written) + len(removed))

    # -- MkDocs on the locales whose docs/ files changed: only those pages, or the whole locale
    def _mkdocs(self, locales: dict[str, list[str]], full: set[str]) -> None:
        if not locales and not full:
            return
        project, env = self.project, mkdocs_env(self.project)

        def one(code: str) -> str | None:
            out = project.site_dir / code
            if code in full:  # pages were removed or every page changed: the whole locale, then swap it in
                stage = project.root / ".build" / "serve" / code
                shutil.rmtree(stage, ignore_errors=True)
                stage.parent.mkdir(parents=True, exist_ok=True)
                build_locale(project, code, stage)
                swap(stage, out)
                return None
            changed = [p.removeprefix(f"{code}/") for p in locales.get(code, []) if p.startswith(f"{code}/")]
            error = self._worker(code, env).build(project.docs_dir / f"mkdocs.{code}.yml", out, changed)
            return None if error is None else f"[{code}] {error}"

        codes = sorted(set(locales) | full)
        for code in codes:
            self._worker(code, env).settle()  # no first build may still be writing to site/
        with self.site_lock, ThreadPoolExecutor(max_workers=len(codes)) as pool:
            self.indexer.cancel(full)
            failed = [r for r in pool.map(one, codes) if r]
        if failed:
            raise BuildError("mkdocs build failed\n" + "\n".join(failed))
        self.indexer.request({c: [output_of(p.removeprefix(f"{c}/")) for p in locales.get(c, [])] for c in codes if c not in full})

    def _worker(self, code: str, env: dict[str, str]) -> MkDocsWorker:
        worker = self._workers.get(code)
        if worker is None or not worker.usable(env):
            if worker is not None:
                worker.close()
            config, site_dir = self.project.docs_dir / f"mkdocs.{code}.yml", self.project.site_dir / code
            worker = self._workers[code] = MkDocsWorker(self.project, env, config, site_dir)
        return worker


def _compile_catalog(po: Path) -> None:
    """messages.po → messages.mo, as `make` does: checked first, and a broken catalog is shown over the page."""
    compile_catalog(po, po.with_suffix(".mo"))


def restart() -> None:
    """Run the server again, as the same process: the generator's code changed under it."""
    log.info("generator/ changed: restarting the server")
    for handler in logging.getLogger().handlers:
        handler.flush()
    os.execv(sys.executable, [sys.executable, "-m", "generator", *sys.argv[1:]])
