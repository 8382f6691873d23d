"""EDGE: MkDocs' live-reload server, watching the sources: `python -m generator serve`."""

from __future__ import annotations

import logging
import os
import re
import signal
import sys
from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer

from ..compress import drop_precompressed
from ..config import Project
from ..errors import BuildError
from .changes import WATCHED
from .live import LiveBuild
from .notice import notice_html
from .reloads import Reloads

log = logging.getLogger(__name__)


class _Server(LiveReloadServer):
    """MkDocs' live-reload server, with our notices added to each served page and error pages."""

    live: LiveBuild
    reloads: Reloads

    def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
        content = super()._inject_js_into_html(content, epoch)
        notice = notice_html(self.live.error, self.live.lagging()).encode("utf-8")
        if not notice:
            return content
        end = content.rfind(b"</body>")
        return content[:end] + notice + content[end:] if end >= 0 else content + notice

    def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes] | None:
        """MkDocs' live-reload poll, answered for the page that polls (its Referer): it reloads only when a rebuild
        changed that page, so that a save reloads it once, not again when the lists catch up."""
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        poll = re.fullmatch(r"/livereload/([0-9]+)/[0-9]+", path)
        if poll is None:
            return super()._serve_request(environ, start_response)
        seen = int(poll[1])
        page = urlsplit(environ.get("HTTP_REFERER", "")).path or None
        start_response("200 OK", [("Content-Type", "text/plain")])
        with self._epoch_cond:
            due = self._epoch_cond.wait_for(lambda: self.reloads.due(page, seen, self._visible_epoch), timeout=self.poll_response_timeout)
            return [b"%d" % (self._visible_epoch if due else seen)]

    def rebuild(self) -> None:
        """The builder MkDocs calls: one step of the live build, remembering which pages it changed."""
        self.live.rebuild()
        self.reloads.add(self._wanted_epoch, self.live.touched)

    def wake(self) -> None:
        with self._rebuild_cond:
            self._want_rebuild = True
            self._rebuild_cond.notify_all()


def serve(project: Project, host: str = "127.0.0.1", port: int = 8000, workers: int | None = None) -> None:
    """Build, then serve site/ at http://host:port/ and rebuild on every save until interrupted."""
    # The preview rewrites pages in place, and previews drafts (publication.in_preview): precompressed siblings would go
    # stale, and the next `make site` must build a deployable site again (Makefile: site/index.html depends on this stamp).
    drop_precompressed(project.site_dir)
    (project.root / ".build" / "docs.stamp").unlink(missing_ok=True)
    server = _Server(builder=lambda: server.rebuild(), host=host, port=port, root=str(project.site_dir))
    server.live = live = LiveBuild(project, workers or os.cpu_count() or 1, server.wake)
    server.reloads = Reloads()
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
    signal.signal(signal.SIGINT, _interrupt)
    # The workers that render lists are forked from here and stopped with SIGTERM: not an interrupt to them.
    os.register_at_fork(after_in_child=_default_signals)
    # The thread that answers requests must not keep the process alive if stopping fails half-way.
    server.serve_thread.daemon = True
    try:
        server.serve()
    except KeyboardInterrupt:
        log.info("stopping the server")
        _stop(server)
        _leave(live)
    except OSError as exc:
        _stop(server)
        raise BuildError(f"cannot serve at http://{host}:{port}/: {exc.strerror}") from exc
    except BaseException:
        _stop(server)
        raise


def _leave(live: LiveBuild) -> None:
    """Exit once stopped, without waiting for what a rebuild left running: a group's signal also kills the forked
    workers of a list rebuild, and their pool can then wait forever at the interpreter's exit, leaving a server
    that stopped serving but never ends. No change to site/ is cut in half: the lock that guards it is taken first."""
    live.site_lock.acquire(timeout=30)
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


def _default_signals() -> None:
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)


def _stop(server: _Server) -> None:
    """Stop for good: a second signal (a group's SIGTERM after Ctrl-C, a rebuild's workers dying) must not
    interrupt the shutdown itself, and a part that fails to stop is reported, never left serving."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        server.shutdown()
    except Exception as exc:  # the socket is closed below whatever failed; say what did
        log.warning("stopping the server: %s", exc)
        server.server_close()


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
    """SIGTERM stops the server as Ctrl-C does, once: `make serve` gets a group's SIGTERM and passes it on to us, and
    that second signal, raised inside the shutdown of the first, left the server serving."""
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    raise KeyboardInterrupt


def _error_page(server: _Server, code: int) -> bytes | None:
    """While the data has problems, a missing page shows them (and reloads when they are fixed)."""
    if server.live.error is None:
        return None
    page = f"<!doctype html><html lang=en><title>Build failed</title><body><p>{code}</p></body></html>".encode()
    return server._inject_js_into_html(page, server._visible_epoch)
