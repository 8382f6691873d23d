"""A site built again after edits is the site a clean build makes (issue 21, item 2).

`generator site` renders again only the pages whose docs/ file changed (generator/incremental.py) and carries the
rest of the previous site over. Whatever the sequence of edits, the result must be byte for byte the site a
build from nothing makes from the same docs/; a killed partial build must leave the previous site as it was; a
site changed behind the build's back must never be built upon.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import copy_project, generator
from .test_concurrent_builds import missing_from_site, snapshot

ARTICLES = ("chandrayaan-3-moon-landing", "north-korea-russia-defence-treaty", "kolkata-port-syama-prasad-mookerjee")
#: A word each locale's text has, and what an edit makes of it.
WORDS = {"en": (" the ", " the very "), "hi": (" के ", " के भी ")}


def _edit_text(project: Path, rng: random.Random) -> str:
    """Change one word of one locale's text of one article (a correction)."""
    present = [a for a in ARTICLES if (project / "articles" / a).is_dir()]
    article, code = rng.choice(present), rng.choice(sorted(WORDS))
    file = project / "articles" / article / f"{code}.yaml"
    text = file.read_text(encoding="utf-8")
    old, new = WORDS[code]
    places = [i for i in range(len(text)) if text.startswith(old, i)]
    at = rng.choice(places)
    file.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")
    return f"{article}/{code}.yaml@{at}"


def _toggle_article(project: Path, template: Path) -> str:
    """Take the Kolkata explainer out of the archive, or put it back."""
    folder = project / "articles" / ARTICLES[2]
    if folder.is_dir():
        shutil.rmtree(folder)
        return f"-{ARTICLES[2]}"
    shutil.copytree(template / "articles" / ARTICLES[2], folder)
    return f"+{ARTICLES[2]}"


def _build(project: Path) -> str:
    generator(project, "build")
    return generator(project, "site").stderr


def _clean_site(project: Path) -> dict[str, bytes]:
    """The site a build from nothing makes of the same docs/."""
    clean = project.parent / f"{project.name}-clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("site", ".build"))
    generator(clean, "site")
    return snapshot(clean, "site")


def _folders(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


@pytest.mark.parametrize("seed", [1, 2])
def test_the_site_built_after_random_edits_is_the_clean_build(tmp_path: Path, seed: int) -> None:
    template = copy_project(tmp_path / "template")
    project = tmp_path / "p"
    shutil.copytree(template, project)
    _build(project)
    rng = random.Random(seed)
    done = []
    for _step in range(4):
        before = {p: p.stat().st_ino for p in (project / "site").rglob("*.html")}
        if rng.random() < 0.25:
            done.append(_toggle_article(project, template))
        else:
            done.append(_edit_text(project, rng))
        log = _build(project)
        # The shortcut was taken: most pages are the previous build's files, not written again.
        kept = [p for p, ino in before.items() if p.exists() and p.stat().st_ino == ino]
        assert len(kept) > len(before) / 2, f"after {done}: {len(kept)} of {len(before)} pages carried over\n{log}"
        assert "carried over" in log, log
    assert missing_from_site(project) == []
    built, clean = snapshot(project, "site"), _clean_site(project)
    assert sorted(built) == sorted(clean), f"after {done}: the files differ"
    clean_site = project.parent / f"{project.name}-clean" / "site"
    assert _folders(project / "site") == _folders(clean_site), f"after {done}: the folders differ (an empty one left behind?)"
    differ = [name for name in built if built[name] != clean[name]]
    assert differ == [], f"after {done}: {differ[:10]} differ from a clean build"


def test_the_corrected_word_reaches_its_page_and_nothing_else_is_written(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _build(project)
    before = {p.relative_to(project).as_posix(): p.stat().st_ino for p in (project / "site").rglob("*") if p.is_file()}
    # A correction in the English translation of the treaty explainer (its Hindi original does not change).
    file = project / "articles" / ARTICLES[1] / "en.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("was drawn up during", "was drawn up quietly during", 1), encoding="utf-8")
    log = _build(project)
    page = project / "site" / "en" / ARTICLES[1] / "index.html"
    assert "was drawn up quietly during" in page.read_text(encoding="utf-8")
    rewritten = sorted(
        rel
        for rel, ino in before.items()
        if (project / rel).exists() and (project / rel).stat().st_ino != ino and "/pagefind/" not in rel and "/" in rel
    )
    assert f"site/en/{ARTICLES[1]}/index.html" in rewritten, rewritten
    # No Hindi page, no other explainer: a page MkDocs did not have to render is the previous build's file.
    assert not [rel for rel in rewritten if rel.startswith("site/hi/")], rewritten
    assert not [rel for rel in rewritten if rel.startswith((f"site/en/{ARTICLES[0]}/", f"site/en/{ARTICLES[2]}/"))], rewritten
    assert "site/hi/ unchanged" in log and "site/en/ (1 page rebuilt, the rest carried over)" in log, log


def test_a_site_changed_behind_the_builds_back_is_built_in_full(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _build(project)
    page = project / "site" / "hi" / ARTICLES[1] / "index.html"
    right = page.read_bytes()
    page.write_bytes(right.replace(b"</body>", b"<p>tampered</p></body>"))  # a hand edit, or the live preview
    file = project / "articles" / ARTICLES[0] / "en.yaml"
    file.write_text(file.read_text(encoding="utf-8").replace("India landed", "India landed (2)", 1), encoding="utf-8")
    _build(project)
    assert page.read_bytes() == right, "the hand-edited page was carried over into the new site"
    (project / ".build" / "site" / "en.json").write_text("{not json", encoding="utf-8")  # a corrupt manifest: a full build
    file.write_text(file.read_text(encoding="utf-8").replace("India landed (2)", "India landed (3)", 1), encoding="utf-8")
    _build(project)
    assert snapshot(project, "site") == _clean_site(project)


def test_a_killed_partial_build_leaves_the_previous_site(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    _build(project)
    file = project / "articles" / ARTICLES[0] / "en.yaml"
    original = file.read_text(encoding="utf-8")
    for attempt in range(1, 6):  # until the kill lands while MkDocs renders the changed pages
        file.write_text(original.replace("India landed", f"India landed ({attempt})", 1), encoding="utf-8")
        generator(project, "build")
        before = snapshot(project, "site")
        run = subprocess.Popen([sys.executable, "-m", "generator", "site"], cwd=project, start_new_session=True)
        deadline = time.monotonic() + 120
        partial = project / ".build" / "partial"
        while not (partial.is_dir() and any(partial.iterdir())) and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        if run.wait() == -signal.SIGKILL:
            break
    else:
        pytest.fail("the site build always finished before it could be killed")
    assert snapshot(project, "site") == before, "the killed build changed site/"
    generator(project, "site")
    assert f"India landed ({attempt})" in (project / "site" / "en" / ARTICLES[0] / "index.html").read_text(encoding="utf-8")
    assert snapshot(project, "site") == _clean_site(project)
