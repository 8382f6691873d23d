"""`make site` as a maintainer runs it: the first call builds, the next one finds nothing to do; any change
under the sources (a deletion too) builds again; two at once end with a complete site; no file name can
break make's syntax."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, copy_project, generator
from .test_concurrent_builds import edit, missing_from_site

ARTICLE = "articles/chandrayaan-3-moon-landing"
#: What make itself says when it cannot parse its own rules or finds no rule for a file name.
MAKE_SYNTAX = ("No rule to make target", "multiple target patterns", "missing separator", "target pattern contains no")


def make(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", *args], cwd=project, capture_output=True, text=True, env={**os.environ, "MAKEFLAGS": ""}, check=False)


def up_to_date(project: Path) -> bool:
    return make(project, "--question", "site").returncode == 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project with the Makefile, using this test run's Python environment as its .venv, built once."""
    project = copy_project(tmp_path / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    first = make(project, "site")
    assert first.returncode == 0, first.stdout + first.stderr
    assert "generator site" in first.stdout and (project / "site" / "hi" / "index.html").is_file()
    return project


def test_make_site_twice_builds_once(project: Path) -> None:
    assert up_to_date(project), "make still finds something to do after `make site`"
    second = make(project, "site")
    assert second.returncode == 0 and "generator" not in second.stdout, second.stdout


@pytest.mark.parametrize("change", ["delete an article file", "delete a theme file", "edit mkdocs.yml", "add a generator file"])
def test_any_change_under_the_sources_builds_again(project: Path, change: str) -> None:
    if change == "delete an article file":
        (project / ARTICLE / "hi.yaml").unlink()
    elif change == "delete a theme file":
        next((project / "theme").rglob("*.css")).unlink()
    elif change == "edit mkdocs.yml":
        (project / "mkdocs.yml").write_text((project / "mkdocs.yml").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    else:
        (project / "generator" / "unused.py").write_text('"""Nothing."""\n', encoding="utf-8")
    assert not up_to_date(project), f"make finds nothing to do after: {change}"
    again = make(project, "site")
    assert "generator build" in again.stdout, again.stdout + again.stderr
    if again.returncode == 0:
        assert up_to_date(project)


def test_two_make_site_at_once_end_with_a_complete_site_and_then_nothing_to_do(project: Path) -> None:
    for trial in (1, 2):
        edit(project, trial)
        env = {**os.environ, "MAKEFLAGS": ""}
        runs = [
            subprocess.Popen(["make", "site"], cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
            for _ in range(2)
        ]
        outputs = [run.communicate(timeout=600)[0] for run in runs]
        assert [run.returncode for run in runs] == [0, 0], "\n".join(outputs)
        assert missing_from_site(project) == []
        page = project / "site" / "en" / "chandrayaan-3-moon-landing" / "index.html"
        assert f"India landed ({trial})" in page.read_text(encoding="utf-8")
        assert up_to_date(project)


def test_file_names_with_a_space_or_a_colon_are_the_generators_error_not_makes(project: Path) -> None:
    shutil.copytree(project / ARTICLE, project / "articles" / "my article")
    shutil.copy2(project / ARTICLE / "en.yaml", project / ARTICLE / "en:copy.yaml")
    for target in ("site", "check-data"):
        result = make(project, target)
        output = result.stdout + result.stderr
        assert result.returncode != 0, output
        assert not [m for m in MAKE_SYNTAX if m in output], output
        assert "articles/my article" in result.stderr and "en:copy.yaml" in result.stderr, output
        assert "problem(s) found" in result.stderr, output


# --- issue 18, item 11: make variables are values, never commands -------------------------------------------


@pytest.fixture
def unbuilt(tmp_path: Path) -> Path:
    """A copy of the project with the Makefile and this run's Python environment, nothing built."""
    project = copy_project(tmp_path / "repo")
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))
    return project


BAD_TAG = "is not allowed in a locale tag; use a BCP 47 tag such as mr, en-IN, pt-BR or sr-Latn"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("locale", "LOCALE=hi;touch pwned"), f"'hi;touch pwned': ';' {BAD_TAG}"),
        (("locale", "LOCALE=$(shell touch pwned)"), f"'$(shell touch pwned)': U+0024 DOLLAR SIGN ('$') {BAD_TAG}"),
        (("locale", "LOCALE=`touch pwned`"), f"'`touch pwned`': U+0060 GRAVE ACCENT ('`') {BAD_TAG}"),
        (("locale", "LOCALE=mr", "FALLBACK=en;touch pwned"), f"'en;touch pwned': ';' {BAD_TAG}"),
        (("locale", "LOCALE=x y"), f"'x y': a space {BAD_TAG}"),
        (("locale", "LOCALE=hi\n"), f"'hi\\n': a line break {BAD_TAG}"),
        (("locale", "LOCALE=root"), "'root' names no language (CLDR's root locale, the data every locale inherits)"),
        (("confirm", "LOCALE=hi", "ARTICLE=x;true"), "no article 'x;true'"),
        (("confirm", "LOCALE=hi", "ARTICLE=--all"), "no article '--all'"),
        (("locale", "LOCALE=--help"), "'--help' is not a locale tag"),
        (("confirm", "LOCALE=hi", "ARTICLE=x;touch pwned"), "no article 'x;touch pwned'"),
        (("confirm", "LOCALE=hi;touch pwned", "ARTICLE=all"), "locale 'hi;touch pwned' is not configured"),
        (("i18n-status", "STRICT=$(shell touch pwned)"), None),
    ],
)
def test_a_make_variable_never_runs_as_a_command_and_a_bad_one_is_named(unbuilt: Path, args: tuple[str, ...], message: str | None) -> None:
    result = make(unbuilt, *args)
    assert not (unbuilt / "pwned").exists(), "a make variable ran as a shell command"
    if message is not None:
        assert result.returncode != 0, result.stdout + result.stderr
        assert message in result.stderr, result.stdout + result.stderr
        assert "Traceback" not in result.stderr
    assert not (unbuilt / "locales" / "mr").exists(), "a refused locale left a catalog behind"


# --- issue 18, item 15: a signal at the end of the swap keeps the new site's root page ----------------------

#: Stands in for `python -m generator` so that the signal lands at a known moment: `site` replaces site/ (here, its
#: root page) and is killed before it returns, as a Ctrl-C in the last moment of the real swap is.
SWAP_THEN_WAIT = """#!/bin/sh
case "$*" in
  *"generator site"*) mkdir -p site && echo new > site/index.html && echo swapped && exec sleep 60 ;;
esac
"""


#: Run the command in argv[1:] with SIGINT and SIGTERM at their default action (an exec keeps it).
DEFAULT_SIGNALS = (
    "import os, signal, sys\n"
    "for s in (signal.SIGINT, signal.SIGTERM):\n    signal.signal(s, signal.SIG_DFL)\n"
    "os.execvp(sys.argv[1], sys.argv[1:])"
)


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_after_the_swap_leaves_the_site_with_its_root_page(unbuilt: Path, sig: signal.Signals) -> None:
    fake = unbuilt / "fake-python"
    fake.write_text(SWAP_THEN_WAIT, encoding="utf-8")
    fake.chmod(0o755)
    (unbuilt / "site").mkdir()
    (unbuilt / "site" / "index.html").write_text("old", encoding="utf-8")
    env = {**os.environ, "MAKEFLAGS": ""}
    # A terminal's make takes Ctrl-C; one started from a background job (`nohup make test &`) inherits SIGINT ignored
    # and would sleep through it: make runs here with the signal's default action, as a terminal gives it.
    run = subprocess.Popen(
        [sys.executable, "-c", DEFAULT_SIGNALS, "make", "site", f"PY={fake}"],
        cwd=unbuilt,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        start_new_session=True,
    )
    assert run.stdout is not None
    for line in run.stdout:
        if "swapped" in line:
            break
    os.killpg(run.pid, sig)  # as a terminal's Ctrl-C or a CI's cancel signals the whole group
    output = run.communicate(timeout=60)[0]
    assert run.returncode != 0
    assert "Deleting file 'site/index.html'" not in output, output
    assert (unbuilt / "site" / "index.html").read_text(encoding="utf-8") == "new\n"


# --- issue 18, items 12 and 13: a catalog is checked before it is compiled, and a broken one ships nothing ------

HI_PO = "locales/hi/LC_MESSAGES/messages.po"
HI_MO = "locales/hi/LC_MESSAGES/messages.mo"


def po_line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


BY = 'msgid "By %(names)s"'
BY_HI = 'msgstr "लेखन: %(names)s"'


@pytest.mark.parametrize(
    ("old", "new", "at", "message"),
    [
        (BY_HI, 'msgstr "लेखन: %(name)s"', BY, "msgstr: %(name)s is not a placeholder of the msgid (%(names)s)"),
        (BY_HI, 'msgstr "लेखन: {names}"', BY, "msgstr: {names} is not a placeholder here; write them as in the msgid"),
        (BY_HI, 'msgstr "लेखन"', BY, "msgstr: %(names)s missing; the translation must keep every placeholder"),
        (BY_HI, 'msgstr "100% लेखन: %(names)s"', BY, "msgstr: '% ल"),
        (BY_HI, 'msgstr "लेखन: %(names)d"', BY, "msgstr: %(names)d is not a placeholder of the msgid"),
        ('msgstr[0] "%(num)s घटना"', 'msgstr[0] "एक घटना"', 'msgid "%(num)s event"', "msgstr[0]: %(num)s missing"),
        ('msgstr[1] "%(num)s घटनाएँ"', 'msgstr[1] ""', 'msgid "%(num)s event"', "msgstr[1] is empty while other forms are translated"),
        ('\nmsgid ""\nmsgstr ""\n', '\n#, fuzzy\nmsgid ""\nmsgstr ""\n', "#, fuzzy", "the catalog is marked fuzzy in its header"),
        ("charset=utf-8", "charset=nonesuch", "charset=nonesuch", "charset=nonesuch: the catalogs are UTF-8; write charset=UTF-8"),
        ("लेखन: %(names)s", "l\udce9khan: %(names)s", "khan:", "byte 0xE9 is not UTF-8; save the catalog as UTF-8"),
        (None, "", None, "the catalog is empty"),
        ("plural=(n > 1);", "plural=(n > ;", "Plural-Forms:", "Plural-Forms: plural='(n >' is not a plural expression gettext reads"),
    ],
)
def test_a_broken_catalog_is_named_by_line_and_leaves_no_compiled_catalog(
    unbuilt: Path, old: str | None, new: str, at: str | None, message: str
) -> None:
    po, mo = unbuilt / HI_PO, unbuilt / HI_MO
    text = po.read_text(encoding="utf-8")
    broken = text.replace(old, new, 1) if old is not None else new
    assert old is None or broken != text
    po.write_bytes(broken.encode("utf-8", "surrogateescape"))
    os.utime(mo, (po.stat().st_mtime - 10,) * 2)  # older than the catalog: make compiles it again
    line = po_line(broken, at) if at is not None else 1
    result = make(unbuilt, HI_MO)
    assert result.returncode != 0, result.stdout + result.stderr
    assert f"{HI_PO}:{line}: {message}" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert not mo.exists(), "a failed compile left a compiled catalog behind (the next build would publish it)"
    again = make(unbuilt, "docs")  # and the next build stops at the same place, publishing nothing stale
    assert again.returncode != 0 and f"{HI_PO}:{line}: {message}" in again.stderr, again.stderr
    assert not (unbuilt / "docs").exists()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a usable compiled catalog"),
        (b"\x00" * 40, "not a usable compiled catalog"),
    ],
)
def test_an_unreadable_compiled_catalog_is_a_message_not_a_traceback(unbuilt: Path, content: bytes, reason: str) -> None:
    (unbuilt / HI_MO).write_bytes(content)
    result = generator(unbuilt, "build", check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"error: {HI_MO}: {reason}"), result.stderr
    assert f"make {HI_MO}" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("charset", "text"), [("utf-8", b"\xe9t\xe9"), ("nonesuch", b"x")])
def test_a_compiled_catalog_in_a_bad_encoding_is_a_message_not_a_traceback(unbuilt: Path, charset: str, text: bytes) -> None:
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale="hi", charset="utf-8")
    catalog.add("Published", "PUBLISHED")
    with (unbuilt / HI_MO).open("wb") as fd:
        write_mo(fd, catalog)
    data = (unbuilt / HI_MO).read_bytes().replace(b"PUBLISHED", text.ljust(9, b" "))
    data = data.replace(b"charset=utf-8", f"charset={charset}".encode())
    (unbuilt / HI_MO).write_bytes(data)
    result = generator(unbuilt, "build", check=False)
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(f"error: {HI_MO}: not a usable compiled catalog"), result.stderr
    assert "Traceback" not in result.stderr


def test_i18n_status_names_a_broken_catalog_instead_of_counting_it(unbuilt: Path) -> None:
    po = unbuilt / HI_PO
    po.write_text(po.read_text(encoding="utf-8").replace(BY_HI, 'msgstr "लेखन: {names}"', 1), encoding="utf-8")
    result = generator(unbuilt, "status", check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert f"error: {HI_PO}:" in result.stderr and "{names} is not a placeholder here" in result.stderr, result.stderr
