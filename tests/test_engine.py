"""The engine can be swapped by one dependency: ProperDocs, MkDocs' maintained fork, builds our pages byte for byte
as MkDocs does; and Material's end-of-life notice reaches the maintainer instead of being hidden."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from generator.site import engine_notice


def _build(project: Path, engine: str, out: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": (project / "docs" / "source-date-epoch.txt").read_text(encoding="utf-8").strip()}
    cmd = [sys.executable, "-m", engine, "build", "--strict", "--quiet", "-f", "docs/mkdocs.en.yml", "-d", str(out)]
    result = subprocess.run(cmd, cwd=project, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return result


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_properdocs_builds_the_pages_byte_for_byte_as_mkdocs_does(built_project: Path, tmp_path: Path) -> None:
    mkdocs = _build(built_project, "mkdocs", tmp_path / "mkdocs")
    _build(built_project, "properdocs", tmp_path / "properdocs")
    pages, fork = _tree(tmp_path / "mkdocs"), _tree(tmp_path / "properdocs")
    assert "index.html" in pages and "north-korea-russia-defence-treaty/index.html" in pages
    assert sorted(pages) == sorted(fork)
    assert [name for name in pages if pages[name] != fork[name]] == []
    # Material still says when it ends, and the build passes it on (once) rather than hiding it.
    notice = engine_notice(mkdocs.stderr)
    assert notice is not None and "May 5, 2027" in notice and "\x1b" not in notice
