"""Reporting: the tables printed at the end of a run, and bench/results.json."""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from .project import ROOT


def versions() -> dict[str, str | None]:
    """The versions of what was measured (Python packages, and Lighthouse from node_modules)."""
    out: dict[str, str | None] = {}
    for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n", "Markdown", "PyYAML", "playwright"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = None
    try:
        out["lighthouse (npm)"] = json.loads((ROOT / "node_modules" / "lighthouse" / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        out["lighthouse (npm)"] = None
    return out


def _fmt(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "NO"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def table(rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) if i else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths, strict=True))) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def report(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    locales = next(iter(sizes.values()))["locales"]
    build = [
        [
            "N",
            "generator s",
            "mkdocs s",
            "total s",
            "gen share",
            "warm gen s",
            "warm total s",
            "warm share",
            "ms/article",
            "cpu s",
            "peak MB",
            "static-i18n s",
            "hugo s",
        ]
    ]
    weight = [
        ["N", "site MB", "html pages", *[f"index {loc} KB" for loc in locales], "no-op s", "edit s", *[f"load {loc} KB" for loc in locales]]
    ]
    for key, r in sizes.items():
        ours = r["ours"]
        build.append(
            [
                key,
                _fmt(ours["generator_s"]),
                _fmt(ours["mkdocs_s"]),
                _fmt(ours["total_s"]),
                _fmt(ours["generator_share"], 3),
                _fmt(ours["warm"]["generator_s"]),
                _fmt(ours["warm"]["total_s"]),
                _fmt(ours["warm"]["generator_share"], 3),
                _fmt(r["per_article_s"] * 1000, 1),
                _fmt(ours["total_cpu_s"], 1),
                _fmt(ours["peak_memory_mb"], 0),
                _fmt(r.get("static_i18n", {}).get("total_s")),
                _fmt(r.get("hugo", {}).get("total_s")),
            ]
        )
        weight.append(
            [
                key,
                _fmt(ours["site_bytes"] / 1e6, 1),
                str(ours["html_pages"]),
                *[_fmt(ours["search_index"][loc]["bytes"] / 1024, 0) for loc in locales],
                _fmt(r.get("make", {}).get("noop_rebuild_s")),
                _fmt(r.get("make", {}).get("one_article_edit_s")),
                *[_fmt(r["first_load"][loc]["kb"], 0) for loc in locales],
            ]
        )
    s = results["summary"]
    goals = [["target (issues 6, 15)", "value", "limit", "holds"]]
    for name, t in s["targets"].items():
        value = t.get("worst", t["value"]) if isinstance(t["value"], dict) else t["value"]
        holds = {True: "holds", False: "NOT MET", None: "–"}[t["holds"]]
        goals.append([name, _fmt(value, 3) if isinstance(value, float) else _fmt(value), t["limit"], holds])
    goals.append(["vs_hugo (reported)", _fmt(s["vs_hugo"], 1), "", ""])
    goals.append(["vs_static_i18n_1000 (reported)", _fmt(s.get("vs_static_i18n_1000"), 3), "", ""])
    goals.append(["vs_static_i18n_1000, warm (reported)", _fmt(s.get("vs_static_i18n_1000_warm"), 3), "", ""])
    warm_share = max(s["generator_share_warm"].values()) if s["generator_share_warm"] else None
    goals.append(["generator_share, warm (reported)", _fmt(warm_share, 3), "", ""])
    goals.append(["vs_static_i18n, warm (reported)", _fmt(s.get("vs_static_i18n_warm"), 3), "", ""])
    m = results["machine"]
    head = f"Benchmark of {results['date']} on {m['description']}; medians of {results['settings']['repeat']} run(s)."
    return "\n\n".join([head, table(build), table(weight), lighthouse_table(results), table(goals)]) + "\n"


def lighthouse_table(results: dict[str, Any]) -> str:
    """Lighthouse's mobile performance of an article page per locale, with the metrics behind the score."""
    s = results["summary"]
    if s.get("lighthouse_performance") is None:
        return f"Lighthouse: {s.get('lighthouse_skipped') or 'not run'}"
    n = s["lighthouse_at_n"]
    found = results["sizes"][str(n)]["lighthouse"]
    rows = [["locale", "page", "performance", "runs", "TBT ms", "LCP ms", "FCP ms", "speed index ms", "CLS"]]
    for loc, score in s["lighthouse_performance"].items():
        f = found[loc]
        rows.append(
            [
                loc,
                found["page"][loc],
                str(score),
                "/".join(str(p) for p in f["performance_runs"]),
                _fmt(f["total_blocking_time_ms"], 0),
                _fmt(f["largest_contentful_paint_ms"], 0),
                _fmt(f["first_contentful_paint_ms"], 0),
                _fmt(f["speed_index_ms"], 0),
                _fmt(f["cumulative_layout_shift"], 3),
            ]
        )
    return f"Lighthouse, mobile, median of {found['runs']} run(s) at N={n} (reported, never a test):\n" + table(rows)


def write_results(results: dict[str, Any], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
