"""EDGE: `python -m generator serve`: build once, serve site/, and on every save rebuild what it affects.

The editor's loop. MkDocs' own LiveReloadServer (what `mkdocs serve` runs) serves site/, watches the
sources and reloads the open page after each rebuild; its reload script, and our notices, are added to
the HTML as it is served, never to the files in site/.

The server keeps the build in memory (every article checked, every page of docs/ rendered), so that a
save in `articles/<slug>/` costs little, in two steps:

1. that article is read and checked again, its own pages rendered and written to docs/, and MkDocs
   rebuilds only those pages (`mkdocs build --dirty` into the served site): the browser reloads;
2. meanwhile, in the background, the pages that list every article (home, glossary, timeline, feed,
   sitemap) are rendered again; the next step writes those that changed, MkDocs rebuilds them, and
   Pagefind re-indexes the locale. Until then the page says that lists and search may lag behind.

A change anywhere else (locales/, theme/, mkdocs.yml) rebuilds everything, as `make site` would; a
change in generator/ restarts the server, whose code it is. Bad data leaves docs/ and site/ as they
were: the problems are printed and shown over every served page until a save fixes them.
"""

from __future__ import annotations

import gc
import html
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pagefind_bin
import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer

from .build import generate, render_all, write_docs
from .cache import BuildCache, Entry, folder_key
from .config import EPOCH_FILE, ROOT_DIR, Project, load_project
from .errors import BuildError, DataError, ExplainerError
from .gather import build_time, load_article
from .model import Article
from .publication import on_site
from .render.article import render_article
from .render.page import Site
from .site import PAGEFIND, build_locale, build_site, mkdocs_env
from .write import swap

log = logging.getLogger(__name__)

#: What the server watches, relative to the project: the data, the interface, the configuration, the code.
WATCHED = ("articles", "locales", "theme", "mkdocs.yml", "generator")


# --- what a change affects (pure) ----------------------------------------------------------------------


@dataclass
class Changes:
    """What a set of changed files asks for."""

    restart: bool = False  # the generator's own code changed
    everything: bool = False  # the configuration, the interface or the theme changed
    folders: set[str] = field(default_factory=set)  # article folders whose files changed
    catalogs: set[str] = field(default_factory=set)  # .po files to compile (relative paths)


def classify(paths: Iterable[str]) -> Changes:
    """Sort changed paths (relative to the project, POSIX) by what they ask the server to rebuild."""
    changes = Changes()
    for path in paths:
        parts = path.split("/")
        name = parts[-1]
        if name.startswith(".") or name.endswith("~") or "__pycache__" in parts:
            continue  # editors' swap and backup files, Python's bytecode
        if parts[0] == "generator":
            changes.restart |= not name.endswith((".pyc", ".tmp"))
        elif parts[0] == "articles" and len(parts) > 2:
            changes.folders.add(parts[1])
        elif parts[0] == "articles":
            continue  # not in an article folder: not an article's file
        elif parts[0] == "locales" and name.endswith(".mo"):
            continue  # compiled here from the .po files, or by `make`, whose .po changed too
        elif parts[0] == "locales" and name.endswith(".po"):
            changes.catalogs.add(path)
            changes.everything = True
        elif parts[0] in ("locales", "theme", "mkdocs.yml"):
            changes.everything = True
    return changes


def changed_files(old: dict[str, bytes], new: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """The paths whose content differs or that are new, and the paths that are gone."""
    return sorted(p for p, data in new.items() if old.get(p) != data), sorted(p for p in old if p not in new)


def by_locale(paths: Iterable[str], codes: Iterable[str]) -> dict[str, list[str]]:
    """docs/ paths by the locale whose site they are part of (root files and the epoch are in none)."""
    out: dict[str, list[str]] = {}
    for code in codes:
        found = [p for p in paths if p.startswith(f"{code}/") or p == f"mkdocs.{code}.yml"]
        if found:
            out[code] = found
    return out


def notice_html(error: str | None, lagging: bool) -> str:
    """What the server shows over a served page: the last build's problems (escaped), or that lists lag."""
    style = "position:fixed;left:0;right:0;z-index:10000;margin:0;padding:.6em 1em;font:14px/1.4 system-ui,sans-serif;"
    if error is not None:
        return (
            f'<div id="serve-error" role="alert" style="{style}top:0;max-height:70vh;overflow:auto;'
            'background:#fff0f0;color:#6b0000;border-bottom:3px solid #b00000">'
            "<strong>The last save did not build: you see the last good pages. Fix the data and save again.</strong>"
            f'<pre style="white-space:pre-wrap;margin:.5em 0 0;font:13px/1.4 monospace">{html.escape(error)}</pre></div>'
        )
    if lagging:
        return (
            f'<div id="serve-lag" role="status" style="{style}bottom:0;background:#fffbe6;color:#4d3b00;border-top:2px solid #d9a400">'
            "Updating lists and search in the background: they may lag a few seconds behind this page.</div>"
        )
    return ""


# --- the build kept in memory --------------------------------------------------------------------------


def _write_files(dest: Path, files: dict[str, bytes], removed: Iterable[str] = ()) -> None:
    """Write files under dest, each atomically (the server may read them meanwhile), and delete others."""
    for rel, data in files.items():
        target = dest / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
    for rel in removed:
        (dest / rel).unlink(missing_ok=True)


def _run(cmd: list[str], project: Project, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, check=False)


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
        self.articles: dict[str, Article] = {}  # by folder name
        self.files: dict[str, bytes] = {}  # docs/ as last written
        self.site: Site | None = None
        self.cache: BuildCache | None = None
        self.everything = True  # a whole build is due (the first, or after a configuration change)
        self.folders: set[str] = set()  # article folders saved since their last good build
        self.generation = 0  # counts article updates: a list rendering of an older one is dropped
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
        except DataError as exc:
            self.error = f"{exc}\n{len(exc.problems)} problem(s) found; docs/ and site/ are unchanged."
            log.error("%s", self.error)
        except ExplainerError as exc:
            self.error = f"error: {exc}"
            log.error("%s", self.error)
        except Exception:  # a bug, not bad data: say so, keep serving
            self.error = traceback.format_exc()
            log.error("%s", self.error)
        finally:
            if collecting:
                gc.enable()

    # -- whole build: what `make site` does, keeping the result in memory
    def _everything(self) -> None:
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
                build_site(project)
        else:
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
            f"{code}/{a.slug}.md": render_article(site, site.localize(a, code), site.translations(a, code)).encode("utf-8")
            for a in on_site(loaded.values(), build_time())  # a scheduled article waits for its moment, here too
            for code in project.codes
            if site.shows(a, code)
        }
        written, _ = changed_files(self.files, {**self.files, **pages})
        _write_files(project.docs_dir, {p: pages[p] for p in written})
        self._mkdocs(by_locale(written, project.codes), full=set())
        self.site, self.folders = site, set()
        self.articles.update(loaded)
        self.files.update(pages)
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
        pages_built = ", ".join(p.removesuffix(".md") + "/" for p in written) or "nothing: the pages did not change"
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
            try:
                files = render_all(site, articles, pages, self.workers)
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
        files = ready[1]
        written, removed = changed_files(self.files, files)
        _write_files(self.project.docs_dir, {p: files[p] for p in written}, removed)
        codes = self.project.codes
        full = set(codes) if EPOCH_FILE in written else set(by_locale(removed, codes)) | {c for c in codes if f"mkdocs.{c}.yml" in written}
        self._mkdocs(by_locale(written + removed, codes), full)
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
            error = self._worker(code, env).build(project.docs_dir / f"mkdocs.{code}.yml", out)
            return None if error is None else f"[{code}] {error}"

        codes = sorted(set(locales) | full)
        for code in codes:
            self._worker(code, env).settle()  # no first build may still be writing to site/
        with self.site_lock, ThreadPoolExecutor(max_workers=len(codes)) as pool:
            self.indexer.cancel(full)
            failed = [r for r in pool.map(one, codes) if r]
        if failed:
            raise BuildError("mkdocs build failed\n" + "\n".join(failed))
        self.indexer.request([c for c in codes if c not in full])

    def _worker(self, code: str, env: dict[str, str]) -> MkDocsWorker:
        worker = self._workers.get(code)
        if worker is None or not worker.usable(env):
            if worker is not None:
                worker.close()
            config, site_dir = self.project.docs_dir / f"mkdocs.{code}.yml", self.project.site_dir / code
            worker = self._workers[code] = MkDocsWorker(self.project, env, config, site_dir)
        return worker


class MkDocsWorker:
    """A Python process with MkDocs and Material imported, building one locale's changed pages on request.

    Starting Python and importing MkDocs and Material is most of the time of a one-page `mkdocs build
    --dirty`: the process is started once, and each request costs only the build.
    """

    def __init__(self, project: Project, env: dict[str, str], config: Path, site_dir: Path) -> None:
        self.env = env
        cmd = [sys.executable, "-c", "from generator.serve import mkdocs_worker; mkdocs_worker()"]
        self.proc = subprocess.Popen(cmd, cwd=project.root, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        # A first build with nothing to do: the first save then finds the theme listed and the templates loaded.
        self._send(config, site_dir)
        self._pending = True

    def _send(self, config: Path, site_dir: Path) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps({"config": str(config), "site_dir": str(site_dir)}) + "\n")
        self.proc.stdin.flush()

    def settle(self) -> str | None:
        """Wait for the build in progress, if any (the first); its error, or None."""
        if not self._pending:
            return None
        self._pending = False
        assert self.proc.stdout is not None
        try:
            reply = self.proc.stdout.readline()
        except OSError as exc:
            return f"the MkDocs worker stopped: {exc}"
        if not reply:
            return "the MkDocs worker stopped (see the messages above)"
        error: str | None = json.loads(reply).get("error")
        return error

    def usable(self, env: dict[str, str]) -> bool:
        """Alive, and with the environment (the build's date) this build needs."""
        return self.proc.poll() is None and env.get("SOURCE_DATE_EPOCH") == self.env.get("SOURCE_DATE_EPOCH")

    def build(self, config: Path, site_dir: Path) -> str | None:
        """`mkdocs build --dirty` of one configuration into site_dir; the error, or None."""
        self.settle()
        try:
            self._send(config, site_dir)
        except OSError as exc:
            return f"the MkDocs worker stopped: {exc}"
        self._pending = True
        return self.settle()

    def close(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()


def mkdocs_worker() -> None:
    """The process of a MkDocsWorker: a JSON request a line on stdin, a JSON reply a line on stdout."""
    import jinja2
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    # Every MkDocs build lists the theme's files to copy them: Material's are some 14,000 (its icons),
    # listed and filtered in about half a second, the largest part of a one-page build. The theme does
    # not change while this process lives (a change to theme/ rebuilds everything and starts new workers).
    listing = jinja2.Environment.list_templates
    listed: dict[Any, list[str]] = {}

    def list_templates(env: jinja2.Environment, extensions: Any = None, filter_func: Any = None) -> list[str]:
        key = (tuple(getattr(env.loader, "searchpath", ())), extensions, getattr(filter_func, "__code__", None))
        if key not in listed:
            listed[key] = listing(env, extensions, filter_func)
        return list(listed[key])

    jinja2.Environment.list_templates = list_templates  # type: ignore[method-assign, assignment]
    replies = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)  # whatever MkDocs or a hook prints goes to the terminal, not into the replies
    errors: list[str] = []
    handler = logging.Handler(logging.ERROR)
    handler.emit = lambda record: errors.append(record.getMessage())  # type: ignore[method-assign]
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.ERROR)  # as --quiet: a dirty build always warns that it is dirty
    mkdocs_log.propagate = False
    for line in sys.stdin:
        request = json.loads(line)
        errors.clear()
        reply: dict[str, str] = {}
        try:
            config = load_config(config_file=request["config"], site_dir=request["site_dir"])
            config.plugins.on_startup(command="build", dirty=True)
            try:
                build(config, dirty=True)
            finally:
                config.plugins.on_shutdown()
        except (Exception, SystemExit) as exc:  # MkDocs' Abort is a SystemExit
            reply["error"] = "\n".join([*errors, f"{type(exc).__name__}: {exc}"])
        replies.write(json.dumps(reply) + "\n")
        replies.flush()


def _compile_catalog(po: Path) -> None:
    """messages.po → messages.mo, as `make` does with pybabel compile (fuzzy entries left out)."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po.open("rb") as fd:
        catalog = read_po(fd)
    with po.with_suffix(".mo").open("wb") as fd:
        write_mo(fd, catalog)


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
        out.parent.mkdir(parents=True, exist_ok=True)
        cmd = [str(pagefind_bin.get_executable()), "--site", str(project.site_dir / code), "--output-path", str(out), *PAGEFIND]
        result = _run(cmd, project, dict(os.environ))
        if result.returncode != 0:
            log.warning("search index of %s: pagefind failed; it runs again after the next save\n%s", code, result.stderr.strip())
            return
        with self.site_lock:
            with self._cond:
                if code in self._wanted or builds != self._builds.get(code, 0):
                    return  # site/ changed while it ran: the next run, or that build, has a newer index
            target = project.site_dir / code / "pagefind"
            if target.parent.is_dir():
                swap(out, target)
        log.info("search index of %s updated", code)


# --- the server ------------------------------------------------------------------------------------------


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, with our notices added to each served page and error pages."""

    live: LiveBuild

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        notice = notice_html(self.live.error, self.live.lagging()).encode("utf-8")
        if not notice:
            return content
        end = content.rfind(b"</body>")
        return content[:end] + notice + content[end:] if end >= 0 else content + notice

    def wake(self) -> None:
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


def restart() -> None:
    """Run the server again, as the same process: the generator's code changed under it."""
    log.info("generator/ changed: restarting the server")
    for handler in logging.getLogger().handlers:
        handler.flush()
    os.execv(sys.executable, [sys.executable, "-m", "generator", *sys.argv[1:]])


def serve(project: Project, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    """Build, then serve site/ at http://host:port/ and rebuild on every save until interrupted."""
    server = _Server(builder=lambda: server.live.rebuild(), host=host, port=port, root=str(project.site_dir))
    server.live = live = LiveBuild(project, workers or os.cpu_count() or 1, server.wake)
    live.rebuild()
    if live.error is not None and not project.site_dir.is_dir():
        project.site_dir.mkdir()  # nothing built yet: the server shows the problems until they are fixed
    server.error_handler = lambda code: _error_page(server, code)
    # Native file events (inotify) where the OS has them: a save is seen at once, not at the next poll.
    server.observer = _WriteObserver()
    try:
        _watch(server, live)
    except OSError:  # no inotify watch left: poll every half second, as `mkdocs serve` does
        server.observer = watchdog.observers.polling.PollingObserver(timeout=0.5)
        server._watched_paths.clear()
        server._watch_refs.clear()
        _watch(server, live)
    signal.signal(signal.SIGTERM, _interrupt)
    # The workers that render lists are forked from here and stopped with SIGTERM: not an interrupt to them.
    os.register_at_fork(after_in_child=lambda: signal.signal(signal.SIGTERM, signal.SIG_DFL))
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("stopping the server")
    except OSError as exc:
        raise BuildError(f"cannot serve at http://{host}:{port}/: {exc.strerror}") from exc
    finally:
        server.shutdown()


#: The events of a save (written, created, deleted, renamed), not those of reading a file, as every build does.
WRITES = (
    watchdog.events.FileCreatedEvent,
    watchdog.events.FileModifiedEvent,
    watchdog.events.FileClosedEvent,
    watchdog.events.FileDeletedEvent,
    watchdog.events.FileMovedEvent,
)


class _WriteObserver(watchdog.observers.Observer):  # type: ignore[misc, valid-type]
    """inotify's observer, reporting writes only: with every event, each build's reads would start another."""

    def schedule(self, event_handler: Any, path: Any, *, recursive: bool = False, event_filter: Any = None) -> Any:
        return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or list(WRITES))


def _watch(server: _Server, live: LiveBuild) -> None:
    """Rebuild on any change under WATCHED, and tell the build which files changed."""
    recorder = watchdog.events.FileSystemEventHandler()

    def record(event: Any) -> None:
        if event.is_directory:
            return  # a folder's own events: what changed in it comes as file events (moves too)
        live.record(event.src_path)
        if getattr(event, "dest_path", ""):
            live.record(event.dest_path)

    recorder.on_any_event = record  # type: ignore[method-assign]
    for part in WATCHED:
        path = live.project.root / part
        if path.exists():
            server.watch(str(path))
            server.observer.schedule(recorder, str(path if path.is_dir() else path.parent), recursive=path.is_dir())


def _interrupt(signum: int, frame: Any) -> None:
    """SIGTERM stops the server as Ctrl-C does."""
    raise KeyboardInterrupt


def _error_page(server: _Server, code: int) -> bytes | None:
    """While the data has problems, a missing page shows them (and reloads when they are fixed)."""
    if server.live.error is None:
        return None
    page = f"<!doctype html><html lang=en><title>Build failed</title><body><p>{code}</p></body></html>".encode()
    return server._inject_js_into_html(page, server._visible_epoch)
