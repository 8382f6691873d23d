"""Broken links and anchors, across locales.

1. LinkChecker (PyPI `linkchecker`) crawls the site from the language chooser and from every locale's
   404 page, on the local server: every link, stylesheet, script and image inside the site must
   resolve. External links are not checked (no network here).
2. Every `href` with a `#fragment` to a page of the site must name an id on that page. This is checked
   here, page by page, and not by LinkChecker's AnchorCheck plugin, which its maintainers switched off
   as unreliable (linkchecker/linkchecker#542, #555, #575): with several threads it reported a missing
   anchor on one run and not on the next.
3. Our pages also name their own production address (canonical, hreflang alternates, sitemap, feeds,
   JSON-LD): LinkChecker counts those as external. Every such URL found in the site's text files must
   map to a file of the built site, and an `href` with a `#fragment` to an id on that page.
"""

from __future__ import annotations

import csv
import html.parser
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from . import Finding
from .pages import locales
from .server import serve

LINKCHECKER_CONFIG = """\
[checking]
threads=4
timeout=20
maxrequestspersecond=1000

[filtering]
checkextern=0

[output]
status=0
"""
TEXT_FILES = ("*.html", "*.xml", "*.json", "*.webmanifest", "*.txt")
CANONICAL = re.compile(r'<link rel="canonical" href="(https?://[^/"]+)/')


def run(site_dir: Path) -> list[Finding]:
    site_dir = Path(site_dir)
    return run_linkchecker(site_dir) + check_anchors(site_dir) + check_production_urls(site_dir)


def linkchecker_command() -> list[str]:
    return [sys.executable, "-c", "import sys; from linkcheck.command.linkchecker import linkchecker; sys.exit(linkchecker())"]


def run_linkchecker(site_dir: Path) -> list[Finding]:
    """LinkChecker's errors and warnings (a missing anchor is a warning) on the site served locally."""
    with tempfile.TemporaryDirectory(prefix="linkchecker-") as tmp, serve(site_dir) as base_url:
        config = Path(tmp) / "linkcheckerrc"
        config.write_text(LINKCHECKER_CONFIG, encoding="utf-8")
        Path(tmp).chmod(0o755)  # LinkChecker started as root continues as `nobody`
        config.chmod(0o644)
        starts = [f"{base_url}/"] + [f"{base_url}/{code}/404.html" for code in locales(site_dir)]
        cmd = [*linkchecker_command(), "--config", str(config), "--output", "csv", "--no-status", *starts]
        result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        output = (result.stderr or result.stdout).strip()[-2000:]
        return [Finding("links", "linkchecker", f"LinkChecker failed ({result.returncode}): {output}")]
    findings = []
    rows = csv.DictReader((line for line in result.stdout.splitlines() if line and not line.startswith("#")), delimiter=";")
    for row in rows:
        url = row.get("urlname") or row.get("url") or "?"
        parent = (row.get("parentname") or "").replace(base_url, "") or "(start)"
        where = f"{parent}:{row.get('line') or '?'}"
        if row.get("valid") != "True":
            findings.append(Finding("links", where, f"broken link {url!r}: {row.get('result')}"))
        for warning in filter(None, (row.get("warningstring") or "").split("\n")):
            findings.append(Finding("links", where, f"{url!r}: {_short(warning)}"))
    if result.returncode == 1 and not findings:
        findings.append(Finding("links", "linkchecker", f"LinkChecker reported problems: {result.stdout.strip()[-2000:]}"))
    return findings


def _short(text: str, limit: int = 300) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


class _Ids(html.parser.HTMLParser):
    """The ids (and legacy <a name>s) of a page, and its hrefs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.hrefs: list[tuple[str, int]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            elif name == "href":
                self.hrefs.append((value, self.getpos()[0]))


def _parse(path: Path, cache: dict[Path, _Ids]) -> _Ids:
    if path not in cache:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser
    return cache[path]


def _local_file(site_dir: Path, path: str) -> Path | None:
    target = site_dir.joinpath(*[p for p in unquote(path).split("/") if p and p not in (".", "..")])
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def check_anchors(site_dir: Path) -> list[Finding]:
    """Every relative `href` with a #fragment, on every page, must name an id of the page it leads to.

    A link to a file that does not exist is LinkChecker's finding, not repeated here.
    """
    site_dir = Path(site_dir)
    findings: list[Finding] = []
    cache: dict[Path, _Ids] = {}
    pages = sorted(f for f in site_dir.rglob("*.html") if "assets" not in f.relative_to(site_dir).parts)
    for file in pages:
        rel = file.relative_to(site_dir).as_posix()
        # The address a browser shows for this file: a folder's index.html is the folder.
        here = "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        for href, line in _parse(file, cache).hrefs:
            parts = urlsplit(href)
            if parts.scheme or parts.netloc or not parts.fragment:
                continue
            target = file if not parts.path else _local_file(site_dir, urljoin(here, parts.path))
            if target is None or target.suffix != ".html":
                continue
            fragment = unquote(parts.fragment)
            if fragment not in _parse(target, cache).ids:
                findings.append(Finding("links", f"{rel}:{line}", f"link {href!r}: no id {fragment!r} on that page"))
    return findings


def check_production_urls(site_dir: Path) -> list[Finding]:
    """Every URL on the site's own production origin(s) must name a file of the site (and an existing id)."""
    site_dir = Path(site_dir)
    files = sorted({f for pattern in TEXT_FILES for f in site_dir.rglob(pattern) if "assets" not in f.relative_to(site_dir).parts})
    origins = {m.group(1) for f in files if f.suffix == ".html" for m in CANONICAL.finditer(f.read_text(encoding="utf-8"))}
    if not origins:
        return []
    url_pattern = re.compile("(?:" + "|".join(re.escape(o) for o in sorted(origins)) + r")(/[^\s\"'<>\\)]*)")
    findings: list[Finding] = []
    cache: dict[Path, _Ids] = {}
    for file in files:
        text = file.read_text(encoding="utf-8")
        rel = file.relative_to(site_dir).as_posix()
        hrefs = {href for href, _ in _parse(file, cache).hrefs} if file.suffix == ".html" else set()
        for match in url_pattern.finditer(text):
            url = match.group(0).replace("&amp;", "&")
            parts = urlsplit(url)
            line = text.count("\n", 0, match.start()) + 1
            target = _local_file(site_dir, parts.path)
            if target is None:
                findings.append(Finding("links", f"{rel}:{line}", f"production URL {url} names no file of the built site"))
            elif parts.fragment and url in hrefs and target.suffix == ".html":
                fragment = unquote(parts.fragment)
                if fragment not in _parse(target, cache).ids:
                    findings.append(Finding("links", f"{rel}:{line}", f"production URL {url}: no id {fragment!r} on that page"))
    return findings
