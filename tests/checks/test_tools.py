"""The tools of the site checks: Node.js and Java from .venv first (PyPI, no root), Chromium from the system,
and one clear message with the command to run when Chromium is missing and we may not install it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from checks import ToolMissing, tools


def test_node_and_java_come_from_the_venv_before_path() -> None:
    for found in (tools.node(), tools.java()):
        assert Path(found).resolve().is_relative_to(Path(sys.prefix).resolve()), found
    assert subprocess.run([tools.node(), "--version"], capture_output=True, text=True, check=True).stdout.startswith("v22.")


def test_no_chromium_says_the_command(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(tools, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(tools.os, "geteuid", lambda: 1000)  # not root: nothing is installed
    with pytest.raises(ToolMissing, match="apt-get install -y chromium"):
        tools.chromium()
    assert tools.ensure_chromium() == 1
    assert capsys.readouterr().err.splitlines() == [
        "Chromium not found; the browser tests and site checks need it. Install Debian's, as root:",
        "    apt-get update && apt-get install -y chromium",
    ]
