"""`make site` as a maintainer runs it: the first call builds, the next one finds nothing to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from .conftest import ROOT, copy_project


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", *args], cwd=project, capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""}, check=False)


def test_make_site_twice_builds_once(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    first = make(project, "site")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "generator site" in first.stdout and (project / "site" / "hi" / "index.html").is_file()
    assert make(project, "--question", "site").returncode == 0, "make still finds something to do after `make site`"
    second = make(project, "site")
    assert second.returncode == 0 and "generator" not in second.stdout, second.stdout
