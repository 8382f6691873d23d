"""Helpers for the site checks (checks/): run a check, and turn a missing tool into a clear failure.

The checks drive their own Chromium with Playwright's sync API, which cannot start in a thread where
another sync Playwright runs (tests/browser keeps one open for the session): each check runs in a thread
of its own. A missing tool (node_modules, Java, Chromium) fails the test with how to install it.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TypeVar

import pytest

from checks import Finding, ToolMissing, axe

FIXTURES = Path(__file__).resolve().parent / "fixtures"
T = TypeVar("T")


def run_check(fn: Callable[..., T], *args: object, **kwargs: object) -> T:
    """fn(*args, **kwargs) in a thread of its own; a missing tool fails the test with its install hint."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="check") as pool:
        try:
            return pool.submit(fn, *args, **kwargs).result()
        except ToolMissing as missing:
            pytest.fail(str(missing), pytrace=False)


@pytest.fixture(scope="session")
def browser_findings(site_dir: Path) -> tuple[list[Finding], list[Finding]]:
    """(axe, offline) findings on the built site, from one pass that loads every page once for both."""
    offline: list[Finding] = []
    return run_check(axe.run, site_dir, offline=offline), offline


def report(findings: list[Finding]) -> str:
    return f"{len(findings)} finding(s):\n" + "\n".join(f"  {finding}" for finding in findings)
