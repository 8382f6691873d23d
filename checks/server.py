"""A small static server for the built site, on 127.0.0.1, as a production host would serve it.

- `/hi/` serves `hi/index.html`; `/hi` redirects to `/hi/`; no directory listings.
- A missing page is answered 404 with its locale's own 404 page (`/hi/x/` → `hi/404.html`), as the
  production host is configured to do; outside any locale with the top-level `404.html` if there is one.
- `gzip=True` compresses text responses for clients that accept it (Lighthouse measures what readers
  get; `python -m http.server` sends nothing compressed).
- Every response carries a `LinkChecker` header: LinkChecker then allows more than 10 requests a second.

`python -m checks.server [SITE_DIR] [--port 8000] [--gzip]` runs it on its own.
"""

from __future__ import annotations

import argparse
import gzip
import mimetypes
import posixpath
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from functools import partial
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
    ".woff2": "font/woff2",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".gz": "application/gzip",
}
COMPRESSIBLE = ("text/", "application/json", "application/xml", "image/svg+xml")


class SiteHandler(BaseHTTPRequestHandler):
    """Serves files from `root`; see the module docstring."""

    protocol_version = "HTTP/1.1"
    server_version = "explainers-check"
    sys_version = ""

    def __init__(self, *args: object, root: Path, compress: bool, cache: dict[tuple[Path, int], bytes], **kwargs: object) -> None:
        self.root = root
        self.compress = compress
        self.cache = cache
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    def log_message(self, format: str, *args: object) -> None:  # quiet: the checks report what matters
        pass

    def do_GET(self) -> None:
        self._respond(body=True)

    def do_HEAD(self) -> None:
        self._respond(body=False)

    def _resolve(self, url_path: str) -> tuple[Path | None, str | None]:
        """(file to serve, or None) and a redirect target for a directory without its slash."""
        path = posixpath.normpath(unquote(url_path))
        parts = [p for p in path.split("/") if p and p not in (".", "..")]
        target = self.root.joinpath(*parts)
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = target / "index.html"
        return (target if target.is_file() else None), None

    def _not_found_page(self, url_path: str) -> Path | None:
        first = [p for p in url_path.split("/") if p][:1]
        for candidate in ([self.root / first[0] / "404.html"] if first else []) + [self.root / "404.html"]:
            if candidate.is_file():
                return candidate
        return None

    def _respond(self, *, body: bool) -> None:
        url_path = urlsplit(self.path).path
        target, redirect = self._resolve(url_path)
        if redirect:
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", redirect)
            self.send_header("Content-Length", "0")
            self.send_header("LinkChecker", "allowed")
            self.end_headers()
            return
        status = HTTPStatus.OK
        if target is None:
            status = HTTPStatus.NOT_FOUND
            target = self._not_found_page(url_path)
        if target is None:
            data, ctype = b"Not found\n", TYPES[".txt"]
        else:
            data = target.read_bytes()
            ctype = TYPES.get(target.suffix) or mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        encoded = False
        if self.compress and ctype.startswith(COMPRESSIBLE) and "gzip" in self.headers.get("Accept-Encoding", ""):
            key = (target, target.stat().st_mtime_ns) if target else (Path("-"), 0)
            if key not in self.cache:
                self.cache[key] = gzip.compress(data, compresslevel=9, mtime=0)
            data, encoded = self.cache[key], True
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("LinkChecker", "allowed")
        if self.compress:
            self.send_header("Vary", "Accept-Encoding")
            # What a production host sends for fingerprinted assets; pages are revalidated.
            immutable = "/assets/" in url_path and "." in url_path.rsplit("/", 1)[-1]
            self.send_header("Cache-Control", "public, max-age=31536000" if immutable else "no-cache")
        if encoded:
            self.send_header("Content-Encoding", "gzip")
        self.end_headers()
        if body:
            self.wfile.write(data)


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser closing a kept-alive connection is not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(site_dir: Path, *, gzip: bool = False, port: int = 0) -> Iterator[str]:
    """Serve site_dir on 127.0.0.1 in a background thread; yield its base URL (no trailing slash)."""
    root = Path(site_dir).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"no site to serve at {root}: build it first (`make site`)")
    handler = partial(SiteHandler, root=root, compress=gzip, cache={})
    server = SiteServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, name="checks-site-server", daemon=True)
    thread.start()
    host, bound = server.server_address[:2]
    try:
        yield f"http://{host}:{bound}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m checks.server", description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", default="site", type=Path)
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--gzip", action="store_true", help="compress text responses")
    args = parser.parse_args(argv)
    with serve(args.site_dir, gzip=args.gzip, port=args.port) as url:
        print(f"serving {args.site_dir} at {url}/ (Ctrl-C stops)")  # noqa: T201
        with suppress(KeyboardInterrupt):
            threading.Event().wait()


if __name__ == "__main__":
    main()
