"""EDGE: the site built as separate jobs, one per locale (a CI matrix), then merged into one site/.

    python -m generator build                                # in every job: docs/ from the same data
    python -m generator site --locale hi --out parts/hi      # job 1
    python -m generator site --locale en --out parts/en      # job 2
    python -m generator merge parts/hi parts/en              # → site/, the bytes `generator site` builds

A part is a folder holding one locale's site (`<locale>/`, MkDocs and Pagefind), the site's root files
(`_root/`: language chooser, sitemap, robots.txt, schemas) and `part.json`, written last: a part without
it did not finish. The merge refuses, all problems at once and before touching site/: a part that is
unfinished, a locale missing, given twice or not configured, and parts generated from different docs/
(different data or code: their pages would not link up).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path

from .config import ROOT_DIR, Project
from .errors import BuildError
from .site import build_locale, precompress_root
from .write import swap

log = logging.getLogger(__name__)

#: The file that marks a part as finished, and says what it holds.
MANIFEST = "part.json"


def tree_digest(folder: Path) -> str:
    """A hash of every file under a folder, with its relative path: equal trees, equal digests."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix().encode()
        data = path.read_bytes()
        digest.update(b"%d\0%b\0%d\0" % (len(rel), rel, len(data)))
        digest.update(data)
    return digest.hexdigest()


def build_part(project: Project, code: str, out: Path) -> None:
    """`site --locale`: one locale's site, the root files and the manifest, staged and then put in `out`."""
    out = out.resolve()
    if out.exists() and any(out.iterdir()) and not (out / MANIFEST).is_file():
        raise BuildError(f"{out} exists and is not a part folder (no {MANIFEST}); refusing to replace it")
    stage = out.with_name(out.name + ".new")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        build_locale(project, code, stage / code, compress=True)
        shutil.copytree(project.docs_dir / ROOT_DIR, stage / ROOT_DIR)
        manifest = {"locale": code, "locales": list(project.codes), "docs": tree_digest(project.docs_dir)}
        (stage / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    swap(stage, out)
    log.info("part built: %s/ in %s", code, out)


def check_parts(project: Project, parts: list[Path]) -> dict[str, Path]:
    """The part folder of every configured locale; BuildError listing every reason the parts cannot merge."""
    problems: list[str] = []
    found: dict[str, list[Path]] = {}
    digests: dict[str, list[str]] = {}
    for part in parts:
        try:
            manifest = json.loads((part / MANIFEST).read_text(encoding="utf-8"))
            code, docs = str(manifest["locale"]), str(manifest["docs"])
        except (OSError, ValueError, KeyError, TypeError):
            problems.append(f"{part}: no readable {MANIFEST}: not a finished `site --locale` part")
            continue
        if not (part / code / "index.html").is_file() or not (part / ROOT_DIR / "index.html").is_file():
            problems.append(f"{part}: {code}/index.html or {ROOT_DIR}/index.html is missing: the part is incomplete")
        if code not in project.codes:
            problems.append(f"{part}: locale {code!r} is not configured in locales/locales.yml")
        found.setdefault(code, []).append(part)
        digests.setdefault(docs, []).append(f"{part} ({code})")
    for code in project.codes:
        if code not in found:
            problems.append(f"locale {code!r}: no part; build it with `python -m generator site --locale {code}`")
    for code, where in found.items():
        if len(where) > 1:
            problems.append(f"locale {code!r}: {len(where)} parts ({', '.join(map(str, where))}); give one")
    if len(digests) > 1:
        groups = "; ".join(", ".join(names) for names in digests.values())
        problems.append(f"the parts were built from different docs/ (different data or code): {groups}")
    if problems:
        raise BuildError("cannot merge the parts; nothing was changed:\n" + "\n".join(f"  {p}" for p in problems))
    return {code: found[code][0] for code in project.codes}


def merge_parts(project: Project, parts: list[Path], out: Path) -> None:
    """Assemble a complete site in `out` from one part per locale, as `generator site` would have built it."""
    chosen = check_parts(project, [p.resolve() for p in parts])
    out = out.resolve()
    stage = out.with_name(out.name + ".new")
    shutil.rmtree(stage, ignore_errors=True)
    stage.mkdir(parents=True)
    try:
        for code, part in chosen.items():
            shutil.copytree(part / code, stage / code)
        # The root files are the same in every part (same docs/): take the first's.
        shutil.copytree(next(iter(chosen.values())) / ROOT_DIR, stage, dirs_exist_ok=True)
        precompress_root(next(iter(chosen.values())), stage)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    swap(stage, out)
    log.info("site merged from %d part(s): %s", len(chosen), ", ".join(f"{c}/" for c in chosen))
