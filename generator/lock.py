"""EDGE: one writer at a time: every command that writes docs/, site/, schema/, the cache or article files
holds an exclusive lock on .build/lock; a second one waits for it.

Two builds side by side share the staging folders (docs.new, site.new) and each would swap in what the
other half-wrote. `fcntl.flock` is released by the kernel when its holder dies, however it dies (kill -9
included), so a crashed build never leaves a stale lock behind.
"""

from __future__ import annotations

import fcntl
import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

log = logging.getLogger(__name__)

LOCK_FILE = ".build/lock"


@contextmanager
def exclusive(root: Path) -> Iterator[None]:
    """Hold the project's build lock; say once which process holds it if we must wait."""
    path = root / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "?"
            log.info("waiting for another build (pid %s)…", holder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        # Who holds it, for the message above; written only while we hold it.
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode("ascii"), 0)
        yield
    finally:
        os.close(fd)  # releases the lock
