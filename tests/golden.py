"""Regenerate the golden pages: `make golden` (then review `git diff tests/golden`)."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from .conftest import ROOT, copy_project, generator

GOLDEN = ROOT / "tests" / "golden" / "docs"


def generate(dest: Path) -> Path:
    """Generate docs/ for the project's real articles in a copy under dest; return that docs/."""
    project = copy_project(dest / "project")
    generator(project, "build")
    return project / "docs"


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        docs = generate(Path(tmp))
        shutil.rmtree(GOLDEN, ignore_errors=True)
        shutil.copytree(docs, GOLDEN)


if __name__ == "__main__":
    main()
