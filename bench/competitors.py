"""The builds compared: ours (cold, warm, and `make site` after no change or one edit), the same pages
built the common way with mkdocs-static-i18n (one MkDocs project), and with Hugo.

Each function measures in the scratch project of bench/project.py and returns plain data for results.json.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import yaml

from .measure import Deadline, Run, clean_env, log, measure, median, rmtree, tree_size
from .project import edit_article, mtimes

HUGO_MISSING = "hugo is not installed: the Hugo comparison is skipped (install it with `apt-get install -y --no-install-recommends hugo`)"
#: A search index holding Devanagari as `\u0900`–`\u097F` escapes instead of UTF-8.
ESCAPED_DEVANAGARI = re.compile(rb"\\u09[0-7][0-9a-fA-F]")
DEVANAGARI = re.compile(r"[\u0900-\u097F]")


def _devanagari(data: bytes) -> tuple[int, int]:
    """(characters stored as UTF-8, characters stored as \\uXXXX escapes)."""
    return len(DEVANAGARI.findall(data.decode("utf-8", "replace"))), len(ESCAPED_DEVANAGARI.findall(data))


def search_index_facts(site_locale: Path) -> dict[str, Any]:
    """Size and encoding of a locale's search index: Material's lunr JSON, or Pagefind's chunks."""
    lunr, pagefind = site_locale / "search" / "search_index.json", site_locale / "pagefind"
    if lunr.is_file():
        data = lunr.read_bytes()
        raw, escaped = _devanagari(data)
        facts: dict[str, Any] = {"kind": "lunr", "bytes": len(data), "gzip_bytes": len(gzip.compress(data, 6))}
    elif pagefind.is_dir():
        # The index proper (entry, metadata, word index, page fragments: gzip files already); not the UI scripts.
        files = [p for p in pagefind.rglob("*") if p.is_file() and p.suffix in (".pf_meta", ".pf_index", ".pf_fragment", ".json")]
        size = sum(p.stat().st_size for p in files)
        raw = escaped = 0
        for fragment in pagefind.glob("fragment/*.pf_fragment"):
            r, e = _devanagari(gzip.decompress(fragment.read_bytes()))
            raw, escaped = raw + r, escaped + e
        facts = {"kind": "pagefind", "bytes": size, "gzip_bytes": size, "bytes_with_ui": tree_size(pagefind)[0], "files": len(files)}
    else:
        return {"kind": None, "bytes": 0, "gzip_bytes": 0, "utf8": None}
    # utf8 None: no Devanagari in this index at all, so nothing to judge.
    return facts | {"devanagari_utf8_chars": raw, "devanagari_escaped_chars": escaped, "utf8": None if raw + escaped == 0 else escaped == 0}


# --- ours ------------------------------------------------------------------------------------------------


def _build(project: Path) -> dict[str, Any]:
    """`python -m generator build`, then `python -m generator site`, timed."""
    gen = measure([sys.executable, "-m", "generator", "build"], project, clean_env())
    site = measure([sys.executable, "-m", "generator", "site"], project, clean_env())
    return {"generator": asdict(gen) | {"output": None}, "mkdocs": asdict(site) | {"output": None}}


def _figures(runs: list[dict[str, Any]]) -> dict[str, float]:
    gen_s = median([r["generator"]["wall_s"] for r in runs])
    total_s = median([r["generator"]["wall_s"] + r["mkdocs"]["wall_s"] for r in runs])
    return {
        "generator_s": gen_s,
        "mkdocs_s": median([r["mkdocs"]["wall_s"] for r in runs]),
        "total_s": total_s,
        "generator_cpu_s": median([r["generator"]["cpu_s"] for r in runs]),
        "mkdocs_cpu_s": median([r["mkdocs"]["cpu_s"] for r in runs]),
        "total_cpu_s": median([r["generator"]["cpu_s"] + r["mkdocs"]["cpu_s"] for r in runs]),
        "generator_share": gen_s / total_s,
    }


def bench_ours(project: Path, repeat: int, locales: Sequence[str], deadline: Deadline) -> dict[str, Any]:
    """Each run builds twice from an empty docs/ and site/: cold (no .build/ either, as in a fresh clone),
    then warm (the build cache of the cold build kept, as after `rm -rf docs site` or a branch switch)."""
    runs: list[dict[str, Any]] = []
    for r in range(repeat):
        if runs and not deadline.allows(sum(b[k]["wall_s"] for b in runs[-1].values() for k in b), reserve=2):
            log(f"    stopping after {len(runs)} run(s) to stay within --budget")
            break
        rmtree(project / "docs", project / "site", project / ".build")
        cold = _build(project)
        rmtree(project / "docs", project / "site")
        warm = _build(project)
        runs.append({"cold": cold, "warm": warm})
        log(
            f"    run {r + 1}/{repeat}: cold generator {cold['generator']['wall_s']:.2f} s, mkdocs {cold['mkdocs']['wall_s']:.2f} s; "
            f"warm generator {warm['generator']['wall_s']:.2f} s, mkdocs {warm['mkdocs']['wall_s']:.2f} s"
        )
    cold_runs = [r["cold"] for r in runs]
    all_runs = cold_runs + [r["warm"] for r in runs]
    site_bytes, site_files = tree_size(project / "site")
    return {
        # The headline figures are those of the cold build: everything read, checked and rendered.
        **_figures(cold_runs),
        "warm": _figures([r["warm"] for r in runs]),
        "peak_memory_mb": max(max(r["generator"]["max_rss_mb"], r["mkdocs"]["max_rss_mb"]) for r in all_runs),
        "peak_memory_tree_mb": max(max(r["generator"]["tree_rss_mb"], r["mkdocs"]["tree_rss_mb"]) for r in all_runs),
        "generator_peak_memory_mb": max(r["generator"]["max_rss_mb"] for r in all_runs),
        "mkdocs_peak_memory_mb": max(r["mkdocs"]["max_rss_mb"] for r in all_runs),
        "site_bytes": site_bytes,
        "site_files": site_files,
        "html_pages": sum(1 for _ in (project / "site").rglob("*.html")),
        "docs_bytes": tree_size(project / "docs")[0],
        "repeats": len(runs),
        "search_index": {loc: search_index_facts(project / "site" / loc) for loc in locales},
        "runs": runs,
    }


def bench_make(
    project: Path, slug: str, locales: Sequence[str], repeat_noop: int, repeat_edit: int, deadline: Deadline, estimate_s: float
) -> dict[str, Any]:
    """`make site` with nothing changed, then after editing one article (which pages were rewritten?)."""
    make = shutil.which("make")
    if make is None:
        return {"skipped": "make is not installed"}
    if not (project / ".venv").exists():
        return {"skipped": "no .venv in the checkout: run `make site` there first"}
    env = clean_env()
    # docs/ and site/ were built by the commands make runs, but make has no record of it: one `make site`
    # (not measured) writes its stamps, as a user's first build does; after it, make must find nothing to do.
    measure([make, "site"], project, env, sample=False)
    question = measure([make, "--question", "site"], project, env, check=False, sample=False)
    noop = [measure([make, "site"], project, env) for _ in range(repeat_noop)]
    edits: list[Run] = []
    rewritten: set[str] = set()
    visible = True
    for k in range(repeat_edit):
        if not deadline.allows(edits[-1].wall_s if edits else estimate_s, reserve=0.1):
            log(f"    stopping after {len(edits)} edit(s) to stay within --budget")
            break
        before = mtimes(project / "docs")
        marker = f"संशोधन{k + 1}"
        edit_article(project / "articles" / slug / "hi.yaml", marker)
        edits.append(measure([make, "site"], project, env))
        after = mtimes(project / "docs")
        rewritten |= {p for p in set(before) | set(after) if before.get(p) != after.get(p)}
        page = project / "site" / "hi" / slug / "index.html"
        visible = visible and page.is_file() and marker in page.read_text(encoding="utf-8")
    pages = {f"{loc}/{slug}.md" for loc in locales}
    if not edits:
        return {"skipped": "no time left within --budget for the edit", "noop_rebuild_s": median([r.wall_s for r in noop])}
    return {
        "up_to_date_after_build": question.returncode == 0,
        "noop_rebuild_s": median([r.wall_s for r in noop]),
        "noop_output": noop[0].output.strip()[-500:],
        "one_article_edit_s": median([r.wall_s for r in edits]),
        "one_article_edit_cpu_s": median([r.cpu_s for r in edits]),
        "edits": len(edits),
        "edited": f"articles/{slug}/hi.yaml",
        "docs_rewritten": sorted(rewritten),
        "only_that_article_rewritten": bool(rewritten) and rewritten <= pages,
        "edit_visible_in_site": visible,
    }


# --- the common way: one MkDocs build with mkdocs-static-i18n ------------------------------------------


def bench_static_i18n(project: Path, repeat: int, locales: Sequence[str], default: str) -> dict[str, Any]:
    """Build our generated pages in one MkDocs project with the i18n plugin (folder structure)."""
    try:
        import mkdocs_static_i18n  # noqa: F401
    except ImportError:
        return {"skipped": "mkdocs-static-i18n is not installed: pip install -r bench/requirements.txt"}
    root = project.parent / "static-i18n"
    rmtree(root)
    (root / "docs").mkdir(parents=True)
    for loc in locales:
        # Same pages, same text; our per-locale MkDocs configuration stays behind.
        shutil.copytree(project / "docs" / loc, root / "docs" / loc)
    nav = yaml.safe_load((project / "docs" / f"mkdocs.{default}.yml").read_text(encoding="utf-8")).get("nav")
    config = {
        "site_name": "News explainers",
        "site_url": "https://explainers.example.org/",
        "use_directory_urls": True,
        "theme": {"name": "material", "font": False, "features": ["content.tooltips", "navigation.top", "search.highlight"]},
        "markdown_extensions": ["attr_list", {"toc": {"permalink": True}}],
        "plugins": [
            "search",
            {
                "i18n": {
                    "docs_structure": "folder",
                    "languages": [{"locale": loc, "name": loc, "default": loc == default, "build": True} for loc in locales],
                }
            },
        ],
        # The same navigation as ours (home page and glossary), so that only the build approach differs.
        "nav": [path for entry in nav or [] for path in entry.values()] if nav else None,
        "validation": {"nav": {"omitted_files": "ignore"}, "links": {"absolute_links": "ignore", "unrecognized_links": "ignore"}},
    }
    if config["nav"] is None:
        del config["nav"]
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    runs = []
    for _ in range(repeat):
        rmtree(root / "site")
        runs.append(measure([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", root / "mkdocs.yml"], root, clean_env()))
    return {
        "total_s": median([r.wall_s for r in runs]),
        "cpu_s": median([r.cpu_s for r in runs]),
        "peak_memory_mb": max(r.max_rss_mb for r in runs),
        "site_bytes": tree_size(root / "site")[0],
        "html_pages": sum(1 for _ in (root / "site").rglob("*.html")),
        "search_index": search_index_facts(root / "site"),
        "runs_s": [r.wall_s for r in runs],
    }


HUGO_BASEOF = """<!doctype html>
<html lang="{{ .Language.Lang }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ .Title | safeHTML }} - {{ .Site.Title }}</title>
{{ range .AllTranslations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>{{ range .Translations }}
<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}" lang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</header>
<main>{{ block "main" . }}{{ end }}</main>
</body>
</html>
"""
HUGO_PAGE = """{{ define "main" }}<h1>{{ .Title | safeHTML }}</h1>
{{ .Content }}{{ end }}
"""


def bench_hugo(project: Path, repeat: int, locales: Sequence[str], default: str) -> dict[str, Any]:
    """Build our generated pages with Hugo: two languages, a minimal layout, raw HTML allowed."""
    hugo = shutil.which("hugo")
    if hugo is None:
        log(f"    {HUGO_MISSING}")
        return {"skipped": HUGO_MISSING}
    root = project.parent / "hugo"
    rmtree(root)
    for loc in locales:
        content = root / "content" / loc
        shutil.copytree(project / "docs" / loc, content, ignore=shutil.ignore_patterns("*.yml"))
        if (content / "index.md").exists():
            (content / "index.md").rename(content / "_index.md")  # Hugo's home page of a language
    layouts = root / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "baseof.html").write_text(HUGO_BASEOF, encoding="utf-8")
    (layouts / "single.html").write_text(HUGO_PAGE, encoding="utf-8")
    (layouts / "list.html").write_text(HUGO_PAGE, encoding="utf-8")
    languages = "\n".join(
        f'[languages.{loc}]\nlanguageName = "{loc}"\nweight = {i + 1}\ncontentDir = "content/{loc}"\n' for i, loc in enumerate(locales)
    )
    (root / "config.toml").write_text(
        'baseURL = "https://explainers.example.org/"\ntitle = "News explainers"\n'
        f'defaultContentLanguage = "{default}"\ndefaultContentLanguageInSubdir = true\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n\n'
        "[markup.goldmark.renderer]\nunsafe = true\n\n" + languages,
        encoding="utf-8",
    )
    version = measure([hugo, "version"], root, clean_env(), sample=False).output.strip()
    runs = []
    for _ in range(repeat):
        rmtree(root / "public", root / "resources")
        runs.append(measure([hugo, "--quiet", "--source", root, "--destination", root / "public"], root, clean_env()))
    return {
        "total_s": median([r.wall_s for r in runs]),
        "cpu_s": median([r.cpu_s for r in runs]),
        "peak_memory_mb": max(r.max_rss_mb for r in runs),
        "site_bytes": tree_size(root / "public")[0],
        "html_pages": sum(1 for _ in (root / "public").rglob("*.html")),
        "version": version,
        "runs_s": [r.wall_s for r in runs],
    }


# --- the editor's live loop: `make serve` (python -m generator serve) ------------------------------------

#: How long the server may take to start (its first build checks everything) and a save to reach the page.
SERVE_START_S = 900
SERVE_EDIT_S = 120


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bench_serve(project: Path, slugs: Sequence[str], locale: str) -> dict[str, Any]:
    """Save one article's locale file under a running `python -m generator serve`; seconds until the served page
    shows the change. One edit of each of `slugs` (different articles), after the server's first build."""
    port = _free_port()
    log_file = project.parent / "serve.log"
    with log_file.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator", "serve", "--port", str(port)],
            cwd=project,
            env=clean_env(),
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        base = f"http://127.0.0.1:{port}/{locale}/"
        start = time.perf_counter()
        while _get(base) is None:
            if proc.poll() is not None or time.perf_counter() - start > SERVE_START_S:
                return {"skipped": f"the server did not start: {log_file.read_text(encoding='utf-8', errors='replace')[-2000:]}"}
            time.sleep(0.2)
        started_s = time.perf_counter() - start
        edits: list[dict[str, Any]] = []
        for k, slug in enumerate(slugs):
            url = f"{base}{slug}/"
            marker = f"सजीव{k + 1}"
            time.sleep(1.0)  # the previous edit's lists and index settle in the background, as between an editor's saves
            saved = time.perf_counter()
            edit_article(project / "articles" / slug / f"{locale}.yaml", marker)
            while True:
                page = _get(url)
                if page is not None and marker in page:
                    edits.append({"article": slug, "seconds": time.perf_counter() - saved})
                    break
                if time.perf_counter() - saved > SERVE_EDIT_S:
                    return {"skipped": f"an edit of {slug} did not reach {url} within {SERVE_EDIT_S} s", "edits": edits}
                time.sleep(0.05)
        return {
            "edit_to_page_s": median([e["seconds"] for e in edits]),
            "edits": edits,
            "locale": locale,
            "server_start_s": started_s,
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, signal.SIGTERM)  # its own session: MkDocs workers it may have left behind
