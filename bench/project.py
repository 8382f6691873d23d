"""The scratch project a size is measured in: a copy of the buildable checkout with the synthetic corpus.

The checkout itself is never built in or edited; the copy lives under the run's work folder.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from .corpus import nfc, write_corpus
from .measure import clean_env, measure

ROOT = Path(__file__).resolve().parent.parent
#: What a build reads, plus what `make site` needs; docs/, site/ and articles/ stay out of the copy.
PROJECT_PARTS = ("mkdocs.yml", "generator", "theme", "locales", "babel.cfg", "Makefile", "requirements.txt", "requirements-dev.txt")


def prepare_project(dest: Path, count: int, seed: int) -> list[str]:
    """Copy the buildable part of the checkout to dest, with compiled catalogs and the synthetic corpus; return the slugs."""
    dest.mkdir(parents=True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc"))
        elif src.is_file():
            shutil.copy2(src, dest / part)
    # `make site` in the copy uses the checkout's virtual environment, through a folder of links with make's
    # stamp of its own: a `make` in the checkout (or in another worktree sharing .venv) touches .venv/.site,
    # and the copy's next `make site` would rebuild everything in the middle of a measurement.
    venv = ROOT / ".venv"
    if venv.is_dir():
        (dest / ".venv").mkdir()
        for entry in venv.iterdir():
            if not entry.name.startswith("."):
                (dest / ".venv" / entry.name).symlink_to(entry.resolve())
        (dest / ".venv" / ".site").touch()
    measure([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], dest, clean_env(), sample=False)
    return write_corpus(dest / "articles", count, seed)


def project_locales(project: Path) -> tuple[list[str], str]:
    """The locale codes of the site and the default one, as the generator reads them."""
    codes = measure([sys.executable, "-m", "generator", "locales"], project, clean_env(), sample=False).output.split()
    data = yaml.safe_load((project / "locales" / "locales.yml").read_text(encoding="utf-8"))
    return codes, str(data.get("default") or codes[0])


def mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*") if p.is_file()}


def edit_article(file: Path, marker: str) -> None:
    """Append a word to the first paragraph of a locale file: a change of body text only."""
    text = file.read_text(encoding="utf-8")
    header = "".join(line + "\n" for line in text.splitlines() if line.startswith("#"))
    data = yaml.safe_load(text)
    data["sections"][0]["paragraphs"][0]["text"] += f" {marker}"
    body = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000)
    file.write_text(header + nfc(body), encoding="utf-8")


def source_state() -> dict[str, Any]:
    """Which code was measured: the commit, and the files of the build that differ from it."""

    def git(*args: str) -> str:
        try:
            return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False, timeout=30).stdout
        except OSError:
            return ""

    parts = [p for p in PROJECT_PARTS if p not in ("Makefile", "requirements.txt", "requirements-dev.txt")]
    changed = git("status", "--porcelain", "--", *parts)
    return {"commit": git("rev-parse", "HEAD").strip() or None, "uncommitted": [line[3:] for line in changed.splitlines() if line]}
