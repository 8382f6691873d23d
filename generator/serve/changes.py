"""What a save asks the live server to rebuild (pure): changed paths sorted by kind, and by locale."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

#: What the server watches, relative to the project: the data, the interface, the configuration, the code.
WATCHED = ("articles", "locales", "theme", "mkdocs.yml", "generator")


@dataclass
class Changes:
    """What a set of changed files asks for."""

    restart: bool = False  # the generator's own code changed
    everything: bool = False  # the configuration, the interface or the theme changed
    folders: set[str] = field(default_factory=set)  # article folders whose files changed
    catalogs: set[str] = field(default_factory=set)  # .po files to compile (relative paths)


def classify(paths: Iterable[str]) -> Changes:
    """Sort changed paths (relative to the project, POSIX) by what they ask the server to rebuild."""
    changes = Changes()
    for path in paths:
        parts = path.split("/")
        name = parts[-1]
        if name.startswith(".") or name.endswith("~") or "__pycache__" in parts:
            continue  # editors' swap and backup files, Python's bytecode
        if parts[0] == "generator":
            changes.restart |= not name.endswith((".pyc", ".tmp"))
        elif parts[0] == "articles" and len(parts) > 2:
            changes.folders.add(parts[1])
        elif parts[0] == "articles":
            continue  # not in an article folder: not an article's file
        elif parts[0] == "locales" and name.endswith(".mo"):
            continue  # compiled here from the .po files, or by `make`, whose .po changed too
        elif parts[0] == "locales" and name.endswith(".po"):
            changes.catalogs.add(path)
            changes.everything = True
        elif parts[0] in ("locales", "theme", "mkdocs.yml"):
            changes.everything = True
    return changes


def changed_files(old: dict[str, bytes], new: dict[str, bytes]) -> tuple[list[str], list[str]]:
    """The paths whose content differs or that are new, and the paths that are gone."""
    return sorted(p for p, data in new.items() if old.get(p) != data), sorted(p for p in old if p not in new)


def by_locale(paths: Iterable[str], codes: Iterable[str]) -> dict[str, list[str]]:
    """docs/ paths by the locale whose site they are part of (root files and the epoch are in none)."""
    out: dict[str, list[str]] = {}
    for code in codes:
        found = [p for p in paths if p.startswith(f"{code}/") or p == f"mkdocs.{code}.yml"]
        if found:
            out[code] = found
    return out
