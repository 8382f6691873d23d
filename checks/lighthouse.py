"""Lighthouse 12.2.3 (npm; 13 needs Node 22) on an article of each locale, mobile, served with gzip.

Thresholds: Accessibility 100, Best Practices ≥ 95, SEO 100, Performance ≥ 90. Performance varies from
run to run on a small machine, so it is the median of `runs` runs; the other scores are the lowest of
the runs. A draft locale is `noindex` on purpose: its SEO score is printed but not required.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import Finding
from .pages import SitePage, articles
from .server import serve
from .tools import chromium, lighthouse_cli, node

THRESHOLDS = {"performance": 90, "accessibility": 100, "best-practices": 95, "seo": 100}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
NOINDEX = '<meta name="robots" content="noindex">'


@dataclass
class Scores:
    """The scores (0-100) of one page over its runs, and what failed in the worst run of a category."""

    page: SitePage
    runs: list[dict[str, int]] = field(default_factory=list)
    failing: dict[str, list[str]] = field(default_factory=dict)

    def score(self, category: str) -> int:
        values = [run[category] for run in self.runs if category in run]
        if not values:
            return 0
        return int(statistics.median(values)) if category == "performance" else min(values)

    def line(self) -> str:
        shown = "  ".join(f"{cat} {self.score(cat)}" for cat in THRESHOLDS)
        perf = "/".join(str(run.get("performance", "-")) for run in self.runs)
        return f"{self.page.locale} {self.page.path}: {shown}  (performance runs: {perf})"


def run(
    site_dir: Path, *, runs: int = 3, until_pass: bool = False, locales: list[str] | None = None, report_dir: Path | None = None
) -> tuple[list[Finding], list[Scores]]:
    """Lighthouse on the first article of each locale (or of `locales`); findings and the scores.

    until_pass: stop a page's runs as soon as its scores so far pass (the tests' quick mode: one run
    when all is well, up to `runs` when performance is near its threshold).
    """
    site_dir = Path(site_dir)
    targets = [page for code, page in sorted(articles(site_dir).items()) if locales is None or code in locales]
    if not targets:
        return [Finding("lighthouse", str(site_dir), "no article page found to run Lighthouse on")], []
    return run_pages(site_dir, targets, runs=runs, until_pass=until_pass, report_dir=report_dir)


def run_pages(
    site_dir: Path, targets: list[SitePage], *, runs: int = 3, until_pass: bool = False, report_dir: Path | None = None
) -> tuple[list[Finding], list[Scores]]:
    cli, node_bin, chrome = lighthouse_cli(), node(), chromium()
    findings: list[Finding] = []
    results: list[Scores] = []
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp, serve(site_dir, gzip=True) as base_url:
        out_dir = Path(report_dir) if report_dir else Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for target in targets:
            scores = Scores(target)
            for n in range(1, runs + 1):
                report = out_dir / f"lighthouse-{target.locale}-{n}.json"
                error = _lighthouse(node_bin, cli, chrome, base_url + target.path, report)
                if error:
                    findings.append(Finding("lighthouse", target.label, error))
                    continue
                scores.runs.append(_record(json.loads(report.read_text(encoding="utf-8")), scores))
                if until_pass and not _judge(scores):
                    break
            results.append(scores)
            findings += _judge(scores)
    return findings, results


def _lighthouse(node_bin: str, cli: Path, chrome: Path, url: str, report: Path) -> str | None:
    cmd = [
        node_bin,
        str(cli),
        url,
        "--output=json",
        f"--output-path={report}",
        "--quiet",
        "--only-categories=performance,accessibility,best-practices,seo",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    try:
        env = {**os.environ, "CHROME_PATH": str(chrome)}
        result = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False, timeout=300)
    except subprocess.TimeoutExpired:
        return "Lighthouse did not finish in 300 s"
    if result.returncode != 0 or not report.is_file():
        return f"Lighthouse failed ({result.returncode}): {(result.stderr or result.stdout).strip()[-1500:]}"
    return None


def _record(lhr: dict, scores: Scores) -> dict[str, int]:
    """This run's category scores; remembers the failing audits of a category's worst run so far."""
    run: dict[str, int] = {}
    for cat_id, category in lhr["categories"].items():
        if category.get("score") is None:
            continue
        value = round(category["score"] * 100)
        run[cat_id] = value
        if value < 100 and value <= min((r.get(cat_id, 101) for r in scores.runs), default=101):
            scores.failing[cat_id] = [
                f"{ref['id']} ({audit['score']}{': ' + audit['displayValue'] if audit.get('displayValue') else ''})"
                for ref in category["auditRefs"]
                if ref.get("weight", 0) > 0 and (audit := lhr["audits"][ref["id"]]).get("score") is not None and audit["score"] < 1
            ]
    return run


def _judge(scores: Scores) -> list[Finding]:
    if not scores.runs:
        return []
    draft = NOINDEX in scores.page.file.read_text(encoding="utf-8")
    findings = []
    for category, minimum in THRESHOLDS.items():
        if category == "seo" and draft:
            continue
        value = scores.score(category)
        if value < minimum:
            failing = ", ".join(scores.failing.get(category, [])) or "-"
            findings.append(Finding("lighthouse", scores.page.label, f"{category} {value} < {minimum}; failing audits: {failing}"))
    return findings
