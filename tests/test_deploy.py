"""Deployable as files: precompressed siblings of every text file, and cache headers for hashed assets."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import brotli

from generator.compress import MIN_SIZE, TEXT_SUFFIXES, compressed, drop_precompressed, precompress, text_files
from generator.render.root import IMMUTABLE

#: A content hash in a file name: Material's `bundle.a5f9d56c.min.js`, Pagefind's `hi_2c4eb8b.pf_index`.
HASHED = re.compile(r"[._][0-9a-f]{7,}[._]")


def test_siblings_decompress_to_the_file_and_are_smaller() -> None:
    data = ("<p>संधि पर हस्ताक्षर</p>\n" * 200).encode()
    siblings = compressed(data)
    assert set(siblings) == {".gz", ".br"}
    assert gzip.decompress(siblings[".gz"]) == data
    assert brotli.decompress(siblings[".br"]) == data
    assert all(len(blob) < len(data) for blob in siblings.values())
    assert compressed(data) == siblings  # no name, no time: the same bytes every build
    assert compressed(b"x" * (MIN_SIZE - 1)) == {}


def test_a_preview_drops_the_siblings_it_would_leave_stale(tmp_path: Path) -> None:
    page = tmp_path / "hi" / "index.html"
    page.parent.mkdir()
    page.write_text("<p>पुराना</p>" * 500, encoding="utf-8")
    font = tmp_path / "hi" / "face.woff2.gz"  # not ours: no text file behind it
    font.write_bytes(b"\x1f\x8b")
    assert precompress(text_files(tmp_path)) == 2
    assert drop_precompressed(tmp_path) == 2
    assert sorted(p.name for p in (tmp_path / "hi").iterdir()) == ["face.woff2.gz", "index.html"]


def test_every_text_file_of_the_site_has_its_compressed_siblings(site_dir: Path) -> None:
    files = [p for p in text_files(site_dir) if p.stat().st_size >= MIN_SIZE]
    assert any(p.name == "index.html" and p.parent.name == "hi" for p in files)
    assert site_dir / "sitemap.xml" in files or (site_dir / "sitemap.xml").stat().st_size < MIN_SIZE
    missing = []
    for path in files:
        data = path.read_bytes()
        for suffix, decode in ((".gz", gzip.decompress), (".br", brotli.decompress)):
            sibling = path.with_name(path.name + suffix)
            if sibling.is_file():
                assert decode(sibling.read_bytes()) == data, sibling
            elif suffix in compressed(data):
                missing.append(sibling.relative_to(site_dir).as_posix())
    assert not missing, missing[:10]
    others = [p for p in site_dir.rglob("*") if p.suffix in (".gz", ".br") and Path(p.stem).suffix not in TEXT_SUFFIXES]
    assert not others, "fonts, images and Pagefind's chunks are compressed already"


def _pattern(rule: str) -> re.Pattern[str]:
    """A `_headers` path as Netlify and Cloudflare Pages read it: `:name` one segment, `*` anything."""
    parts = [r"[^/]+" if p.startswith(":") else re.escape(p).replace(r"\*", ".*") for p in rule.split("/")]
    return re.compile("/".join(parts) + "$")


def test_long_cache_headers_cover_exactly_the_hashed_assets(site_dir: Path) -> None:
    headers = (site_dir / "_headers").read_text(encoding="utf-8")
    rules = [line for line in headers.splitlines() if line.startswith("/")]
    assert rules == list(IMMUTABLE)
    assert headers.count("Cache-Control: public, max-age=31536000, immutable") == len(rules)
    patterns = [_pattern(rule) for rule in rules]
    urls = {"/" + p.relative_to(site_dir).as_posix(): p for p in site_dir.rglob("*") if p.is_file() and p.suffix not in (".gz", ".br")}
    cached = {url for url in urls if any(p.match(url) for p in patterns)}
    # A file kept for a year must change its name when it changes.
    assert cached and all(HASHED.search(url.rsplit("/", 1)[-1]) for url in cached), sorted(u for u in cached if not HASHED.search(u))
    # Material's bundles and Pagefind's chunks, the bulk of what a reader fetches twice, are all covered.
    big = {url for url in urls if re.search(r"/(bundle|main|palette)\.[0-9a-f]{8}\.min\.(js|css)$|/pagefind/(index|fragment)/", url)}
    assert big and big <= cached
