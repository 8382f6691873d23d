"""Build speed, scaling and page weight on a synthetic corpus, side by side with the usual approaches.

    python -m bench.run [--sizes 10 100 1000] [--repeat 3] [--out bench/results.json]

For each corpus size N, in a scratch copy of the project (temporary folder; the checkout is never
touched) whose articles/ is the synthetic corpus of bench/corpus.py:

- our build, `--repeat` times from an empty docs/ and site/: generator time (`python -m generator
  build`), MkDocs time (`python -m generator site`), total, CPU time, peak memory; then the size of
  site/ and of each locale's search index, and whether the index stores Devanagari as UTF-8;
- the same Markdown pages (taken from our docs/) built the common way, ONE `mkdocs build` with the
  mkdocs-static-i18n plugin, and with Hugo (a minimal two-language layout);
- `make site` with nothing changed (no-op), and after editing one article's hi.yaml, with a check
  (by mtimes) that the generator rewrote only that article's pages;
- the compressed bytes a browser fetches to show one article page, per locale: the requests of
  headless Chromium loading the page, or, without a browser, found by reading the HTML and CSS;
- at the largest N, Lighthouse's mobile performance score of that page per locale (median of
  `--lighthouse-runs` runs) and its total blocking time: reported, never a test.

Timings are medians of the repeated runs. It prints a table and writes a JSON file (see README.md
beside this file). Everything is measured on one machine at one time, so every comparison is a ratio.

This module is the entry point; the work is done by measure.py (processes, time, memory), project.py
(the scratch project), competitors.py (our build, make, mkdocs-static-i18n, Hugo), pageweight.py (first
load), lighthouse.py, compare.py (ratios and targets) and report.py (the tables and results.json).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from .compare import HEADLINE, LARGE, summarise
from .competitors import HUGO_MISSING, bench_hugo, bench_make, bench_ours, bench_serve, bench_static_i18n
from .corpus import DEFAULT_SEED
from .lighthouse import bench_lighthouse
from .measure import Deadline, log, machine, rmtree
from .pageweight import bench_first_load
from .project import ROOT, prepare_project, project_locales, source_state
from .report import report, versions, write_results

#: Edits of different articles under a running `generator serve` (issue 15: the median of 5).
SERVE_EDITS = 5


def bench_size(n: int, args: argparse.Namespace, work: Path, deadline: Deadline) -> dict[str, Any]:
    """Everything measured at one corpus size, in its own scratch project (removed afterwards unless --keep)."""
    log(f"N = {n}: writing the corpus")
    project = work / f"n{n}" / "project"
    slugs = prepare_project(project, n, args.seed)
    locales, default = project_locales(project)
    repeat = args.repeat
    large = n > args.large
    log(f"N = {n}: our build, {repeat} run(s)")
    result: dict[str, Any] = {"n": n, "locales": locales, "load_average": list(os.getloadavg())}
    result["ours"] = bench_ours(project, repeat, locales, deadline)
    result["per_article_s"] = result["ours"]["total_s"] / n
    result["per_article_cpu_s"] = result["ours"]["total_cpu_s"] / n
    compare_repeat = 1 if large else repeat
    if args.static_i18n and n in args.compare_sizes:
        log(f"N = {n}: one MkDocs build with mkdocs-static-i18n, {compare_repeat} run(s)")
        result["static_i18n"] = bench_static_i18n(project, compare_repeat, locales, default)
    if args.hugo and n in args.compare_sizes:
        log(f"N = {n}: Hugo, {compare_repeat} run(s)")
        result["hugo"] = bench_hugo(project, compare_repeat, locales, default)
    slug = slugs[len(slugs) // 2]
    if args.make:
        log(f"N = {n}: make site (no-op, then one edited article)")
        estimate = result["ours"]["total_s"]
        result["make"] = bench_make(project, slug, locales, repeat, 1 if large else repeat, deadline, estimate)
    if args.serve:
        # Articles other than the one `make site` edited, each edited once: the median of len(edited) saves.
        others = [s for s in slugs if s != slug]
        edited = [others[(i * len(others)) // SERVE_EDITS] for i in range(SERVE_EDITS)] if others else []
        edited = list(dict.fromkeys(edited))
        log(f"N = {n}: `generator serve`, {len(edited)} edit(s) of different articles")
        result["serve"] = bench_serve(project, edited, default)
        if "edit_to_page_s" in result["serve"]:
            log(f"    save to served page: median {result['serve']['edit_to_page_s']:.2f} s")
        else:
            log(f"    serve skipped: {result['serve']['skipped'][:500]}")
    log(f"N = {n}: first load of an article page")
    result["first_load"] = bench_first_load(project / "site", slug, locales, args.browser)
    if args.lighthouse_runs and n == max(args.sizes):
        log(f"N = {n}: Lighthouse (mobile performance), {args.lighthouse_runs} run(s) per locale")
        result["lighthouse"] = bench_lighthouse(project / "site", slug, locales, args.lighthouse_runs)
    if not args.keep:
        rmtree(work / f"n{n}")
    return result


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description="Build speed, scaling and page weight on a synthetic corpus.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000], help="corpus sizes N (default: 10 100 1000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is reported (default: 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "results.json", help="the JSON file to write")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="the corpus seed")
    parser.add_argument(
        "--compare-sizes",
        type=int,
        nargs="+",
        default=[10, 100, 1000],
        help="sizes at which to build with static-i18n and Hugo (default: 10 100 1000; issue 15 compares at 1000)",
    )
    parser.add_argument(
        "--large", type=int, default=500, help="above this N, comparisons and the edit run once, to keep the whole run short (default: 500)"
    )
    parser.add_argument(
        "--budget", type=float, default=840, help="seconds the whole run may take; repeats of the largest N are cut to fit (default: 840)"
    )
    parser.add_argument(
        "--no-static-i18n", dest="static_i18n", action="store_false", help="skip the one-build mkdocs-static-i18n comparison"
    )
    parser.add_argument("--no-hugo", dest="hugo", action="store_false", help="skip the Hugo comparison")
    parser.add_argument("--no-make", dest="make", action="store_false", help="skip the make no-op and one-edit measurements")
    parser.add_argument(
        "--no-serve", dest="serve", action="store_false", help="skip the live loop (edits under a running `generator serve`)"
    )
    parser.add_argument(
        "--large-from",
        type=Path,
        default=ROOT / "bench" / "results-large.json",
        help="without N=10,000 in this run, take scaling_10000_vs_1000 and peak_memory_mb_10000 from this file of "
        "`make bench-large`, when it exists (default: bench/results-large.json)",
    )
    parser.add_argument(
        "--also-into",
        type=Path,
        help="also copy the figures of the large run (scaling_10000_vs_1000, peak_memory_mb_10000) into this results.json",
    )
    parser.add_argument("--no-browser", dest="browser", action="store_false", help="find a page's requests from its HTML, not Chromium")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=5,
        help="Lighthouse runs per locale on an article page at the largest N; the median is reported (default: 5; 0 skips)",
    )
    parser.add_argument(
        "--no-lighthouse", dest="lighthouse_runs", action="store_const", const=0, help="skip Lighthouse (--lighthouse-runs 0)"
    )
    parser.add_argument("--workdir", type=Path, help="where to build (default: a new temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch projects")
    args = parser.parse_args(argv)
    if args.repeat < 1 or any(n < 1 for n in args.sizes):
        parser.error("--repeat and --sizes must be positive")
    if args.lighthouse_runs < 0:
        parser.error("--lighthouse-runs must be 0 or more")
    return args


def main(argv: Sequence[str] | None = None, *, write: Callable[[str], Any] = sys.stdout.write) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    info = machine()
    source = source_state()
    if args.hugo and shutil.which("hugo") is None:
        log(HUGO_MISSING)
    work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes: dict[int, dict[str, Any]] = {}
    deadline = Deadline(args.budget)
    try:
        for n in sorted(set(args.sizes)):
            sizes[n] = bench_size(n, args, work, deadline)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    info["load_average_at_end"] = list(os.getloadavg())
    results: dict[str, Any] = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": info,
        "cpu_count": info["cpu_count"],
        "versions": versions(),
        "source": source,
        "settings": {
            "sizes": sorted(set(args.sizes)),
            "repeat": args.repeat,
            "seed": args.seed,
            "compare_sizes": args.compare_sizes,
            "large": args.large,
            "budget_s": args.budget,
            "static_i18n": args.static_i18n,
            "hugo": args.hugo,
            "make": args.make,
            "serve": args.serve,
            "browser": args.browser,
            "lighthouse_runs": args.lighthouse_runs,
        },
        "duration_s": None,
        "summary": {},
        "sizes": {str(n): r for n, r in sizes.items()},
    }
    results["summary"] = summarise(sizes)
    results["duration_s"] = time.perf_counter() - started
    # The headline figures also at the top level, where a reader (and the test) looks first.
    for key in HEADLINE:
        results[key] = results["summary"][key]
    if 10000 not in sizes and args.large_from is not None and args.large_from.is_file():
        copy_large(json.loads(args.large_from.read_text(encoding="utf-8")), results)
    write_results(results, args.out)
    if args.also_into is not None:
        merge_large(results, args.also_into)
    write(report(results))
    write(f"\nWritten to {args.out} in {results['duration_s']:.0f} s.\n")
    return 0


def merge_large(results: dict[str, Any], into: Path) -> None:
    """Put the figures of `make bench-large` into the results of `make bench`, with where they came from."""
    if not into.is_file():
        log(f"{into} does not exist yet: run `make bench` first; the large figures stay in the large run's file only")
        return
    target = json.loads(into.read_text(encoding="utf-8"))
    copy_large(results, target)
    write_results(target, into)
    log(f"figures of the large run copied into {into}")


def copy_large(large: dict[str, Any], target: dict[str, Any]) -> None:
    """Copy the figures of a large run (and their judged targets) into other results, saying which run they are from."""
    summary = target.setdefault("summary", {})
    for key in LARGE:
        target[key] = summary[key] = large["summary"].get(key)
    for key in ("scaling_10000_vs_1000", "peak_memory_mb_10000"):
        if key in large["summary"].get("targets", {}):
            summary.setdefault("targets", {})[key] = large["summary"]["targets"][key]
    summary["large_run"] = {"date": large.get("date"), "source": large.get("source"), "sizes": large.get("settings", {}).get("sizes")}


if __name__ == "__main__":
    sys.exit(main())
