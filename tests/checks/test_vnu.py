"""The Nu HTML Checker: zero errors on every page of the built site; it does fail on invalid HTML."""

from __future__ import annotations

from pathlib import Path

import pytest

from checks import ToolMissing, tools, vnu

from .conftest import FIXTURES, report, run_check


def test_every_page_of_the_site_is_valid_html(site_dir: Path) -> None:
    errors, _warnings = run_check(vnu.run, site_dir)
    assert not errors, report(errors)


def test_vnu_fails_on_a_duplicate_id_and_unclosed_elements() -> None:
    errors, _warnings = run_check(vnu.run, FIXTURES / "vnu")
    messages = [f"{e.where}: {e.message}" for e in errors]
    assert any("broken.html" in m and "Duplicate ID" in m for m in messages), report(errors)
    assert any("broken.html" in m and "Unclosed element" in m for m in messages), report(errors)
    assert not [m for m in messages if "valid.html" in m and "broken" not in m], report(errors)


def test_a_missing_java_is_a_failure_that_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    monkeypatch.setattr(tools, "venv_java", lambda: None)
    with pytest.raises(ToolMissing, match="make test"):
        tools.java()


def test_missing_node_modules_are_a_failure_that_says_run_npm_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(tools, "VNU_JAR", tmp_path / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar")
    with pytest.raises(ToolMissing, match="npm ci"):
        tools.vnu_jar()
