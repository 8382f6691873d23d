"""The per-locale job split: `site --locale xx` in separate processes, then `merge`, gives the site one
`site` build gives, byte for byte; the merge refuses parts that cannot make a complete site."""

from __future__ import annotations

import filecmp
import json
import shutil
import subprocess
import sys
from pathlib import Path

from tests.conftest import copy_project, generator


def _tree(root: Path) -> dict[str, Path]:
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


def _differences(a: Path, b: Path) -> list[str]:
    files_a, files_b = _tree(a), _tree(b)
    differ = sorted(set(files_a) ^ set(files_b))
    return differ + [rel for rel in sorted(set(files_a) & set(files_b)) if not filecmp.cmp(files_a[rel], files_b[rel], shallow=False)]


def test_locales_built_as_separate_jobs_merge_into_the_site_of_one_build(built_project: Path, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    # Two jobs, as a CI matrix runs them: separate processes, separate output folders, at the same time.
    jobs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator", "site", "--locale", code, "--out", str(parts / code)],
            cwd=built_project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for code in ("hi", "en")
    ]
    for job in jobs:
        output, _ = job.communicate(timeout=600)
        assert job.returncode == 0, output
    assert sorted(p.name for p in (parts / "hi").iterdir()) == ["_root", "hi", "part.json"]

    merged = tmp_path / "merged"
    generator(built_project, "merge", str(parts / "hi"), str(parts / "en"), "--out", str(merged))
    assert _tree(merged), "nothing merged"
    assert _differences(merged, built_project / "site") == []


def test_the_merge_refuses_incomplete_or_mismatched_parts(built_project: Path, tmp_path: Path) -> None:
    parts = tmp_path / "parts"
    generator(built_project, "site", "--locale", "hi", "--out", str(parts / "hi"))
    out = tmp_path / "site"
    out.mkdir()
    (out / "previous.html").write_text("the previous site", encoding="utf-8")

    def refused(*args: str) -> str:
        result = generator(built_project, "merge", *args, "--out", str(out), check=False)
        assert result.returncode == 1, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
        assert [p.name for p in out.iterdir()] == ["previous.html"]  # the output is left as it was
        return result.stderr

    # A locale missing.
    assert "locale 'en': no part" in refused(str(parts / "hi"))
    # A locale given twice (and so, here, one missing).
    shutil.copytree(parts / "hi", tmp_path / "hi-again")
    error = refused(str(parts / "hi"), str(tmp_path / "hi-again"))
    assert "locale 'hi': 2 parts" in error and "locale 'en': no part" in error
    # A job that did not finish: its folder has no part.json.
    shutil.copytree(parts / "hi", tmp_path / "unfinished")
    (tmp_path / "unfinished" / "part.json").unlink()
    assert "no readable part.json" in refused(str(tmp_path / "unfinished"))

    # A part generated from other data: another checkout whose article was edited since.
    other = copy_project(tmp_path / "other")
    file = other / "articles" / "north-korea-russia-defence-treaty" / "en.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("title: ", "title: Edited ", 1), encoding="utf-8")
    generator(other, "build")
    generator(other, "site", "--locale", "en", "--out", str(parts / "en"))
    assert json.loads((parts / "en" / "part.json").read_text(encoding="utf-8"))["locale"] == "en"
    assert "built from different docs/" in refused(str(parts / "hi"), str(parts / "en"))

    # A locale that is not configured.
    result = generator(built_project, "site", "--locale", "fr", "--out", str(parts / "fr"), check=False)
    assert result.returncode == 1 and "locale 'fr' is not configured" in result.stderr
    assert not (parts / "fr").exists()
