"""EDGE: put a generated tree on disk, all or nothing, rewriting only what changed.

The new tree is staged beside the old one (unchanged files are hard links, so they keep their mtime),
then swapped in with two renames. Until the swap the old tree is untouched; a crash between the two
renames is repaired by the next run.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from .errors import BuildError


def recover(dest: Path) -> None:
    """Repair a swap cut short between its two renames: the old tree comes back if no new one is in place."""
    old = dest.with_name(dest.name + ".old")
    if old.exists():
        if dest.exists():
            shutil.rmtree(old)
        else:
            old.rename(dest)


def _current(dest: Path) -> dict[str, Path]:
    if not dest.is_dir():
        return {}
    return {p.relative_to(dest).as_posix(): p for p in dest.rglob("*") if p.is_file()}


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

    A failed write() names no file; `path` is the one being written.
    """
    reason = exc.strerror or str(exc)
    where = exc.filename or path
    return f"{reason}: {where}" if where else reason


def swap(stage: Path, dest: Path) -> None:
    """Replace `dest` by `stage`; the old tree stays whole until the new one is in place."""
    old = dest.with_name(dest.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if dest.exists():
        dest.rename(old)
    stage.rename(dest)
    if old.exists():
        shutil.rmtree(old)
