"""Two builds at once (issue 11, item 6): they take turns, and site/ is never installed incomplete.

Both runs used to share the staging folders docs.new and site.new: one could swap in a site the other
had half-built (no hi/, or only en/pagefind/), or fail on the half-written files of the other.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from subprocess import PIPE, STDOUT

import pytest

from generator.lock import exclusive

from .conftest import copy_project, generator

ARTICLE = Path("articles/chandrayaan-3-moon-landing")
TRIALS = 3


def missing_from_site(project: Path) -> list[str]:
    """What a reader would miss: per locale, a page for every page of docs/, the 404 page, the search index."""
    codes = sorted(p.name.split(".")[1] for p in (project / "docs").glob("mkdocs.*.yml"))
    assert codes, "no locale configuration in docs/"
    missing = [] if (project / "site" / "index.html").is_file() else ["site/index.html"]
    for code in codes:
        site = project / "site" / code
        pages = ["index.html", "404.html", "pagefind/pagefind.js", "pagefind/pagefind-entry.json"]
        for md in (project / "docs" / code).rglob("*.md"):
            rel = md.relative_to(project / "docs" / code).with_suffix("")
            pages.append((rel.parent if rel.name == "index" else rel).joinpath("index.html").as_posix())
        missing += [f"site/{code}/{page}" for page in pages if not (site / page).is_file()]
        if not any((site / "pagefind" / "index").glob("*.pf_index")):
            missing.append(f"site/{code}/pagefind/index/*.pf_index")
    return missing


def snapshot(project: Path, *parts: str) -> dict[str, bytes]:
    return {p.relative_to(project).as_posix(): p.read_bytes() for part in parts for p in sorted((project / part).rglob("*")) if p.is_file()}


def edit(project: Path, n: int) -> None:
    """A real change to an article, so that both builds rewrite docs/ too."""
    file = project / ARTICLE / "en.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(text.replace("India landed", f"India landed ({n})", 1), encoding="utf-8")


def test_two_builds_at_once_take_turns_and_leave_a_complete_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    both = f"{sys.executable} -m generator build && {sys.executable} -m generator site"
    waited = False
    for trial in range(1, TRIALS + 1):
        edit(project, trial)
        runs = [subprocess.Popen(["sh", "-c", both], cwd=project, stdout=PIPE, stderr=STDOUT, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=600)[0] for run in runs]
        for run, out in zip(runs, outputs, strict=True):
            assert run.returncode == 0, f"trial {trial}: a build failed:\n{out}"
        waited |= any("waiting for another build (pid " in out for out in outputs)
        assert missing_from_site(project) == [], f"trial {trial}: the site is incomplete"
        page = project / "site" / "en" / ARTICLE.name / "index.html"
        assert f"India landed ({trial})" in page.read_text(encoding="utf-8"), f"trial {trial}: the site is not the newest"
    assert waited, "no build ever waited for the other"
    assert not [p.name for p in project.iterdir() if p.name.endswith((".new", ".old"))]


def test_a_build_waits_for_the_one_in_progress_and_says_so(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    with exclusive(project):  # a build in progress, as far as the next one can tell
        waiting = subprocess.Popen([sys.executable, "-m", "generator", "site"], cwd=project, stderr=PIPE, text=True)
        assert waiting.stderr is not None
        assert waiting.stderr.readline() == f"waiting for another build (pid {os.getpid()})…\n"
        time.sleep(0.5)
        assert waiting.poll() is None, "the build did not wait"
        assert not (project / "site.new").exists() and not (project / "site").exists()
    _out, err = waiting.communicate(timeout=600)
    assert waiting.returncode == 0, err
    assert missing_from_site(project) == []


def test_an_interrupted_site_build_leaves_the_old_site_and_the_next_one_completes_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    generator(project, "site")
    before = snapshot(project, "site")
    edit(project, 1)
    generator(project, "build")
    for _attempt in range(5):  # until the kill lands before the build's end (a small site builds fast)
        first = subprocess.Popen([sys.executable, "-m", "generator", "site"], cwd=project, start_new_session=True)
        deadline = time.monotonic() + 120
        while not any((project / "site.new").glob("*/assets")) and first.poll() is None and time.monotonic() < deadline:
            time.sleep(0.02)
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)  # the build and its MkDocs and Pagefind processes, mid-way
        if first.wait() == -signal.SIGKILL:
            break
        shutil.rmtree(project / "site")  # it finished first: put the old site back and try again
        for rel, data in before.items():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / rel).write_bytes(data)
    else:
        pytest.fail("the site build always finished before it could be killed")
    assert snapshot(project, "site") == before, "the killed build changed site/"
    generator(project, "site")
    assert missing_from_site(project) == []
    assert "India landed (1)" in (project / "site" / "en" / ARTICLE.name / "index.html").read_text(encoding="utf-8")


def _limit_file_size(limit: int) -> None:
    """Run in the child: files may not grow past `limit` bytes, and a write past it fails (EFBIG) instead of killing."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


@pytest.mark.parametrize("command", ["build", "site"])
def test_a_full_disk_leaves_docs_and_site_as_they_were_with_a_clear_error(tmp_path: Path, command: str) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    generator(project, "site")
    before = snapshot(project, "docs", "site")
    if command == "build":
        edit(project, 1)
    result = subprocess.run(
        [sys.executable, "-m", "generator", command],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
        preexec_fn=lambda: _limit_file_size(8_000),
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    assert "File too large" in result.stderr and "is unchanged" in result.stderr, result.stderr
    # One line, as the README promises, with the file relative to the project: not a Python repr per locale. The
    # engine's end-of-life notice, passed on once per run whenever Material prints it, is not part of the error.
    error = [line for line in result.stderr.strip().splitlines() if not line.startswith("Material for MkDocs reaches end of life")]
    assert len(error) == 1 and len(error[0]) < 200, result.stderr
    assert str(project) not in result.stderr, result.stderr
    after = snapshot(project, "docs", "site")
    assert after == before
    assert not [p.name for p in project.iterdir() if p.name.endswith((".new", ".old"))]
