"""EDGE: precompressed siblings (`page.html.gz`, `page.html.br`) of the site's text files, for static hosts.

nginx (`gzip_static on; brotli_static on;`), Caddy (`file_server { precompressed br gzip }`) and most static
hosts serve such a sibling as it is to a browser that accepts the encoding: readers get compressed pages from a
plain file server, and the server spends no CPU compressing. The bytes are a function of the file's bytes only
(gzip without a name or a time, Brotli at a fixed quality), so the same site gives the same siblings.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

import brotli

from .write import write_atomic

#: What a browser fetches as text. Fonts, images and Pagefind's chunks are compressed already.
TEXT_SUFFIXES = frozenset({".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".webmanifest"})
#: Below about one network packet a compressed copy saves no round trip, only disk.
MIN_SIZE = 1024
#: Brotli's quality 11 takes ten times the CPU of 9 for 10 % smaller files (9.0 against 0.9 s for the seed site,
#: measured on this machine): every build, cold test builds included, pays it, so 9.
BROTLI_QUALITY = 9
SUFFIXES = (".gz", ".br")


def text_files(folder: Path, *, recursive: bool = True) -> list[Path]:
    """The files under `folder` worth a compressed sibling, in a stable order."""
    found = folder.rglob("*") if recursive else folder.glob("*")
    return sorted(p for p in found if p.suffix in TEXT_SUFFIXES and p.is_file() and not p.is_symlink())


def compressed(data: bytes) -> dict[str, bytes]:
    """The siblings worth writing for `data`: each encoding that makes it smaller, by suffix."""
    if len(data) < MIN_SIZE:
        return {}
    out = {".gz": gzip.compress(data, compresslevel=9, mtime=0), ".br": brotli.compress(data, quality=BROTLI_QUALITY)}
    return {suffix: blob for suffix, blob in out.items() if len(blob) < len(data)}


def precompress(files: Iterable[Path]) -> int:
    """Write the compressed siblings of `files`; return how many were written."""
    written = 0
    for path in files:
        for suffix, blob in compressed(path.read_bytes()).items():
            # Whole or not at all, and never into a file another tree shares by a hard link (generator/incremental.py).
            write_atomic(path.with_name(path.name + suffix), blob)
            written += 1
    return written


def drop_precompressed(folder: Path) -> int:
    """Remove the siblings under `folder` (a live preview rewrites pages in place: they would go stale)."""
    removed = 0
    if folder.is_dir():
        for path in folder.rglob("*"):
            if path.suffix in SUFFIXES and Path(path.stem).suffix in TEXT_SUFFIXES and path.is_file():
                path.unlink()
                removed += 1
    return removed
