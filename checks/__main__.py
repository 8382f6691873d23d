"""`python -m checks [SITE_DIR]`: run every check on a built site; exit 1 on any finding (see checks/__init__.py)."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from contextlib import nullcontext
from pathlib import Path

from . import Finding, ToolMissing, axe, lighthouse, links, offline, vnu
from .browser import launch
from .pages import discover

CHECKS = ("vnu", "axe", "links", "offline", "lighthouse")


def say(text: str = "") -> None:
    print(text, flush=True)  # noqa: T201 - this is the command's report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m checks", description=__doc__)
    parser.add_argument("site_dir", nargs="?", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--only", default=",".join(CHECKS), help=f"comma-separated checks to run (default: all: {','.join(CHECKS)})")
    parser.add_argument(
        "--lighthouse-runs", type=int, default=1, help="Lighthouse runs per page; a score is the lowest of them (default 1)"
    )
    parser.add_argument("--report-dir", type=Path, default=Path(".build/lighthouse"), help="where Lighthouse's JSON reports go")
    args = parser.parse_args(argv)
    chosen = [name.strip() for name in args.only.split(",") if name.strip()]
    unknown = sorted(set(chosen) - set(CHECKS))
    if unknown:
        parser.error(f"unknown check(s): {', '.join(unknown)}; choose from {', '.join(CHECKS)}")
    site = args.site_dir
    if not (site / "index.html").is_file():
        say(f"no built site at {site}/: run `make site` first")
        return 2
    pages = discover(site)
    say(f"checking {site}/: {len(pages)} pages ({', '.join(sorted({p.locale for p in pages if p.locale}))}): {', '.join(chosen)}")

    failures: list[Finding] = []
    try:
        with launch() if {"axe", "offline"} & set(chosen) else nullcontext() as browser:
            # With both chosen, the axe pass also watches its page loads for the offline check.
            watched: list[Finding] | None = [] if {"axe", "offline"} <= set(chosen) else None
            steps: dict[str, Callable[[], list[Finding]]] = {
                "vnu": lambda: _vnu(site),
                "axe": lambda: axe.run(site, browser=browser, offline=watched),
                "links": lambda: links.run(site),
                "offline": lambda: watched if watched is not None else offline.run(site, browser=browser),
                "lighthouse": lambda: _lighthouse(site, args.lighthouse_runs, args.report_dir),
            }
            for name in CHECKS:
                if name not in chosen:
                    continue
                start = time.monotonic()
                found = steps[name]()
                verdict = "ok" if not found else f"{len(found)} finding(s)"
                took = "watched during the axe pass" if name == "offline" and watched is not None else f"{time.monotonic() - start:.0f} s"
                say(f"== {name}: {verdict} ({took})")
                for finding in found:
                    say(f"  {finding}")
                failures += found
    except ToolMissing as missing:
        say(f"cannot check: {missing}")
        return 2
    say()
    if failures:
        say(f"make check: FAILED, {len(failures)} finding(s)")
        return 1
    say("make check: every check passed")
    return 0


def _vnu(site: Path) -> list[Finding]:
    errors, warnings = vnu.run(site)
    for warning in warnings:
        say(f"  (warning, not failing) {warning}")
    return errors


def _lighthouse(site: Path, runs: int, report_dir: Path) -> list[Finding]:
    findings, scores = lighthouse.run(site, runs=runs, report_dir=report_dir)
    for page_scores in scores:
        say(f"  {page_scores.line()}")
    say(f"  (reports: {report_dir}/)")
    return findings


if __name__ == "__main__":
    sys.exit(main())
