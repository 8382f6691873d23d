"""Shared fixtures: a throwaway copy of the project, and the real site built from it by MkDocs.

Every test is also marked by what it needs (pyproject.toml registers the markers), so that `make unit`
can leave out what is slow: `browser` (tests/browser: Chromium), `checks` (tests/checks: Java, Node,
Chromium), `site` (a real site built by MkDocs: the fixtures below, or a module listed in SITE_TESTS)
and `bench` (the benchmark). The marks are set here, from a test's folder and fixtures, so a new test
is marked without anyone thinking of it.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import io
import logging
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser

#: How many examples each property test tries: `full` in `make test`, `unit` (selected by `make unit` with
#: --hypothesis-profile=unit) a tenth as many, so that the quick tier stays quick and still tries every property.
settings.register_profile("full", max_examples=300)
settings.register_profile("unit", max_examples=30)
settings.load_profile("full")

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "seed"
#: What a build reads; everything else (docs/, site/, .venv) stays out of the copy.
PROJECT_PARTS = ("mkdocs.yml", "articles", "generator", "locales", "theme", "babel.cfg")


@functools.cache
def _compiled_project() -> Path:
    """The buildable part of the project with its catalogs compiled, made once per test session: each copy_project
    copies it rather than running pybabel again (a Python process per copy, a fifth of the quick tier's time)."""
    template = Path(tempfile.mkdtemp(prefix="explainers-project-"))
    atexit.register(shutil.rmtree, template, True)
    for part in PROJECT_PARTS:
        src = ROOT / part
        if src.is_dir():
            shutil.copytree(src, template / part, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
        else:
            shutil.copy2(src, template / part)
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], template)
    return template


def copy_project(dest: Path) -> Path:
    """Copy the buildable part of the project to dest, with freshly compiled catalogs."""
    dest.mkdir(parents=True, exist_ok=True)
    template = _compiled_project()
    for part in PROJECT_PARTS:
        if (template / part).is_dir():
            shutil.copytree(template / part, dest / part)
        else:
            shutil.copy2(template / part, dest / part)
    return dest


#: Fixtures that build a real site with MkDocs; a test using one of them (or a fixture that does) is `site`.
SITE_FIXTURES = frozenset({"built_project", "archive_project", "site_dir", "fonts_site"})
#: Tests that build a site on their own (`make site`, `generator site`), by node id prefix under tests/.
SITE_TESTS = (
    "test_every_locale.py",
    "test_kolkata_languages.py",
    "test_publish_per_article.py",
    "test_pageweight.py",
    "test_concurrent_builds.py",
    "test_incremental.py",
    "test_serve.py",
    "test_merge.py",
    "test_ci_workflow.py::test_the_workflow_run_job_by_job_deploys_the_site_of_one_build",
    "test_make.py",
    "test_locale_workflow.py",
    "test_nothing_lost.py",
    "test_hostile.py::test_hostile_text_is_literal_in_the_real_site",
    "test_drafts.py",
    "test_po.py::test_a_bengali_translation_of_the_real_release",
)
#: Tests that run the whole pipeline again and again (make targets, a build twice, export-edit-import round trips)
#: without MkDocs: `pipeline`, left out of `make unit` (which keeps the per-stage tests) and run by `make test`.
PIPELINE_TESTS = (
    "test_scheduled.py",
    "test_po.py",
    "test_cache.py",
    "test_golden.py::test_generating_twice_gives_identical_pages",
    "test_hostile.py::test_a_read_only_folder_in_docs",
    "test_divergence.py::test_make_confirm_takes_the_article",
    "test_cards.py::test_a_changed_title_redraws_its_card",
)
#: Folders under tests/ whose every test needs more than Python: folder → markers.
FOLDER_MARKS = {"browser": ("browser", "site"), "checks": ("checks", "site")}
MODULE_MARKS = {"test_bench.py": ("bench",)}


#: One headless Chromium for every test that drives a browser: Playwright's sync API cannot start a second one
#: in the same thread while the first is open.
@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    from checks import ToolMissing
    from checks.browser import launch
    from checks.tools import chromium

    # Debian's Chromium, or one already installed (checks.tools); never `playwright install`.
    try:
        chromium()
    except ToolMissing as missing:
        pytest.fail(str(missing), pytrace=False)
    with launch() as browser:  # the same Chromium, with the same flags, as `make check`
        yield browser


def marks_of(item: pytest.Item) -> set[str]:
    """The markers a test gets from where it lives and what it uses."""
    rel = item.path.relative_to(ROOT / "tests")
    marks = set(FOLDER_MARKS.get(rel.parts[0], ())) | set(MODULE_MARKS.get(rel.name, ()))
    nodeid = "::".join([rel.as_posix(), *item.nodeid.split("::")[1:]])
    if SITE_FIXTURES & set(getattr(item, "fixturenames", ())) or nodeid.startswith(SITE_TESTS):
        marks.add("site")
    if nodeid.startswith(PIPELINE_TESTS):
        marks.add("pipeline")
    if "browser" in getattr(item, "fixturenames", ()):
        marks.add("browser")
    return marks


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        for mark in sorted(marks_of(item)):
            item.add_marker(mark)


#: The test running now: `generator(..., "site")` checks that it is marked `site`.
_running: list[pytest.Item] = []


def pytest_runtest_setup(item: pytest.Item) -> None:
    _running[:] = [item]


def _check_marked_site(args: tuple[str, ...]) -> None:
    """A run that leaves out `site` tests (`make unit`) fails a test that builds a site without the mark:
    otherwise the quick run would quietly become a slow one."""
    item = _running[0] if _running else None
    if "site" in args and item is not None and item.config.getoption("markexpr") and item.get_closest_marker("site") is None:
        pytest.fail(f"{item.nodeid} builds a site with MkDocs but is not marked `site`: add it to SITE_TESTS in tests/conftest.py")


def run(cmd: list[str], cwd: Path, *, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(cmd)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


#: Commands that a quick test runs in its own process (see `generator`): those that build no site.
IN_PROCESS = frozenset({"build", "check", "lint", "status", "confirm", "add-locale", "locales", "schema"})


def generator(cwd: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run `python -m generator ...` in a project folder, as make does.

    In a quick test (not marked `site`) the command runs in this process, through the same `main()`, its output and
    log captured as a process's would be: starting Python and importing the generator again for each command was
    most of `make unit`'s time. Tests that build a site run every command as a process of its own, as make does.
    """
    _check_marked_site(args)
    item = _running[0] if _running else None
    if args and args[0] in IN_PROCESS and item is not None and item.get_closest_marker("site") is None:
        return _in_process(cwd, args, check)
    return run([sys.executable, "-m", "generator", *args], cwd, check=check)


def _in_process(cwd: Path, args: tuple[str, ...], check: bool) -> subprocess.CompletedProcess[str]:
    from generator.__main__ import main

    out, err = io.StringIO(), io.StringIO()
    handler = logging.StreamHandler(err)
    handler.setFormatter(logging.Formatter("%(message)s"))  # as main() configures it
    root, level = logging.getLogger(), logging.getLogger().level
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.chdir(cwd):
            try:
                code = main(["--root", str(cwd), *args])
            except SystemExit as exc:  # argparse's usage errors
                code = exc.code if isinstance(exc.code, int) else 0 if exc.code is None else 1
    finally:
        root.removeHandler(handler)
        root.setLevel(level)
    result = subprocess.CompletedProcess(["python", "-m", "generator", *args], code, out.getvalue(), err.getvalue())
    if check and code != 0:
        raise AssertionError(f"python -m generator {' '.join(args)} failed ({code}):\n{result.stdout}\n{result.stderr}")
    return result


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
