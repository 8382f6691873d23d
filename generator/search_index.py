"""EDGE: a locale's Pagefind index, one Pagefind run per shard (generator/shards.py), each over its own pages only.

Each run reads a folder of hard links that mirrors the shard's pages at their paths under the locale's site, so
that Pagefind's URLs are the ones a single run over the whole locale gives. With the previous build's site, a
shard none of whose pages changed is copied from it instead of being indexed again.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

import pagefind_bin  # Pagefind's binary, run directly: `python -m pagefind` only starts Python to find it

from .errors import BuildError
from .shards import SHARDS_DIR, Shard, loads, shards_file, stale

#: Pagefind indexes the text of the explainers (title, body, headings, editor's notes, claims) and the
#: editors' guide: not the home page or the 404 page, whose text is a list of titles or a message, and not
#: what repeats that text in another form: an explainer's key facts, timeline, glossary, sources and
#: corrections log, or the site glossary and timeline made of them; nor the citation numbers («[28][22]»),
#: which no one searches for and which made excerpts of them. A search then lists each explainer
#: once, and indexing, which takes most of a large build's time and memory, does half the work.
PAGEFIND = [
    "--root-selector",
    "article.md-content__inner",
    "--glob",
    "*/**/*.html",
    "--exclude-selectors",
    "[data-pagefind-ignore], .headerlink, .citations, .key-facts, .timeline-block, dl.glossary, nav.glossary-index, ol.sources, "
    "ol.corrections",
]

#: The files of a Pagefind index that the search page loads first; its chunks are index/*.pf_index.
PAGEFIND_FILES = ("pagefind.js", "pagefind-entry.json")


def read_shards(docs: Path, code: str) -> tuple[Shard, ...]:
    """A locale's shards as `generator build` wrote them to docs/ (no map: one shard)."""
    path = docs / shards_file(code)
    return loads(path.read_text(encoding="utf-8") if path.is_file() else None)


def index_locale(
    locale_dir: Path,
    shards: tuple[Shard, ...],
    previous: Path | None = None,
    changed: Iterable[str] | None = None,
    *,
    before: tuple[Shard, ...] | None = None,
    out: Path | None = None,
    env: Mapping[str, str] | None = None,
) -> list[str]:
    """Index a locale's built pages into `out` (the locale's own folder unless given); return the shards Pagefind ran for.

    With `previous` (the locale's folder of the previous build) and `changed` (the pages, relative to the locale's
    folder, added, rewritten or removed since), a shard holding none of them is copied from `previous`, not indexed
    again; `before` is the previous build's shard map, if the shards may have changed. Raises BuildError when
    Pagefind fails.
    """
    out = locale_dir if out is None else out
    redo = None if previous is None or changed is None else stale(shards, changed, before)
    others = {page for shard in shards if not shard.main for page in shard.pages}
    ran: list[str] = []
    for shard in shards:
        target = out / shard.bundle
        if redo is not None and previous is not None and shard.name not in redo and (previous / shard.bundle).is_dir():
            if (previous / shard.bundle).resolve() != target.resolve():
                shutil.rmtree(target, ignore_errors=True)
                # Copied, not linked: a later step (precompression, `make serve`) may rewrite the files of either.
                shutil.copytree(previous / shard.bundle, target)
            continue
        shutil.rmtree(target, ignore_errors=True)  # Pagefind adds to a folder: no chunk of an older index may stay
        if len(shards) == 1:
            _pagefind(locale_dir, target, env)
        else:
            pages = shard.pages if not shard.main else sorted(_rest(locale_dir, others))
            with tempfile.TemporaryDirectory(prefix=".pagefind-", dir=out.parent) as tmp:
                _mirror(locale_dir, pages, Path(tmp))
                _pagefind(Path(tmp), target, env)
        ran.append(shard.name)
    return ran


def _rest(locale_dir: Path, others: set[str]) -> Iterable[str]:
    """The locale's HTML pages that no other shard holds, outside the indexes themselves."""
    for path in locale_dir.rglob("*.html"):
        rel = path.relative_to(locale_dir).as_posix()
        if rel not in others and not rel.startswith(("pagefind/", f"{SHARDS_DIR}/")):
            yield rel


def _mirror(locale_dir: Path, pages: Iterable[str], tmp: Path) -> None:
    """Hard links to `pages` at their paths under `tmp` (copies across file systems)."""
    for page in pages:
        source, link = locale_dir / page, tmp / page
        if not source.is_file():
            continue  # a page the locale no longer has: its shard is indexed without it
        link.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(source, link)
        except OSError:
            shutil.copyfile(source, link)


def _pagefind(site: Path, output: Path, env: Mapping[str, str] | None) -> None:
    cmd = [str(pagefind_bin.get_executable()), "--site", str(site), "--output-path", str(output), *PAGEFIND]
    result = subprocess.run(cmd, env=None if env is None else dict(env), capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BuildError(f"pagefind failed for {output.name}/\n{(result.stderr or result.stdout).strip()}")


def missing_index(stage: Path, code: str, shards: tuple[Shard, ...]) -> list[str]:
    """The files of every shard's index that a locale's built site lacks, as site/<code>/… paths."""
    missing: list[str] = []
    for shard in shards:
        index = stage / code / shard.bundle
        missing += [f"site/{code}/{shard.bundle}/{name}" for name in PAGEFIND_FILES if not (index / name).is_file()]
        if not any((index / "index").glob("*.pf_index")):
            missing.append(f"site/{code}/{shard.bundle}/index/*.pf_index")
    return missing
