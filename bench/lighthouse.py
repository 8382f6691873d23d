"""Lighthouse's mobile performance score of an article page per locale: reported here, never a test.

The score depends on how busy the machine is (issue 11: 85–89 on a loaded machine for a page that
scores in the 90s when it is quiet), so `make test` and `make check` do not judge it; the benchmark
records the median of several runs with the figures behind it (total blocking time above all: the
theme's JavaScript). Lighthouse runs as the site checks run it (the npm CLI in node_modules, Debian's
Chromium, mobile, the page served with gzip by checks.server), for the performance category only.
"""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .measure import log, median

#: As checks/lighthouse.py runs it.
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
TIMEOUT_S = 300
#: Audits behind the score, in milliseconds (cumulative-layout-shift has no unit).
METRICS = {
    "total-blocking-time": "total_blocking_time_ms",
    "largest-contentful-paint": "largest_contentful_paint_ms",
    "first-contentful-paint": "first_contentful_paint_ms",
    "speed-index": "speed_index_ms",
    "cumulative-layout-shift": "cumulative_layout_shift",
}


def run_once(url: str, report: Path) -> dict[str, Any]:
    """One Lighthouse run on url: its performance score (0-100) and metrics; raises RuntimeError on failure."""
    from checks.tools import chromium, lighthouse_cli, node

    cmd = [
        node(),
        str(lighthouse_cli()),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--only-categories=performance",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    env = {**os.environ, "CHROME_PATH": str(chromium())}
    try:
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as exc:
        raise RuntimeError(f"Lighthouse did not finish in {TIMEOUT_S} s") from exc
    if done.returncode != 0 or not report.is_file():
        raise RuntimeError(f"Lighthouse failed ({done.returncode}): {(done.stderr or done.stdout).strip()[-1000:]}")
    return scores_of(json.loads(report.read_text(encoding="utf-8")))


def scores_of(lhr: dict[str, Any]) -> dict[str, Any]:
    """The performance score and its metrics from a Lighthouse report (its JSON, as a dict)."""
    score = lhr["categories"]["performance"]["score"]
    out: dict[str, Any] = {"performance": None if score is None else round(score * 100)}
    for audit, key in METRICS.items():
        value = lhr["audits"].get(audit, {}).get("numericValue")
        out[key] = None if value is None else round(value, 3) if key == "cumulative_layout_shift" else round(value)
    return out


def bench_lighthouse(site: Path, slug: str, locales: Sequence[str], runs: int) -> dict[str, Any]:
    """`runs` Lighthouse runs on the article `slug` in each locale; medians per locale, or why it was skipped."""
    from checks import ToolMissing
    from checks.server import serve

    out: dict[str, Any] = {"runs": runs, "page": {loc: f"/{loc}/{slug}/" for loc in locales}}
    try:
        with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp, serve(site, gzip=True) as base:
            for loc in locales:
                measured = []
                for n in range(runs):
                    found = run_once(base + out["page"][loc], Path(tmp) / f"{loc}-{n}.json")
                    measured.append(found)
                    log(f"    {loc} run {n + 1}/{runs}: performance {found['performance']}, TBT {found['total_blocking_time_ms']} ms")
                out[loc] = summary_of(measured)
    except (ToolMissing, RuntimeError) as exc:
        log(f"    Lighthouse skipped: {exc}")
        return {"skipped": str(exc)}
    return out


def summary_of(measured: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the runs of a page (a score of None, Lighthouse's "no score", counts as 0), and every run."""
    figures: dict[str, Any] = {"performance": round(median([m["performance"] or 0 for m in measured]))}
    for key in METRICS.values():
        values = [m[key] for m in measured if m[key] is not None]
        figures[key] = median(values) if values else None
    return figures | {"performance_runs": [m["performance"] for m in measured], "runs": measured}
