"""Lighthouse 12.2.3 (npm) on an article of each locale, mobile, served with gzip.

Gates, all deterministic: Accessibility 100, Best Practices ≥ 95, SEO 100 (the lowest of the runs); at
most BUDGET_BYTES transferred in at most BUDGET_REQUESTS requests, none to another host; no render-blocking
script. The Performance score is printed, never a gate: it times the page on this machine and drops
when the machine is busy (85 on a loaded CI run for a page that scores 99 on an idle one); `make bench`
reports it. A draft locale is `noindex` on purpose: its SEO score is printed but not required.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from . import Finding
from .pages import SitePage, articles
from .server import serve
from .tools import chromium, lighthouse_cli, node

THRESHOLDS = {"accessibility": 100, "best-practices": 95, "seo": 100}
#: Reported, not judged: the score depends on the machine's load.
INFORMATIVE = ("performance",)
#: An article page with everything it loads (HTML, CSS, the one deferred script, the Devanagari font,
#: the icon) is about 145 KB in 7 requests: the budgets leave room, not for a new framework or font.
BUDGET_BYTES = 250_000
BUDGET_REQUESTS = 12
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu"
NOINDEX = '<meta name="robots" content="noindex">'


@dataclass
class Scores:
    """The scores (0-100) of one page over its runs, and what failed in the worst run of a category."""

    page: SitePage
    runs: list[dict[str, int]] = field(default_factory=list)
    failing: dict[str, list[str]] = field(default_factory=dict)
    #: What the page loads, from the last run: bytes transferred, requests, render-blocking scripts.
    weight: dict[str, int] = field(default_factory=dict)
    blocking: list[str] = field(default_factory=list)

    def score(self, category: str) -> int:
        values = [run[category] for run in self.runs if category in run]
        if not values:
            return 0
        return int(statistics.median(values)) if category == "performance" else min(values)

    def line(self) -> str:
        shown = "  ".join(f"{cat} {self.score(cat)}" for cat in THRESHOLDS)
        loads = f"{self.weight.get('bytes', 0) / 1000:.0f} KB in {self.weight.get('requests', 0)} requests"
        perf = "/".join(str(run.get("performance", "-")) for run in self.runs)
        return f"{self.page.locale} {self.page.path}: {shown}  {loads}  (performance, not a gate: {perf})"


def run(
    site_dir: Path, *, runs: int = 3, until_pass: bool = False, locales: list[str] | None = None, report_dir: Path | None = None
) -> tuple[list[Finding], list[Scores]]:
    """Lighthouse on the first article of each locale (or of `locales`); findings and the scores.

    until_pass: stop a page's runs as soon as its scores so far pass (the tests' quick mode).
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
                lhr = json.loads(report.read_text(encoding="utf-8"))
                scores.runs.append(_record(lhr, scores))
                scores.weight, scores.blocking = _loads(lhr, base_url)
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


def _loads(lhr: dict, base_url: str) -> tuple[dict[str, int], list[str]]:
    """What the page loaded (bytes, requests, requests to another host) and the scripts that blocked its rendering.

    Measured by Lighthouse from the requests, not timed: the same page gives the same figures on any machine.
    """
    requests = lhr["audits"]["network-requests"].get("details", {}).get("items", [])
    weight = {
        "bytes": sum(int(r.get("transferSize") or 0) for r in requests),
        "requests": len(requests),
        # A data: URL (an inline SVG icon of the theme's stylesheet) is part of the page, not a host.
        "elsewhere": sum(1 for r in requests if not str(r.get("url", "")).startswith((base_url, "data:"))),
    }
    # Lighthouse's own audit, when it ran (it fails on some Chromium versions), and the page's markup,
    # always: a script without async/defer/module stops the parser until it has loaded and run.
    audit = lhr["audits"].get("render-blocking-resources", {}).get("details", {}).get("items", [])
    blocking = [str(item["url"]) for item in audit if str(item.get("url", "")).split("?")[0].endswith(".js")]
    return weight, blocking


class _Scripts(HTMLParser):
    """The `src` of every classic script that is neither async nor deferred."""

    def __init__(self) -> None:
        super().__init__()
        self.blocking: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("src") and "async" not in a and "defer" not in a and a.get("type") != "module":
            self.blocking.append(str(a["src"]))


def blocking_scripts(html: str) -> list[str]:
    """The scripts of a page that block its rendering (parser-blocking `<script src>`)."""
    parser = _Scripts()
    parser.feed(html)
    return parser.blocking


def _judge(scores: Scores) -> list[Finding]:
    if not scores.runs:
        return []
    html = scores.page.file.read_text(encoding="utf-8")
    draft = NOINDEX in html
    findings = []
    label = scores.page.label
    if scores.weight.get("bytes", 0) > BUDGET_BYTES:
        findings.append(Finding("lighthouse", label, f"{scores.weight['bytes']} bytes transferred > {BUDGET_BYTES}"))
    if scores.weight.get("requests", 0) > BUDGET_REQUESTS:
        findings.append(Finding("lighthouse", label, f"{scores.weight['requests']} requests > {BUDGET_REQUESTS}"))
    if scores.weight.get("elsewhere", 0):
        findings.append(Finding("lighthouse", label, f"{scores.weight['elsewhere']} request(s) to another host"))
    for src in sorted({*scores.blocking, *blocking_scripts(html)}):
        findings.append(Finding("lighthouse", label, f"render-blocking script: {src} (load it with defer or async)"))
    for category, minimum in THRESHOLDS.items():
        if category == "seo" and draft:
            continue
        value = scores.score(category)
        # Every audit counts: none is left to another check (the page is laid out whole, so Lighthouse's
        # colour-contrast audit measures what a reader sees).
        if value < minimum:
            failing = ", ".join(scores.failing.get(category, [])) or "-"
            findings.append(Finding("lighthouse", label, f"{category} {value} < {minimum}; failing audits: {failing}"))
    return findings
