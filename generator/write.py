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


def _recover(dest: Path) -> None:
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
    _recover(dest)
    current = _current(dest)
    changed = sorted(rel for rel, data in files.items() if rel not in current or current[rel].read_bytes() != data)
    if not changed and set(current) == set(files):
        return []
    stage = dest.with_name(dest.name + ".new")
    if stage.exists():
        shutil.rmtree(stage)
    for rel, data in sorted(files.items()):
        target = stage / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if rel in changed:
            target.write_bytes(data)
        else:
            os.link(current[rel], target)
    swap(stage, dest)
    return changed


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
