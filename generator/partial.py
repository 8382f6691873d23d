"""EDGE: `mkdocs build --strict` of only some pages of a locale, into a folder of their own.

`python -m generator.partial CONFIG SITE_DIR LIST` reads the list of changed files of docs/<locale>/ (one path
a line, relative to the locale's docs_dir) and runs MkDocs' own build with `dirty=True`, deciding what is
"modified" from that list instead of from mtimes: MkDocs still reads its configuration, lists every file and
builds the navigation as in a full build, but reads, renders and writes only the listed pages (and its 404
page, which it always writes). The site is then put together by generator/incremental.py from the previous
site and these pages; tests/test_incremental.py checks that the result is byte-identical to a full build.

Material's bundle is always written (the hooks patch it after every build, and check the patch).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

#: MkDocs' warning that a dirty build may give stale navigation: the pages outside the list are not in any
#: other page's output (articles are not in the navigation), and the byte-identity test holds us to it.
_DIRTY_WARNING = "A 'dirty' build is being performed"


def _not_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(_DIRTY_WARNING)


def partial_build(config_file: str, site_dir: str, changed: set[str], *, by_mtime: bool = False) -> None:
    """MkDocs' build of `config_file` into `site_dir`, writing only the files of docs_dir listed in `changed`.

    `make site` builds into an empty folder and lists every change; `make serve` builds into the live site and
    also takes, `by_mtime`, what MkDocs' own dirty build would (a page an earlier, failed build left behind).
    """
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.structure.files import File

    if not hasattr(File, "_mtime_modified"):
        File._mtime_modified = File.is_modified  # type: ignore[attr-defined]

    def is_modified(file: File) -> bool:
        if file.src_uri in changed or (file.src_uri.startswith("assets/javascripts/bundle.") and file.src_uri.endswith(".min.js")):
            return True
        return by_mtime and bool(file._mtime_modified())  # type: ignore[attr-defined]

    File.is_modified = is_modified  # type: ignore[method-assign, assignment]
    build_log = logging.getLogger("mkdocs.commands.build")
    if _not_dirty_warning not in build_log.filters:
        build_log.addFilter(_not_dirty_warning)
    config = load_config(config_file=config_file, site_dir=site_dir)
    config.plugins.on_startup(command="build", dirty=True)
    try:
        build(config, dirty=True)
    finally:
        config.plugins.on_shutdown()


def main(argv: list[str]) -> int:
    config_file, site_dir, listing = argv
    changed = {line for line in Path(listing).read_text(encoding="utf-8").splitlines() if line}
    # As `mkdocs build --quiet` logs: warnings and errors, in MkDocs' words (strict mode counts the warnings).
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    mkdocs_log = logging.getLogger("mkdocs")
    mkdocs_log.addHandler(handler)
    mkdocs_log.setLevel(logging.WARNING)
    mkdocs_log.propagate = False
    try:
        partial_build(config_file, site_dir, changed)
    except (Exception, SystemExit) as exc:  # MkDocs' Abort ("Aborted with 1 warnings in strict mode!") is a SystemExit
        sys.stderr.write(f"{type(exc).__name__}: {exc}\n")
        return 1
    return 0


if __name__ == "__main__":
    # Material prints its end-of-life notice when it runs under `mkdocs`: so it does here too, and generator.site
    # passes it on once per run, as for a full build (README "The engine and its end of life").
    sys.argv[0] = "mkdocs"
    sys.exit(main(sys.argv[1:]))
