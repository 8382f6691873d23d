"""EDGE: build a locale's site again only where its docs/ changed.

After every complete build, a manifest (.build/site/<locale>.json) records what the locale's site was built from:
the engine (a hash of everything every page depends on: the locale's MkDocs configuration, the theme, the
generator's code, the catalogs, the library versions, whether siblings are precompressed) and each file of
docs/<locale>/ (its hash), and what it wrote (each file of site/<locale>/ with its size, mtime and inode).

The next build of the locale is incremental when the engine is the same and site/<locale>/ is exactly as
recorded (nobody and nothing, such as `make serve`'s live preview, rewrote it): MkDocs renders only the changed
pages (generator/partial.py) into a folder of their own; the new locale folder is the previous one's files as
hard links, with those pages put in place by rename (a hard-linked file is never written into, so the previous
site stays untouched until the swap), the removed pages' files deleted, and the search index made again.
Anything else (no manifest, another engine, a changed or unreadable site) is a full build: a stale entry is
never used. tests/test_incremental.py holds the result byte-identical to a full build after random edits.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from .cache import add_versions, environment_key
from .compress import SUFFIXES, TEXT_SUFFIXES, precompress
from .config import Project
from .shards import SHARDS_DIR, Shard, loads, shards_file
from .write import move, write_atomic

#: Bump when the manifest's layout changes.
FORMAT = 1
#: The libraries that write the site besides those the build cache follows.
ENGINE_LIBRARIES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "pagefind", "pagefind-bin", "brotli")
#: Where the search index lives in a locale's site: its shards are made again by Pagefind or copied, never linked.
SEARCH_DIRS = ("pagefind", SHARDS_DIR)


@dataclass(frozen=True)
class Manifest:
    """What one locale's site was built from and what it wrote."""

    engine: str
    #: docs/<locale>/ path → [sha256, size, mtime_ns]: the hash is taken again only when size or mtime differ.
    sources: dict[str, list[object]]
    #: site/<locale>/ path → [size, mtime_ns, inode].
    outputs: dict[str, list[int]]
    #: The search shards the index was made of (docs/search-shards.<locale>.json; None: one shard).
    shards: str | None


@dataclass(frozen=True)
class Plan:
    """An incremental build of one locale: the docs/ files to render again and those gone since the last build."""

    code: str
    previous: Path
    changed: frozenset[str]
    removed: frozenset[str]
    sources: dict[str, list[object]]
    #: The previous build's search shards.
    shards: tuple[Shard, ...]


def manifest_file(project: Project, code: str) -> Path:
    return project.root / ".build" / "site" / f"{code}.json"


def engine_key(project: Project, code: str, *, compress: bool) -> str:
    """A hash of what every page of the locale depends on besides its own docs/ file."""
    digest = hashlib.sha256(f"{FORMAT}\0{compress}\0{environment_key(project)}\0".encode())
    add_versions(digest, ENGINE_LIBRARIES)
    theme = project.root / "theme"
    files = [project.docs_dir / f"mkdocs.{code}.yml", *sorted(p for p in theme.rglob("*") if p.is_file())]
    for path in files:
        data = path.read_bytes() if path.is_file() else b"\0missing"
        digest.update(f"{path.relative_to(project.root).as_posix()}\0{len(data)}\0".encode())
        digest.update(data)
    return digest.hexdigest()


def _files(folder: Path) -> list[Path]:
    return [folder / rel for rel, _ in _walk(folder)]


def _walk(folder: Path) -> list[tuple[str, os.stat_result]]:
    """Every entry of a tree that is not a folder, as (relative POSIX path, lstat), in path order: os.scandir, which
    has the stat of most entries already, where pathlib's rglob and relative_to took a second for 30,000 files."""
    out: list[tuple[str, os.stat_result]] = []

    def scan(path: str, prefix: str) -> None:
        try:
            entries = list(os.scandir(path))
        except (FileNotFoundError, NotADirectoryError):
            return
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                scan(entry.path, f"{prefix}{entry.name}/")
            else:
                out.append((prefix + entry.name, entry.stat(follow_symlinks=False)))

    scan(str(folder), "")
    out.sort(key=lambda item: item[0])
    return out


def source_hashes(folder: Path, known: dict[str, list[object]] | None = None) -> dict[str, list[object]]:
    """Every file of a locale's docs/ folder with its hash; a file whose size and mtime are as `known` keeps its hash
    (docs/ keeps an unchanged page's file, mtime included: generator/write.py)."""
    known = known or {}
    out: dict[str, list[object]] = {}
    for rel, st in _walk(folder):
        before = known.get(rel)
        if before is not None and before[1:] == [st.st_size, st.st_mtime_ns]:
            out[rel] = before
        else:
            out[rel] = [hashlib.sha256((folder / rel).read_bytes()).hexdigest(), st.st_size, st.st_mtime_ns]
    return out


def output_stats(folder: Path) -> dict[str, list[int]]:
    return {rel: [st.st_size, st.st_mtime_ns, st.st_ino] for rel, st in _walk(folder)}


def load(project: Project, code: str) -> Manifest | None:
    try:
        data = json.loads(manifest_file(project, code).read_text(encoding="utf-8"))
        return Manifest(engine=data["engine"], sources=data["sources"], outputs=data["outputs"], shards=data["shards"])
    except (OSError, ValueError, KeyError, TypeError):
        return None  # none yet, or unreadable: a full build


def forget(project: Project, code: str) -> None:
    """Before anything can change site/<locale>/ (a build, the live preview): no manifest, no incremental build on it."""
    manifest_file(project, code).unlink(missing_ok=True)


def record(project: Project, code: str, engine: str, *, known: dict[str, list[object]] | None = None) -> None:
    """After a complete build swapped in: what site/<locale>/ was built from (`engine`, its engine_key) and what it
    holds (`known`: the hashes of docs/ files already taken, used while their size and mtime hold)."""
    docs, site = project.docs_dir / code, project.site_dir / code
    manifest = {
        "engine": engine,
        "sources": source_hashes(docs, known),
        "outputs": output_stats(site),
        "shards": _shards_text(project, code),
    }
    write_atomic(manifest_file(project, code), json.dumps(manifest, sort_keys=True).encode())


def _shards_text(project: Project, code: str) -> str | None:
    path = project.docs_dir / shards_file(code)
    return path.read_text(encoding="utf-8") if path.is_file() else None


def plan_for(project: Project, code: str, engine: str) -> Plan | None:
    """The incremental build of a locale whose engine_key is `engine`, or None when it must be built in full."""
    previous = load(project, code)
    site = project.site_dir / code
    if previous is None or not site.is_dir() or previous.engine != engine:
        return None
    try:
        if output_stats(site) != previous.outputs:
            return None
    except OSError:
        return None
    sources = source_hashes(project.docs_dir / code, previous.sources)
    changed = frozenset(rel for rel, entry in sources.items() if previous.sources.get(rel, [None])[0] != entry[0])
    removed = frozenset(set(previous.sources) - set(sources))
    try:
        shards = loads(previous.shards)
    except (ValueError, KeyError, TypeError):
        return None
    return Plan(code=code, previous=site, changed=changed, removed=removed, sources=sources, shards=shards)


def output_of(source: str) -> str:
    """The file MkDocs writes for a docs/ file (use_directory_urls: `a/b.md` → `a/b/index.html`)."""
    if not source.endswith(".md"):
        return source
    stem = source[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return stem + ".html"
    return stem + "/index.html"


def _siblings(path: Path) -> list[Path]:
    return [path.with_name(path.name + suffix) for suffix in SUFFIXES]


def build_partial(
    project: Project, plan: Plan, out: Path, env: dict[str, str], *, compress: bool
) -> tuple[subprocess.CompletedProcess[str], set[str]]:
    """The locale's new site in `out`: the previous one carried over by hard links, the changed pages rendered by MkDocs
    and moved in, the removed pages' files deleted. Returns MkDocs' run and the site paths that changed."""
    code = plan.code

    def search_dirs(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if Path(folder) == plan.previous and n in SEARCH_DIRS]

    shutil.copytree(plan.previous, out, copy_function=os.link, ignore=search_dirs)
    touched: set[str] = set()
    result = subprocess.CompletedProcess[str]([], 0, "", "")
    if plan.changed:
        delta = project.root / ".build" / "partial" / code
        shutil.rmtree(delta, ignore_errors=True)
        delta.mkdir(parents=True)
        try:
            listing = delta.with_name(f"{code}.changed")
            listing.write_text("".join(f"{rel}\n" for rel in sorted(plan.changed)), encoding="utf-8")
            config = project.docs_dir / f"mkdocs.{code}.yml"
            cmd = [sys.executable, "-m", "generator.partial", str(config), str(delta), str(listing)]
            result = subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, check=False)
            if result.returncode != 0:
                return result, touched
            for path in _files(delta):
                rel = path.relative_to(delta).as_posix()
                target = out / rel
                if target.is_file() and target.read_bytes() == path.read_bytes():
                    continue  # the same bytes: the previous file, mtime and all, stays
                for sibling in _siblings(target):
                    sibling.unlink(missing_ok=True)
                move(path, target)
                touched.add(rel)
        finally:
            shutil.rmtree(delta, ignore_errors=True)
    for source in plan.removed:
        rel = output_of(source)
        target = out / rel
        for path in [target, *_siblings(target)]:
            path.unlink(missing_ok=True)
        touched.add(rel)
    # A removed page's folder goes when nothing is left in it, as a clean build would not have made it.
    for folder in sorted({(out / rel).parent for rel in touched if not (out / rel).exists()}, key=lambda p: -len(p.parts)):
        while folder != out and folder.is_dir() and not any(folder.iterdir()):
            with contextlib.suppress(OSError):
                folder.rmdir()
            folder = folder.parent
    if compress:
        precompress(out / rel for rel in sorted(touched) if Path(rel).suffix in TEXT_SUFFIXES and (out / rel).is_file())
    return result, touched
