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
#: Every cold build pays for these, for every text file: 23,000 of them at 10,000 explainers. Brotli 7 with a window
#: just the file's size and gzip 6 take 4.9 ms of CPU a file, against 16.7 ms at Brotli 9 (whose larger hash tables
#: cost as much in the kernel's page faults as in compressing) and gzip 9, for files 1.6 % larger (610 files of the
#: benchmark's site, bench/README.md). Brotli 11 is ten times the CPU of 9 for 10 % less.
BROTLI_QUALITY = 7
GZIP_LEVEL = 6
SUFFIXES = (".gz", ".br")


def text_files(folder: Path, *, recursive: bool = True) -> list[Path]:
    """The files under `folder` worth a compressed sibling, in a stable order."""
    found = folder.rglob("*") if recursive else folder.glob("*")
    return sorted(p for p in found if p.suffix in TEXT_SUFFIXES and p.is_file() and not p.is_symlink())


def compressed(data: bytes) -> dict[str, bytes]:
    """The siblings worth writing for `data`: each encoding that makes it smaller, by suffix."""
    if len(data) < MIN_SIZE:
        return {}
    window = max(16, min(24, (len(data) - 1).bit_length()))  # Brotli's window: the file, at most 16 MiB
    out = {
        ".gz": gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0),
        ".br": brotli.compress(data, quality=BROTLI_QUALITY, lgwin=window),
    }
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
