"""EDGE: run MkDocs (then Pagefind) once per locale, in parallel, into a staging folder, then swap it in as site/.

One MkDocs project per locale gives each language its own search index, 404 page and `<html lang>`;
the locales are independent, so they build side by side on the available cores.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .compress import precompress, text_files
from .config import EPOCH_FILE, ROOT_DIR, Project
from .errors import BuildError
from .incremental import SEARCH_DIRS, Plan, build_partial, engine_key, forget, manifest_file, plan_for, record
from .search_index import index_locale, missing_index, read_shards
from .write import describe, recover, swap

log = logging.getLogger(__name__)


def source_date_epoch(project: Project) -> str:
    """SOURCE_DATE_EPOCH for MkDocs: the caller's, or the one `generator build` derived from the data."""
    if os.environ.get("SOURCE_DATE_EPOCH"):
        return os.environ["SOURCE_DATE_EPOCH"]
    return (project.docs_dir / EPOCH_FILE).read_text(encoding="utf-8").strip()


def _build_locale(
    project: Project, code: str, out: str, env: dict[str, str], *, compress: bool = False, plan: Plan | None = None
) -> tuple[str, subprocess.CompletedProcess[str]]:
    """`mkdocs build --strict` for one locale, then its Pagefind index, then (for a deployable site) the
    precompressed siblings of its text files. With a `plan`, MkDocs renders only the changed pages and the rest
    of the previous site is carried over (generator/incremental.py)."""
    if plan is None:
        config = project.docs_dir / f"mkdocs.{code}.yml"
        cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--config-file", str(config), "--site-dir", out]
        result = subprocess.run(cmd, cwd=project.root, env=env, capture_output=True, text=True, check=False)
    else:
        result, touched = build_partial(project, plan, Path(out), env, compress=compress)
        pages = {rel for rel in touched if rel.endswith(".html")}
        _rebuilt[code] = len(pages) if plan.changed or plan.removed else 0
    engine_notice(result.stderr)
    result.stderr = _NOTICE_BLOCK.sub("", _ANSI.sub("", result.stderr or "")).strip()  # a failure's own words, not the notice
    if result.returncode == 0:
        try:
            shards = read_shards(project.docs_dir, code)
            if plan is None:
                index_locale(Path(out), shards, env=env)
            else:  # the shards none of whose pages changed are the previous build's
                index_locale(Path(out), shards, plan.previous, pages, before=plan.shards, env=env)
        except BuildError as exc:
            result = subprocess.CompletedProcess(result.args, 1, "", str(exc))
    if result.returncode == 0 and compress:
        # Incremental: the carried-over files keep their siblings, the changed ones got theirs; the index is new.
        precompress(text_files(Path(out)) if plan is None else [f for d in SEARCH_DIRS for f in text_files(Path(out) / d)])
    return code, result


#: Material prints its end-of-life notice on stderr at every `mkdocs build`; the build keeps MkDocs' output quiet, so
#: it is passed on here, once per run, never hidden (README "The engine and its end of life").
_NOTICE = re.compile(r"Material for MkDocs reaches end of life[^\n]*(?:\n[^\n]*){0,5}")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
#: The whole notice, as Material prints it (a framed block, then how to silence it), to leave a failure's own words.
_NOTICE_BLOCK = re.compile(r"[^\n]*Material for MkDocs reaches end of life.*?NO_MKDOCS_2_WARNING=1\.[^\n]*\n?", re.S)
_told: list[str] = []
#: By locale, how many pages an incremental build wrote (for the summary line).
_rebuilt: dict[str, int] = {}


def engine_notice(stderr: str) -> str | None:
    """The engine's own deprecation notice in a build's output, logged the first time it is seen; None if none."""
    found = _NOTICE.search(_ANSI.sub("", stderr or ""))
    if found is None:
        return None
    text = " ".join(line.strip(" │") for line in found.group().splitlines() if line.strip(" │"))
    if not _told:
        _told.append(text)
        log.warning('%s (README: "The engine and its end of life")', text)
    return text


def precompress_root(docs: Path, site: Path) -> None:
    """The precompressed siblings of the site's root files (copied from docs/_root into `site`)."""
    source = docs / ROOT_DIR
    precompress(site / p.relative_to(source) for p in text_files(source))


def _summary(output: str) -> str:
    """A tool's error output for a reader: a Python traceback (MkDocs crashed: a full disk, a broken
    template) shrinks to the exception and the place it was raised."""
    text = output.strip()
    head, sep, trace = text.partition("Traceback (most recent call last):")
    if not sep:
        return text
    lines = [line.strip() for line in trace.splitlines() if line.strip()]
    frames = [line for line in lines if line.startswith('File "')]
    error = next((line for line in reversed(lines) if not line.startswith(("File ", "^", "~")) and ":" in line), lines[-1] if lines else "")
    where = f" ({frames[-1]})" if frames else ""
    return f"{head.strip()}\n{error}{where}".strip()


_ERRNO = re.compile(r"\[Errno \d+\] ([^:'(\n]+)(?:: '([^']*)'(?: -> '([^']*)')?)?")


def _os_error(summaries: list[str], root: Path) -> str | None:
    """ "File too large: site.new/hi/assets/x.woff2" when every summary is an OS error (errno, reason, file), else None."""
    found = [_ERRNO.search(s) for s in summaries]
    first = found[0] if found else None
    if first is None or not all(found):
        return None
    path = first[3] or first[2]
    if not path:
        return first[1].strip()
    shown = os.path.relpath(path, root) if os.path.isabs(path) and Path(path).is_relative_to(root) else path
    return f"{first[1].strip()}: {shown}"


def missing_pages(docs: Path, stage: Path, code: str) -> list[str]:
    """What a locale's built site lacks: a page for every page of docs/<code>/, the 404 page, every shard's search index.

    Checked before the swap, so that no failure MkDocs or Pagefind did not report (a killed or
    disk-starved process, another build's hand) can install a site without a language or without search.
    """
    pages = {"index.html", "404.html"}
    for md in (docs / code).rglob("*.md"):
        rel = md.relative_to(docs / code).with_suffix("")
        pages.add((rel.parent if rel.name == "index" else rel).joinpath("index.html").as_posix())
    missing = [f"site/{code}/{page}" for page in sorted(pages) if not (stage / code / page).is_file()]
    return missing + missing_index(stage, code, read_shards(docs, code))


def build_site(project: Project, *, compress: bool = True) -> None:
    """Build site/ from docs/: every locale with `mkdocs build --strict`, then the root page; with `compress` (a
    deployable site, not the live preview, which rewrites pages in place) their precompressed siblings.

    Everything is built in site.new/ and swapped in only when complete: a failed, interrupted or
    disk-starved build leaves site/ as it was.
    """
    for path in [*(f"mkdocs.{c}.yml" for c in project.codes), ROOT_DIR, EPOCH_FILE]:
        if not (project.docs_dir / path).exists():
            raise BuildError(f"docs/{path} is missing; run `python -m generator build` first")
    recover(project.site_dir)
    _rebuilt.clear()
    stage = project.root / "site.new"
    env = mkdocs_env(project)
    skipped: dict[str, str] = {}  # draft locales left out, with why
    plans: dict[str, Plan | None] = {}
    engines: dict[str, str] = {}
    try:
        shutil.rmtree(stage, ignore_errors=True)
        stage.mkdir()
        # A locale whose previous site is as recorded is built again only where its docs/ changed.
        engines = {code: engine_key(project, code, compress=compress) for code in project.codes}
        plans = {code: plan_for(project, code, engines[code]) for code in project.codes}
        with ThreadPoolExecutor(max_workers=max(1, min(len(project.locales), os.cpu_count() or 1))) as pool:

            def build(code: str) -> tuple[str, subprocess.CompletedProcess[str]]:
                return _build_locale(project, code, str(stage / code), env, compress=compress, plan=plans[code])

            results = list(pool.map(build, project.codes))
        failed = {code: _summary(r.stderr or r.stdout) for code, r in results if r.returncode != 0}
        if failed and (os_error := _os_error(list(failed.values()), project.root)):
            # A full disk or a read-only folder fails every locale alike: one line, as for docs/, not one repr per locale.
            raise BuildError(f"cannot write the new site: {os_error}; site/ is unchanged")
        # The root files were rendered by `generator build` with everything else: copy, don't reload.
        shutil.copytree(project.docs_dir / ROOT_DIR, stage, dirs_exist_ok=True)
        if compress:
            precompress_root(project.docs_dir, stage)
        missing = {code: missing_pages(project.docs_dir, stage, code) for code in project.codes if code not in failed}
        # A draft locale is a translator's work in progress, linked from nowhere: if it does not build, the published
        # locales are swapped in without it, and the translator is told why.
        drafts = {loc.code for loc in project.locales if loc.status == "draft"}
        skipped = {code: failed.pop(code) for code in sorted(drafts & set(failed))}
        skipped |= {code: f"incomplete: {', '.join(missing.pop(code)[:5])} missing" for code in sorted(drafts) if missing.get(code)}
        if failed:
            details = "\n".join(f"[{code}] {summary}" for code, summary in failed.items())
            raise BuildError(f"mkdocs build failed for {', '.join(failed)}; site/ is unchanged\n{details}")
        lacking = [path for paths in missing.values() for path in paths]
        if lacking:
            shown = ", ".join(lacking[:10]) + (f" and {len(lacking) - 10} more" if len(lacking) > 10 else "")
            raise BuildError(f"the new site is incomplete ({shown} missing); site/ is unchanged")
        for code, summary in skipped.items():
            shutil.rmtree(stage / code, ignore_errors=True)
            log.warning(
                "draft locale %s did not build and is left out of site/ (the published locales are built):\n[%s] %s", code, code, summary
            )
        for code in project.codes:
            forget(project, code)  # from here until recorded, site/ is not what any manifest says
        swap(stage, project.site_dir)
    except OSError as exc:
        raise BuildError(f"cannot write the new site: {describe(exc)}; site/ is unchanged") from None
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for code in project.codes:
        if code in skipped:
            continue
        try:
            done = plans.get(code)
            record(project, code, engines[code], known=done.sources if done else None)
        except OSError as exc:  # the site is built; only the next build's shortcut is lost
            log.warning("warning: %s: %s; the next build of %s is a full one", manifest_file(project, code), describe(exc), code)
            forget(project, code)
    log.info("site built: %s", ", ".join(_built(code) for code in project.codes if code not in skipped))


def _built(code: str) -> str:
    """How a locale was built: in full, or which part of it again (the rest carried over from the previous site)."""
    if code not in _rebuilt:
        return f"site/{code}/"
    count = _rebuilt.pop(code)
    if count == 0:
        return f"site/{code}/ unchanged"
    return f"site/{code}/ ({count} page{'s' if count != 1 else ''} rebuilt, the rest carried over)"


def mkdocs_env(project: Project) -> dict[str, str]:
    """The environment of every MkDocs run: the build's date from the data, and MkDocs' 2.0 notice off."""
    return {**os.environ, "SOURCE_DATE_EPOCH": source_date_epoch(project)}


def build_locale(project: Project, code: str, out: Path, *, compress: bool = False) -> None:
    """One locale's `mkdocs build --strict` and Pagefind index into `out`: a job of its own (`site --locale`, `serve`);
    `compress` for a deployable part (`serve` rewrites pages in place, and siblings would go stale)."""
    if code not in project.codes:
        raise BuildError(f"locale {code!r} is not configured in locales/locales.yml (configured: {', '.join(project.codes)})")
    for path in (f"mkdocs.{code}.yml", EPOCH_FILE):
        if not (project.docs_dir / path).exists():
            raise BuildError(f"docs/{path} is missing; run `python -m generator build` first")
    _, result = _build_locale(project, code, str(out), mkdocs_env(project), compress=compress)
    if result.returncode != 0:
        raise BuildError(f"mkdocs build failed for {code}\n[{code}] {(result.stderr or result.stdout).strip()}")
