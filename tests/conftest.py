"""Shared fixtures: a throwaway copy of the project, and the real site built from it by MkDocs."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
#: What a build reads; everything else (docs/, site/, .venv) stays out of the copy.
PROJECT_PARTS = ("mkdocs.yml", "articles", "generator", "locales", "theme", "babel.cfg")


def copy_project(dest: Path) -> Path:
    """Copy the buildable part of the project to dest, with freshly compiled catalogs."""
    dest.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(src, dest / part)
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], dest)
    return dest


def run(cmd: list[str], cwd: Path, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


def generator(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ...` in a project folder, as make does."""
    return run([sys.executable, "-m", "generator", *args], cwd, check=check)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with docs/ generated and site/ built by `mkdocs build --strict`."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    generator(project, "build")
    generator(project, "site")
    return project


#: Synthetic explainers (bench/corpus.py) added to the seed ones in `archive_project`.
SYNTHETIC = 45


@pytest.fixture(scope="session")
def archive_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with SYNTHETIC more explainers, built: home, glossary and timeline have several pages."""
    from bench.corpus import write_corpus

    project = copy_project(tmp_path_factory.mktemp("archive") / "project")
    write_corpus(project / "articles", SYNTHETIC)
    generator(project, "build")
    generator(project, "site")
    return project


@pytest.fixture(scope="session")
def site_dir(built_project: Path) -> Path:
    return built_project / "site"
