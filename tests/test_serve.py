"""`python -m generator serve`: a save under a running server reaches the served page; bad data shows in
the browser while the last good pages stay served; what the server wrote to site/ is what a build writes."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import copy_project, generator

SLUG = "north-korea-russia-defence-treaty"
#: Generous: the machine running the tests is shared and busy.
TIMEOUT = 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, OSError):
        return None


def _until(url: str, ok: Callable[[str], bool], what: str, timeout: float = TIMEOUT) -> str:
    """Fetch url until ok(page): the server rebuilds in its own time."""
    deadline = time.monotonic() + timeout
    page = None
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and ok(page):
            return page
        time.sleep(0.2)
    raise AssertionError(f"{url}: {what} not seen within {timeout} s; last page:\n{(page or '')[-3000:]}")


def _set_title(file: Path, title: str) -> None:
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r"(?m)^title: .*$", f'title: "{title}"', text, count=1), encoding="utf-8")


def _html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def _trees_differ(a: Path, b: Path) -> list[str]:
    """Relative paths that differ between two trees (missing on one side, or other bytes)."""
    files_a = {p.relative_to(a).as_posix() for p in a.rglob("*") if p.is_file()}
    files_b = {p.relative_to(b).as_posix() for p in b.rglob("*") if p.is_file()}
    differ = sorted(files_a ^ files_b)
    differ += [rel for rel in sorted(files_a & files_b) if not filecmp.cmp(a / rel, b / rel, shallow=False)]
    return differ


@pytest.fixture
def served(tmp_path: Path):
    """A copy of the project under a running `python -m generator serve`; stopped by its PID afterwards."""
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", str(port)], cwd=project, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 240  # the first build, on a busy machine
        while _get(f"{base}/en/") is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"the server did not start:\n{(tmp_path / 'serve.log').read_text()}")
            time.sleep(0.5)
        yield project, base, proc
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()
        sys.stdout.write((tmp_path / "serve.log").read_text())  # shown by pytest when the test fails


def test_an_edit_under_serve_reaches_the_page_and_bad_data_shows_in_the_browser(served, tmp_path: Path) -> None:
    project, base, proc = served
    page_url = f"{base}/en/{SLUG}/"
    file = project / "articles" / SLUG / "en.yaml"
    good = file.read_text(encoding="utf-8")

    # A saved title reaches the article's page, then the home page that lists it.
    _set_title(file, "Live preview title one")
    page = _until(page_url, lambda p: "Live preview title one" in p, "the new title")
    assert "livereload(" in page  # the reload script is served ...
    _until(f"{base}/en/", lambda p: "Live preview title one" in p, "the new title on the home page")
    for html in _html_files(project / "site"):  # ... but never written to site/
        text = html.read_text(encoding="utf-8")
        assert "livereload" not in text and "serve-error" not in text and "serve-lag" not in text, html

    # Broken YAML: the problem is shown over the page, which is still the last good one.
    file.write_text(good.replace("title: ", "title: [unclosed ", 1), encoding="utf-8")
    page = _until(page_url, lambda p: 'id="serve-error"' in p, "the error notice")
    notice = page[page.index('id="serve-error"') :]
    assert f"articles/{SLUG}/en.yaml:" in notice
    assert "Live preview title one" in page  # the last good page
    assert _get(f"{base}/hi/{SLUG}/") is not None  # and the others still serve
    assert proc.poll() is None

    # Markup in the data reaches the notice as text, not as markup.
    file.write_text(good + '"<b onclick=x>bold</b>": 1\n', encoding="utf-8")  # an unknown field, named in the error
    page = _until(page_url, lambda p: 'id="serve-error"' in p and "&lt;b onclick=x&gt;" in p, "the escaped text in the error")
    assert "<b onclick=x>" not in page

    # Fixed: the page recovers.
    file.write_text(good, encoding="utf-8")
    _set_title(file, "Live preview title two")
    page = _until(page_url, lambda p: "Live preview title two" in p and 'id="serve-error"' not in p, "the fixed page")
    _until(page_url, lambda p: 'id="serve-lag"' not in p, "lists and search caught up")

    # What the server wrote to site/ is, byte for byte, what a build from scratch writes.
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)
    served_site = tmp_path / "served-site"
    shutil.copytree(project / "site", served_site)
    shutil.rmtree(project / ".build")
    generator(project, "build")
    generator(project, "site")
    # The preview writes no precompressed siblings (they would go stale as it rewrites pages in place): `make site`
    # adds them; the rest is the same bytes.
    assert not [p for p in served_site.rglob("*") if p.suffix in (".gz", ".br")]
    for sibling in [p for p in (project / "site").rglob("*") if p.suffix in (".gz", ".br")]:
        sibling.unlink()
    differ = _trees_differ(served_site, project / "site")
    assert differ == [], "\n".join(differ)


class Browser(threading.Thread):
    """One open page's live-reload loop, as MkDocs' script runs it in a browser: poll /livereload/<epoch>/<id> (the
    browser sends the page as Referer), reload when the answer is newer; `reloads` counts the reloads."""

    def __init__(self, base: str, path: str) -> None:
        super().__init__(daemon=True)
        self.url, self.base = base + path, base
        self.reloads = 0
        self.stop = threading.Event()
        self.script = self._load()

    def _load(self) -> tuple[int, str]:
        found = re.search(r"livereload\((\d+), (\d+)\)", _until(self.url, lambda p: "livereload(" in p, "the page"))
        assert found is not None
        return int(found.group(1)), found.group(2)

    def run(self) -> None:
        while not self.stop.is_set():
            epoch, request = self.script
            poll = urllib.request.Request(f"{self.base}/livereload/{epoch}/{request}", headers={"Referer": self.url})
            try:
                with urllib.request.urlopen(poll, timeout=90) as response:
                    answer = float(response.read())
            except (urllib.error.URLError, OSError, ValueError):
                time.sleep(0.5)
                continue
            if answer > epoch and not self.stop.is_set():
                self.reloads += 1
                self.script = self._load()


def test_a_save_reloads_each_open_page_once(served) -> None:
    project, base, _ = served
    pages = {"article": f"/en/{SLUG}/", "home": "/en/", "guide": "/en/writing/"}
    browsers = {name: Browser(base, path) for name, path in pages.items()}
    for browser in browsers.values():
        browser.start()
    time.sleep(1)
    _set_title(project / "articles" / SLUG / "en.yaml", "One reload per save")
    _until(base + pages["home"], lambda p: "One reload per save" in p, "the new title on the home page")
    _until(base + pages["article"], lambda p: 'id="serve-lag"' not in p, "lists and search caught up")
    time.sleep(3)  # a second reload, if there were one, would come now
    for browser in browsers.values():
        browser.stop.set()
    # The article's page reloads when it is rebuilt, the home page when the lists are; the guide, which did not change, never.
    assert {name: b.reloads for name, b in browsers.items()} == {"article": 1, "home": 1, "guide": 0}


def test_a_draft_is_previewed_under_serve(served) -> None:
    project, base, _ = served
    draft = "chandrayaan-3-moon-landing"
    article = project / "articles" / draft / "article.yaml"
    article.write_text(article.read_text(encoding="utf-8").replace("\npublished:", "\ndraft: true\npublished:", 1), encoding="utf-8")
    _set_title(project / "articles" / draft / "en.yaml", "A draft in preview")
    _until(f"{base}/en/{draft}/", lambda p: "A draft in preview" in p and 'id="serve-error"' not in p, "the draft's page")
    _until(f"{base}/en/", lambda p: "A draft in preview" in p, "the draft listed on the home page")


def test_what_a_save_asks_the_server_to_rebuild() -> None:
    from generator.serve.changes import classify

    saved = classify(["articles/a/en.yaml", "articles/a/.en.yaml.swp", "articles/b/hi.yaml~", "articles/README.md"])
    assert (saved.folders, saved.everything, saved.restart) == ({"a"}, False, False)
    assert classify(["locales/hi/LC_MESSAGES/messages.mo", "generator/__pycache__/build.cpython-311.pyc"]) == classify([])
    catalog = classify(["locales/hi/LC_MESSAGES/messages.po"])
    assert catalog.everything and catalog.catalogs == {"locales/hi/LC_MESSAGES/messages.po"}
    assert classify(["theme/main.html"]).everything and classify(["mkdocs.yml"]).everything
    assert classify(["generator/render/article.py"]).restart


def test_which_pages_a_rebuild_reloads() -> None:
    from generator.serve.reloads import Reloads, page_urls

    assert page_urls(["en/x.md", "en/index.md", "en/glossary/index.md", "en/feed.xml", "_root/index.html"]) == {
        "/en/x/",
        "/en/",
        "/en/glossary/",
        "/",
    }
    reloads = Reloads()
    reloads.add(10, page_urls(["en/x.md"]))
    reloads.add(20, page_urls(["mkdocs.hi.yml"]))
    assert reloads.due("/en/x/", 5, 20) and not reloads.due("/en/x/", 10, 20)  # once: not again for a later build
    assert not reloads.due("/en/", 5, 20) and reloads.due("/hi/anything/", 5, 20)
    assert reloads.due(None, 5, 10)  # a poll that does not say its page reloads on any change, as MkDocs' own
    reloads.add(30, None)
    assert reloads.due("/en/", 20, 30)


def test_sigterm_to_the_process_group_right_after_a_save_always_stops_the_server(tmp_path: Path) -> None:
    """As a terminal's Ctrl-C or a CI's cancel does: the whole group, while the save's rebuild runs (issue 18, item 19)."""
    project = copy_project(tmp_path / "project")
    file = project / "articles" / SLUG / "en.yaml"
    for attempt, delay in enumerate((0.0, 0.05, 0.2, 0.5)):
        port = _free_port()
        log_path = tmp_path / f"serve-{attempt}.log"
        with log_path.open("w") as log:
            proc = subprocess.Popen(
                [sys.executable, "-m", "generator", "serve", "--port", str(port)],
                cwd=project,
                stdout=log,
                stderr=log,
                start_new_session=True,
            )
            try:
                _until(f"http://127.0.0.1:{port}/en/", lambda p: True, "the server", timeout=240)
                _set_title(file, f"Stopped after a save {attempt}")
                time.sleep(delay)
                os.killpg(proc.pid, signal.SIGTERM)
                time.sleep(delay / 4)
                proc.send_signal(signal.SIGTERM)  # and again, as `make serve` passes the group's signal on to its child
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    pytest.fail(f"try {attempt + 1}: still serving 30 s after SIGTERM\n{log_path.read_text()}")
            finally:
                if proc.poll() is None:
                    os.killpg(proc.pid, signal.SIGKILL)
                    proc.wait()
        text = log_path.read_text()
        assert "Traceback" not in text, text


def test_a_save_under_serve_indexes_only_the_shard_of_its_page_and_the_site_is_a_clean_builds(tmp_path: Path) -> None:
    """With the search index in shards (one per year here), a paragraph saved under serve is indexed again in its
    year's shard only; the others are the served ones, and the site is, byte for byte, what a clean build makes."""
    from bench.project import edit_article

    project = copy_project(tmp_path / "project")
    env = {**os.environ, "SEARCH_SHARD_SIZE": "1"}
    port, log_file = _free_port(), tmp_path / "serve.log"
    with log_file.open("w") as log:
        command = [sys.executable, "-m", "generator", "serve", "--port", str(port)]
        proc = subprocess.Popen(command, cwd=project, env=env, stdout=log, stderr=log)
    try:
        base = f"http://127.0.0.1:{port}"
        _until(f"{base}/en/", lambda p: True, "the server's first page", timeout=240)
        assert (project / "site" / "en" / "pagefind-shards" / "2024").is_dir()
        edit_article(project / "articles" / SLUG / "en.yaml", "Shardword")
        _until(f"{base}/en/{SLUG}/", lambda p: "Shardword" in p, "the saved word")
        _until(f"{base}/en/{SLUG}/", lambda p: 'id="serve-lag"' not in p, "lists and search caught up")
        deadline = time.monotonic() + TIMEOUT
        while "search index of en updated" not in log_file.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.2)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(timeout=30)
    lines = [line for line in log_file.read_text(encoding="utf-8").splitlines() if "search index of en updated" in line]
    assert lines == ["search index of en updated (2024)"], log_file.read_text(encoding="utf-8")[-3000:]
    served_site = tmp_path / "served-site"
    shutil.copytree(project / "site", served_site)
    shutil.rmtree(project / ".build")
    subprocess.run([sys.executable, "-m", "generator", "build"], cwd=project, env=env, check=True, capture_output=True)
    subprocess.run([sys.executable, "-m", "generator", "site"], cwd=project, env=env, check=True, capture_output=True)
    for sibling in [p for p in (project / "site").rglob("*") if p.suffix in (".gz", ".br")]:
        sibling.unlink()
    differ = _trees_differ(served_site, project / "site")
    assert differ == [], "\n".join(differ)
