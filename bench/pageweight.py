"""What a browser fetches to show one article page: its requests, each counted as a server sends it.

Headless Chromium (checks.browser) loads the page from the local server of the site checks
(checks.server); every request of the page and of its workers is logged. Each file is counted gzipped at
level 6 (nginx's and zlib's usual level), fonts and images as they are. Without Playwright or Chromium,
the requests are found by reading the HTML and CSS instead (`"method": "static"`, approximate: every
font face whose unicode-range the page's text touches).
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Sequence
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from .measure import log

if TYPE_CHECKING:  # Playwright is imported when a browser is used: without it, the page is read statically
    from playwright.sync_api import BrowserContext

#: Files a web server sends compressed (gzip level 6); fonts and images are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt", ".map", ""}


#: The width a figure takes in the benchmark's desktop window (1280 px): the text column (generator/figures.py SIZES).
FIGURE_WIDTH = 688


def _candidates(srcset: str) -> list[tuple[int, str]]:
    """(width, address) of each candidate of a `srcset` with width descriptors."""
    out = []
    for part in srcset.split(","):
        url, _, descriptor = part.strip().partition(" ")
        if url and descriptor.strip().endswith("w"):
            out.append((int(descriptor.strip()[:-1]), url))
    return sorted(out)


def _pick(srcset: str) -> str | None:
    """The candidate a browser takes for FIGURE_WIDTH CSS pixels at 1x: the smallest that is wide enough."""
    candidates = _candidates(srcset)
    return next((url for width, url in candidates if width >= FIGURE_WIDTH), candidates[-1][1] if candidates else None)


class _Refs(HTMLParser):
    """Resources an HTML page references: stylesheets, scripts, preloads, icons, Material's config, and images
    (`<img>`, with the AVIF `<source>` of its `<picture>`), those loaded at once and those loaded lazily."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []
        self.text: list[str] = []
        self._config = False
        self.config = ""
        #: Per image: what a browser fetches for it (AVIF first) and every file it may fetch instead.
        self.eager: list[str] = []
        self.lazy: list[tuple[str, list[str]]] = []
        self._avif = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "source" and a.get("type") == "image/avif":
            self._avif = a.get("srcset", "")
        elif tag == "img" and (a.get("src") or a.get("srcset")):
            chosen = _pick(self._avif) or _pick(a.get("srcset", "")) or a.get("src", "")
            every = [url for _, url in _candidates(self._avif) + _candidates(a.get("srcset", ""))] + [a.get("src", "")]
            if a.get("loading") == "lazy":
                self.lazy.append((chosen, [u for u in every if u]))
            else:
                self.eager.append(chosen)
            self._avif = ""
        if tag == "link" and {"stylesheet", "preload", "icon", "modulepreload"} & set(a.get("rel", "").split()) and a.get("href"):
            self.refs.append(a["href"])
        elif tag == "script" and a.get("src"):
            self.refs.append(a["src"])
        self._config = tag == "script" and a.get("id") == "__config"

    def handle_data(self, data: str) -> None:
        if self._config:
            self.config += data
        else:
            self.text.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._config = False


def _ranges(spec: str) -> list[tuple[int, int]]:
    out = []
    for part in spec.split(","):
        part = part.strip().upper().removeprefix("U+")
        low, _, high = part.partition("-")
        if "?" in low:
            out.append((int(low.replace("?", "0"), 16), int(low.replace("?", "F"), 16)))
        elif low:
            out.append((int(low, 16), int(high or low, 16)))
    return out


def static_requests(site: Path, path: str) -> list[str]:
    """Without a browser: the page, what its HTML and CSS reference, and Material's search worker and index."""
    page_file = site / path.lstrip("/") / "index.html"
    parser = _Refs()
    parser.feed(page_file.read_text(encoding="utf-8"))
    chars = {ord(c) for c in "".join(parser.text)}
    # Images loaded at once; a lazy one only when the reader scrolls near it (see lazy_images).
    found = [path] + [urljoin(path, ref) for ref in parser.refs + parser.eager if not urlsplit(ref).netloc]
    for css in [u for u in found if u.endswith(".css")]:
        text = (site / urlsplit(css).path.lstrip("/")).read_text(encoding="utf-8", errors="replace")
        for face in re.findall(r"@font-face\s*{([^}]*)}", text):
            urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", face)
            ranges = re.search(r"unicode-range\s*:\s*([^;]+)", face)
            if ranges and not any(lo <= c <= hi for c in chars for lo, hi in _ranges(ranges.group(1))):
                continue
            found += [urljoin(css, u) for u in urls[:1]]
    if parser.config:
        config = json.loads(parser.config)
        if config.get("search"):
            base = urljoin(path, config.get("base", ".") + "/")
            index = urljoin(base, "search/search_index.json")
            found += [urljoin(path, config["search"]), index]
            found += _search_scripts(site, base, index)
    return list(dict.fromkeys(found))


def _search_scripts(site: Path, base: str, index: str) -> list[str]:
    """What Material's search worker imports for the index's languages (as its worker code does)."""
    try:
        langs = json.loads((site / index.lstrip("/")).read_text(encoding="utf-8"))["config"]["lang"]
    except (OSError, ValueError, KeyError):
        return []
    lunr = urljoin(base, "assets/javascripts/lunr/")
    scripts = []
    for lang in langs:
        if lang == "ja":
            scripts.append("tinyseg.js")
        elif lang in ("hi", "th"):
            scripts.append("wordcut.js")
        if lang != "en":
            scripts.append(f"min/lunr.{lang}.min.js")
    if len(langs) > 1:
        scripts.append("min/lunr.multi.min.js")
    return [urljoin(lunr, s) for s in (["min/lunr.stemmer.support.min.js", *scripts] if scripts else [])]


def browser_requests(site: Path, paths: dict[str, str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """Load each page in a fresh headless Chromium context; return the paths it fetched and any other host."""
    from checks.browser import launch
    from checks.server import serve

    fetched: dict[str, list[str]] = {}
    elsewhere: dict[str, list[str]] = {}
    with serve(site) as base, launch() as browser:
        for loc, path in paths.items():
            context = browser.new_context()
            requests = _record_requests(context)
            page = context.new_page()
            page.goto(base + path, wait_until="networkidle")
            page.wait_for_timeout(1500)  # a search worker fetches its index after the load event
            page.wait_for_load_state("networkidle")
            context.close()
            fetched[loc] = list(dict.fromkeys(urlsplit(u).path for u in requests if u.startswith(base + "/")))
            elsewhere[loc] = [u for u in requests if not u.startswith((base + "/", "data:"))]
    return fetched, elsewhere


def _record_requests(context: BrowserContext) -> list[str]:
    """The addresses a browser context requests from now on, its pages' workers included (Material's search worker)."""
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    return requests


def lazy_images(site: Path, path: str, fetched: Sequence[str]) -> list[dict[str, Any]]:
    """The page's `loading="lazy"` images that the first load did not fetch (none of their files), each with what a
    desktop reader fetches on scrolling to it: not in the first load's weight, reported beside it."""
    parser = _Refs()
    parser.feed((site / path.lstrip("/") / "index.html").read_text(encoding="utf-8"))
    out = []
    for chosen, every in parser.lazy:
        if not any(urlsplit(urljoin(path, u)).path in fetched for u in every):
            address = urlsplit(urljoin(path, chosen)).path
            out.append({"path": address, "bytes": transfer_bytes(site, address)})
    return out


IMAGES = {".avif", ".webp", ".jpg", ".jpeg", ".png", ".gif"}


def _kind(path: str) -> str:
    suffix = Path(urlsplit(path).path).suffix.lower()
    if path.endswith("/") or suffix == ".html":
        return "html"
    if suffix in IMAGES:
        return "image"
    if "search_index" in path:
        return "search_index"
    return {".css": "css", ".js": "js", ".woff2": "font", ".woff": "font", ".ttf": "font", ".json": "json"}.get(suffix, "other")


def transfer_bytes(site: Path, path: str) -> int:
    file = site / urlsplit(path).path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    if not file.is_file():
        return 0
    data = file.read_bytes()
    return len(gzip.compress(data, 6)) if file.suffix.lower() in COMPRESSIBLE else len(data)


def bench_first_load(site: Path, slug: str, locales: Sequence[str], use_browser: bool) -> dict[str, Any]:
    paths = {loc: f"/{loc}/{slug}/" for loc in locales}
    method = "static"
    elsewhere: dict[str, list[str]] = {loc: [] for loc in locales}
    fetched: dict[str, list[str]] = {}
    if use_browser:
        try:
            fetched, elsewhere = browser_requests(site, paths)
            method = "chromium"
        except Exception as exc:  # no Playwright, no Chromium: read the HTML instead
            log(f"    headless Chromium unavailable ({type(exc).__name__}: {str(exc)[:200]}); reading HTML and CSS instead")
    if method == "static":
        fetched = {loc: static_requests(site, path) for loc, path in paths.items()}
    out: dict[str, Any] = {"method": method, "page": paths, "gzip_level": 6}
    for loc in locales:
        files: list[dict[str, Any]] = [{"path": p, "kind": _kind(p), "bytes": transfer_bytes(site, p)} for p in fetched[loc]]
        by_kind: dict[str, float] = {}
        for f in files:
            by_kind[f["kind"]] = by_kind.get(f["kind"], 0) + f["bytes"] / 1024
        out[loc] = {
            "kb": sum(f["bytes"] for f in files) / 1024,
            "kb_without_search_index": sum(f["bytes"] for f in files if f["kind"] != "search_index") / 1024,
            "by_kind_kb": {k: round(v, 1) for k, v in sorted(by_kind.items())},
            "requests": files,
            "other_hosts": elsewhere.get(loc, []),
            # Below the fold and lazy: fetched when the reader scrolls to them, so not part of the first load.
            "lazy_images_not_loaded": lazy_images(site, paths[loc], [urlsplit(p).path for p in fetched[loc]]),
        }
    return out
