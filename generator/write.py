"""EDGE: put a generated tree on disk, all or nothing, rewriting only what changed.

The new tree is staged beside the old one (unchanged files are hard links, so they keep their mtime),
then swapped in with two renames. Until the swap the old tree is untouched; a crash between the two
renames is repaired by the next run.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from .errors import BuildError

log = logging.getLogger(__name__)


#: Where a replaced tree goes when it cannot be deleted (a read-only folder in it): out of the way of the next swap.
TRASH = Path(".build") / "trash"


def write_atomic(path: Path, data: bytes) -> None:
    """Write one file whole or not at all (a temporary file beside it, renamed into place): a reader, another build
    or the live server, never sees half a file, and an interrupted write leaves the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
        move(Path(tmp), path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def move(source: Path, dest: Path) -> None:
    """Put a finished file in place by rename: a reader sees the old file or the new one, and a file that another
    tree shares by a hard link (generator/incremental.py) is replaced, never written into."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    os.replace(source, dest)


def recover(dest: Path) -> None:
    """Repair a swap cut short between its two renames: the old tree comes back if no new one is in place."""
    old = dest.with_name(dest.name + ".old")
    if old.exists():
        if dest.exists():
            _discard(old, dest)
        else:
            old.rename(dest)


def _discard(tree: Path, dest: Path) -> None:
    """Delete a replaced tree; one that cannot be deleted (a read-only folder in it) is moved to .build/trash/ with a
    warning, so that it never blocks a later build, and the message says how to delete it."""
    try:
        shutil.rmtree(tree)
        return
    except OSError as exc:
        reason = describe(exc)
    stamp = time.time_ns()
    # Into .build/trash/; a read-only top folder cannot change parent (its `..` entry), so then beside it, hidden.
    for trash in (dest.parent / TRASH / f"{dest.name}-{stamp}", dest.with_name(f".{dest.name}.old-{stamp}")):
        try:
            trash.parent.mkdir(parents=True, exist_ok=True)
            tree.rename(trash)
            break
        except OSError:
            continue
    else:
        log.warning("warning: %s/ was replaced, but its previous version could not be deleted (%s): delete %s", dest.name, reason, tree)
        return
    log.warning(
        "warning: %s/ was replaced, but its previous version could not be deleted (%s); it was moved to %s: make it writable "
        "and delete it (chmod -R u+w %s && rm -rf %s)",
        dest.name,
        reason,
        trash.relative_to(dest.parent),
        trash.relative_to(dest.parent),
        trash.relative_to(dest.parent),
    )


def _current(dest: Path) -> dict[str, Path]:
    if not dest.is_dir():
        return {}
    return {p.relative_to(dest).as_posix(): p for p in dest.rglob("*") if p.is_file()}


class Stage:
    """A new tree for `dest`, written file by file beside it (as write_tree does, for files that come one at a
    time, from several processes, and need not all be in memory at once), then swapped in whole by `commit`.

    `put` may be called from forked workers, each writing its own files; `commit` (in one process) is told the
    paths they wrote and which of them changed.
    """

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self.path = dest.with_name(dest.name + ".new")

    def __enter__(self) -> Stage:
        recover(self.dest)
        shutil.rmtree(self.path, ignore_errors=True)
        self._guard(self.path.mkdir, self.path)
        return self

    def __exit__(self, *exc: object) -> None:
        shutil.rmtree(self.path, ignore_errors=True)

    def _guard(self, fn: Callable[[], object], target: Path) -> None:
        try:
            fn()
        except OSError as exc:
            raise BuildError(f"cannot write {self.dest.name}/: {describe(exc, target)}; {self.dest.name}/ is unchanged") from None

    def put(self, rel: str, data: bytes) -> bool:
        """Stage one file; True when it differs from the file of that path in `dest` (an unchanged one is a hard link)."""
        target, old = self.path / rel, self.dest / rel
        changed = True

        def write() -> None:
            nonlocal changed
            target.parent.mkdir(parents=True, exist_ok=True)
            if old.is_file() and not old.is_symlink() and old.stat().st_size == len(data) and old.read_bytes() == data:
                os.link(old, target)
                changed = False
            else:
                target.write_bytes(data)

        self._guard(write, target)
        return changed

    def commit(self, paths: set[str], changed: list[str]) -> list[str]:
        """Swap the staged tree in unless it is `dest` already (same paths, none changed); return the changed paths."""
        if not changed and set(_current(self.dest)) == paths:
            return []
        self._guard(lambda: swap(self.path, self.dest), self.path)
        return sorted(changed)


def write_tree(dest: Path, files: Mapping[str, bytes]) -> list[str]:
    """Make `dest` hold exactly `files` (relative POSIX path → bytes); return the paths written."""
    recover(dest)
    current = _current(dest)
    changed = sorted(rel for rel, data in files.items() if rel not in current or current[rel].read_bytes() != data)
    if not changed and set(current) == set(files):
        return []
    stage = target = dest.with_name(dest.name + ".new")
    try:
        shutil.rmtree(stage, ignore_errors=True)
        for rel, data in sorted(files.items()):
            target = stage / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            if rel in changed:
                target.write_bytes(data)
            else:
                os.link(current[rel], target)
        swap(stage, dest)
    except OSError as exc:
        raise BuildError(f"cannot write {dest.name}/: {describe(exc, target)}; {dest.name}/ is unchanged") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    return changed


def describe(exc: OSError, path: Path | None = None) -> str:
    """An OS error as a reader can act on it: why, and which file ("No space left on device: …/docs.new/hi/x.md").

    A failed write() names no file; `path` is the one being written. A failed copy of a tree (shutil.Error) is told by
    its first failure: the file it could not write, and why.
    """
    reason, where = exc.strerror or str(exc), exc.filename or path
    if isinstance(exc, shutil.Error) and exc.args and isinstance(exc.args[0], list) and exc.args[0]:
        _source, where, why = exc.args[0][0]
        reason = re.sub(r"^\[Errno \d+\] ", "", str(why)).split(":", 1)[0]
    if where and Path(where).is_absolute() and Path(where).is_relative_to(Path.cwd()):
        where = Path(where).relative_to(Path.cwd())  # the project's folders as the user names them: docs.new/hi/x.md
    return f"{reason}: {where}" if where else reason


def swap(stage: Path, dest: Path) -> None:
    """Replace `dest` by `stage`; the old tree stays whole until the new one is in place.

    An OSError means `dest` is unchanged (the old tree is put back); once the new tree is in place, failing to
    delete the old one is a warning, never an error: the build did replace `dest`."""
    old = dest.with_name(dest.name + ".old")
    if old.exists():
        _discard(old, dest)
    if dest.exists():
        dest.rename(old)
    try:
        stage.rename(dest)
    except OSError:
        if old.exists() and not dest.exists():
            old.rename(dest)
        raise
    if old.exists():
        _discard(old, dest)
