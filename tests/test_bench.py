"""The benchmark (bench/, `make bench`) still runs: a small corpus, one run, every figure present and sane."""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bench.compare import HEADLINE, issue15_ratios, large_figures, lighthouse_figures, targets
from bench.corpus import make_article
from bench.lighthouse import bench_lighthouse
from bench.project import ROOT, prepare_project
from bench.run import copy_large

N = 10
#: Figures of issue 6 that every run reports.
FIGURES = (
    *HEADLINE,
    "date",
    "cpu_count",
    "machine",
)


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Any], str, Path]:
    """Run `python -m bench.run` at N=10 once, keeping its scratch project; return (results, output, workdir).

    Without Lighthouse: test_lighthouse_scores_an_article_page runs it once, on the site kept here."""
    work = tmp_path_factory.mktemp("bench")
    out = work / "results.json"
    cmd = [sys.executable, "-m", "bench.run", "--sizes", str(N), "--repeat", "1", "--out", str(out), "--workdir", str(work / "w"), "--keep"]
    cmd.append("--no-lighthouse")
    result = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return json.loads(out.read_text(encoding="utf-8")), result.stdout + result.stderr, work / "w"


def positive(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value > 0


def test_corpus_is_deterministic_and_independent_of_its_size() -> None:
    assert make_article(3) == make_article(3)
    assert make_article(3) != make_article(4)
    assert make_article(3, seed=1) != make_article(3)


def test_corpus_passes_the_projects_validator(tmp_path: Path) -> None:
    project = tmp_path / "project"
    prepare_project(project, 5, seed=7)
    check = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
    assert "5 article(s)" in check.stdout + check.stderr


def test_corpus_articles_have_the_issues_shape_and_link_every_glossary_term() -> None:
    for i in range(5):
        _, article, *texts = make_article(i)
        assert 10 <= len(article["timeline"]) <= 20
        assert 10 <= len(article["glossary"]) <= 20
        assert article["sources"] and article["key_facts"]
        for text in texts:
            body = " ".join(p["text"] for s in text["sections"] for p in s["paragraphs"])
            assert 700 <= len(body.split()) <= 950
            for term in text["glossary"].values():
                assert any(form.casefold() in body.casefold() for form in [term["term"], *term["forms"]]), term["term"]


def test_benchmark_reports_every_figure_of_issue_6(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, _, _ = bench_run
    missing = [key for key in FIGURES if key not in results]
    assert not missing
    assert results["cpu_count"] >= 1 and results["machine"]["description"]


def test_benchmark_figures_are_positive_numbers(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, _, _ = bench_run
    size = results["sizes"][str(N)]
    ours = size["ours"]
    for key in ("generator_s", "mkdocs_s", "total_s", "peak_memory_mb", "site_bytes"):
        assert positive(ours[key]), key
    assert 0 < results["generator_share"][str(N)] < 1
    assert positive(results["noop_rebuild_s"]) and positive(results["one_article_edit_s"])
    assert positive(results["peak_memory_mb"])
    assert set(results["article_first_load_kb"]) == set(size["locales"])
    assert all(positive(kb) for kb in results["article_first_load_kb"].values())
    assert all(positive(b) for b in results["search_index_bytes"][str(N)].values())
    assert isinstance(results["search_index_utf8"], bool)


def test_the_one_build_approach_is_compared_or_its_absence_is_said(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, _, _ = bench_run
    if importlib.util.find_spec("mkdocs_static_i18n"):
        assert positive(results["vs_static_i18n"])
    else:  # bench/requirements.txt is installed by `make bench`, not by `make test`
        assert results["vs_static_i18n"] is None
        assert "not installed" in results["summary"]["vs_static_i18n_skipped"]


def test_hugo_is_compared_or_its_absence_is_said(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, output, _ = bench_run
    if shutil.which("hugo"):
        assert positive(results["vs_hugo"])
    else:
        assert results["vs_hugo"] is None
        assert "hugo is not installed" in output and "hugo is not installed" in results["summary"]["vs_hugo_skipped"]


def test_scaling_needs_two_sizes_and_is_left_empty_with_one(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, _, _ = bench_run
    assert results["scaling_1000_vs_100"] is None


def test_benchmark_built_the_site_it_measured(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, _, work = bench_run
    site = work / f"n{N}" / "project" / "site"
    assert (site / "index.html").is_file()
    for loc in results["sizes"][str(N)]["locales"]:
        index = results["sizes"][str(N)]["ours"]["search_index"][loc]
        assert index["kind"] in ("lunr", "pagefind") and index["bytes"] > 0, index
        page = results["sizes"][str(N)]["first_load"]["page"][loc]
        assert (site / page.strip("/") / "index.html").is_file()


def test_editing_one_article_rewrites_only_its_pages(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    make = bench_run[0]["sizes"][str(N)]["make"]
    assert make["up_to_date_after_build"], "after `make site`, make still had something to do"
    assert make["edit_visible_in_site"]
    assert make["docs_rewritten"], "the edit reached no page"
    assert make["only_that_article_rewritten"], make["docs_rewritten"]


def test_targets_are_judged_in_the_results(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    targets = bench_run[0]["summary"]["targets"]
    for name in ("generator_share", "noop_rebuild_s", "article_first_load_kb", "peak_memory_mb", "search_index_utf8"):
        assert isinstance(targets[name]["holds"], bool), name
    # Issue 6 states these at N=100 and N=1000: at N=10 alone they are shown, not judged.
    assert targets["vs_static_i18n"]["holds"] is None
    assert targets["scaling_1000_vs_100"]["holds"] is None


def test_lighthouse_left_out_is_said_in_results_and_report(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, output, _ = bench_run
    assert results["lighthouse_performance"] is None and results["lighthouse_total_blocking_time_ms"] is None
    assert "not run" in results["summary"]["lighthouse_skipped"]
    assert results["summary"]["targets"]["lighthouse_performance"]["holds"] is None
    assert "Lighthouse: not run" in output


def test_lighthouse_scores_an_article_page(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    """One real Lighthouse run (npm CLI, Debian's Chromium) on the article page the benchmark measured."""
    results, _, work = bench_run
    page = results["sizes"][str(N)]["first_load"]["page"]["hi"]
    found = bench_lighthouse(work / f"n{N}" / "project" / "site", page.strip("/").split("/")[-1], ["hi"], runs=1)
    assert "skipped" not in found, found.get("skipped")
    hi = found["hi"]
    assert isinstance(hi["performance"], int) and 0 <= hi["performance"] <= 100
    assert hi["performance_runs"] == [hi["performance"]]
    assert isinstance(hi["total_blocking_time_ms"], int | float) and hi["total_blocking_time_ms"] >= 0
    assert positive(hi["largest_contentful_paint_ms"])


def test_the_lighthouse_target_is_judged_on_the_worst_locale() -> None:
    """Reported, not a test of the site: ≥ 95 holds only when every locale's median reaches it."""
    run = {"runs": 5, "page": {}}
    metrics = {"total_blocking_time_ms": 120.0, "largest_contentful_paint_ms": 1800.0}
    scores = {"hi": {"performance": 97, **metrics}, "en": {"performance": 93, **metrics}}
    sizes = {1000: {"locales": ["hi", "en"], "lighthouse": run | scores}}
    summary = lighthouse_figures(sizes)
    assert summary["lighthouse_performance"] == {"hi": 97, "en": 93} and summary["lighthouse_at_n"] == 1000
    judged = targets(summary | {"search_index_utf8": True})["lighthouse_performance"]
    assert judged["worst"] == 93 and judged["holds"] is False and judged["limit"] == ">= 95"
    sizes[1000]["lighthouse"]["en"]["performance"] = 95
    assert targets(lighthouse_figures(sizes) | {"search_index_utf8": True})["lighthouse_performance"]["holds"] is True


# --- issue 15: the live loop, Hugo at N=1000, and the archive ten times larger -------------------------------


def test_the_live_loop_is_measured_under_a_running_server(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    """Five saves of different articles' locale files under `generator serve`, each seen in the served page."""
    results, _, _ = bench_run
    serve = results["sizes"][str(N)]["serve"]
    assert "skipped" not in serve, serve.get("skipped")
    assert len(serve["edits"]) == 5 and len({e["article"] for e in serve["edits"]}) == 5
    assert all(positive(e["seconds"]) for e in serve["edits"])
    assert positive(results["edit_to_page_s"]) and results["summary"]["edit_to_page_at_n"] == N
    # Issue 15 states the target at N=1000: at N=10 it is shown, not judged.
    assert results["summary"]["targets"]["edit_to_page_s"]["holds"] is None


def test_the_edits_reached_the_served_pages_and_the_files(bench_run: tuple[dict[str, Any], str, Path]) -> None:
    results, _, work = bench_run
    project = work / f"n{N}" / "project"
    for k, edit in enumerate(results["sizes"][str(N)]["serve"]["edits"]):
        assert f"सजीव{k + 1}" in (project / "site" / "hi" / edit["article"] / "index.html").read_text(encoding="utf-8")


def _sizes(**at_1000: Any) -> dict[int, dict[str, Any]]:
    ours = {"total_s": 40.0, "total_cpu_s": 60.0, "peak_memory_mb": 500.0, "peak_memory_tree_mb": 900.0, "warm": {"total_s": 20.0}}
    return {
        1000: {"ours": ours, "per_article_s": 0.040, "per_article_cpu_s": 0.060, **at_1000},
        10000: {"ours": ours | {"peak_memory_mb": 2000.0}, "per_article_s": 0.050, "per_article_cpu_s": 0.066},
    }


def test_issue_15_ratios_are_ours_over_hugo_in_the_same_run_cold_and_warm() -> None:
    found = issue15_ratios(_sizes(hugo={"total_s": 8.0, "cpu_s": 10.0}, static_i18n={"total_s": 160.0}))
    assert found["vs_hugo_1000"] == 5.0 and found["vs_hugo_1000_warm"] == 2.5 and found["vs_hugo_1000_cpu"] == 6.0
    assert found["vs_static_i18n_1000"] == 0.25
    judged = targets(found | {"search_index_utf8": True})
    assert judged["vs_hugo_1000"]["holds"] is False and judged["vs_hugo_1000_warm"]["holds"] is True
    assert issue15_ratios(_sizes(hugo={"skipped": "hugo is not installed"}))["vs_hugo_1000"] is None


def test_scaling_and_memory_at_10000_are_judged_against_1000() -> None:
    found = large_figures(_sizes())
    assert abs(found["scaling_10000_vs_1000"] - 1.25) < 1e-9 and abs(found["scaling_cpu_10000_vs_1000"] - 1.1) < 1e-9
    assert found["peak_memory_mb_10000"] == 2000.0
    judged = targets(found | {"search_index_utf8": True})
    assert judged["scaling_10000_vs_1000"]["holds"] is False and judged["peak_memory_mb_10000"]["holds"] is False
    assert large_figures({1000: _sizes()[1000]})["scaling_10000_vs_1000"] is None


def test_the_large_runs_figures_reach_the_results_of_make_bench() -> None:
    large = {"date": "d", "source": {"commit": "c"}, "settings": {"sizes": [1000, 10000]}, "summary": large_figures(_sizes())}
    large["summary"]["targets"] = targets(large["summary"] | {"search_index_utf8": True})
    results: dict[str, Any] = {"summary": {"targets": {}}}
    copy_large(large, results)
    assert results["peak_memory_mb_10000"] == 2000.0 and results["summary"]["targets"]["peak_memory_mb_10000"]["holds"] is False
    assert results["summary"]["large_run"]["sizes"] == [1000, 10000]


def test_the_correction_is_judged_against_hugos_full_build_and_across_sizes() -> None:
    sizes = _sizes(hugo={"total_s": 8.0, "cpu_s": 10.0}, make={"one_article_edit_s": 6.0})
    sizes[10000]["make"] = {"one_article_edit_s": 12.0}
    found = issue15_ratios(sizes)
    assert found["correction_vs_hugo_1000"] == 0.75 and found["correction_10000_vs_1000"] == 2.0
    judged = targets(found | {"search_index_utf8": True})
    assert judged["correction_vs_hugo_1000"]["holds"] is True and judged["correction_10000_vs_1000"]["holds"] is False
