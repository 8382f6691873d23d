"""Mixed-direction text reads in order: each run of data text is isolated (<bdi>, dir), measured in Chromium.

Without isolation the Unicode bidi algorithm lets a right-to-left run and the digits after it swap places
across the separators: «Used in: هبوط تشاندرايان, 2023 landing» showed «2023 ,هبوط تشاندرايان landing».
"""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser

from checks.server import serve

from ..conftest import copy_project, generator

SLUG = "chandrayaan-3-moon-landing"
COPY = "chandrayaan-3-second-look"
ARABIC_TITLE = "هبوط تشاندرايان على القمر"
DIGIT_TITLE = "2023 landing: what we know"
URDU_TITLE = "چندریان تین چاند پر اترا"
URDU_PUBLISHER = "روزنامہ جنگ"


def _edit(path: Path, change: Callable[[dict], object]) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def build_mixed_direction_project(dest: Path) -> Path:
    """Two explainers sharing their glossary: the newer titled in Arabic script on the English site, the
    older titled with a leading number; one source in Urdu, by an Urdu publisher."""
    project = copy_project(dest)
    articles = project / "articles"
    shutil.copytree(articles / SLUG, articles / COPY)

    def copy_data(data: dict) -> None:
        data["slug"] = COPY
        data["published"] = "2023-08-01T10:00:00+05:30"
        data.pop("updated", None)

    def urdu_source(data: dict) -> None:
        source = data["sources"][0]
        source.update(title=URDU_TITLE, publisher=URDU_PUBLISHER, language="ur", date="2023-08-23")

    _edit(articles / COPY / "article.yaml", copy_data)
    _edit(articles / SLUG / "article.yaml", urdu_source)
    _edit(articles / SLUG / "en.yaml", lambda d: d.update(title=ARABIC_TITLE))
    _edit(articles / COPY / "en.yaml", lambda d: d.update(title=DIGIT_TITLE))
    generator(project, "build")
    generator(project, "site")
    return project


@pytest.fixture(scope="module")
def mixed_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    project = build_mixed_direction_project(tmp_path_factory.mktemp("bidi") / "p")
    with serve(project / "site") as url:
        yield url


#: The boxes of each piece of an element, in logical (source) order: every child element, and every text
#: node's visible characters (through a Range), each as [left, right] on the screen.
PIECES = """e => Array.from(e.childNodes).map(n => {
  let rects;
  if (n.nodeType === Node.TEXT_NODE) {
    const start = n.data.search(/\\S/);
    if (start < 0) return null;
    const range = document.createRange();
    range.setStart(n, start);
    range.setEnd(n, n.data.trimEnd().length);
    rects = Array.from(range.getClientRects());
  } else {
    rects = Array.from(n.getClientRects());
  }
  rects = rects.filter(r => r.width > 0);
  return {text: n.textContent.trim(), left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
          lines: new Set(rects.map(r => Math.round(r.top))).size};
}).filter(Boolean)"""


#: The boxes of given strings of an element's text, each found after the previous one (Ranges over text nodes).
TEXT_PIECES = """(e, wanted) => {
  const nodes = [];
  const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) nodes.push(walker.currentNode);
  const full = nodes.map(n => n.data).join("");
  const at = offset => { for (const n of nodes) { if (offset <= n.data.length) return [n, offset]; offset -= n.data.length; } };
  let from = 0;
  return wanted.map(text => {
    const start = full.indexOf(text, from);
    if (start < 0) throw new Error(`${text} not found in ${full}`);
    from = start + text.length;
    const range = document.createRange();
    range.setStart(...at(start));
    range.setEnd(...at(from));
    const rects = Array.from(range.getClientRects()).filter(r => r.width > 0);
    return {text, left: Math.min(...rects.map(r => r.left)), right: Math.max(...rects.map(r => r.right)),
            lines: new Set(rects.map(r => Math.round(r.top))).size};
  });
}"""


def assert_in_logical_order(pieces: list[dict], where: str) -> None:
    """On a left-to-right page, each piece lies wholly right of the one before it (one line, no wrapping)."""
    assert all(p["lines"] == 1 for p in pieces), f"{where}: a piece wraps; widen the viewport: {pieces}"
    for before, after in itertools.pairwise(pieces):
        assert before["right"] <= after["left"] + 0.5, (
            f"{where}: {after['text']!r} is drawn (from x={after['left']:.0f}) before the end of {before['text']!r} "
            f"(x={before['right']:.0f}): {[p['text'] for p in pieces]}"
        )


def test_the_used_in_list_of_the_site_glossary_reads_in_order(browser: Browser, mixed_url: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    try:
        page.goto(f"{mixed_url}/en/glossary/")
        lists = page.locator("p.glossary__used-in", has_text=ARABIC_TITLE).filter(has_text=DIGIT_TITLE)
        assert lists.count() > 0, "no glossary entry lists both explainers"
        used_in = lists.first
        pieces = used_in.evaluate(PIECES)
        assert [p["text"] for p in pieces] == ["Used in:", ARABIC_TITLE, ",", DIGIT_TITLE]
        assert_in_logical_order(pieces, "site glossary, used in")
    finally:
        page.close()


def test_the_sources_list_reads_in_order_around_an_urdu_title_and_publisher(browser: Browser, mixed_url: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    try:
        # The Hindi page: its dates begin with the day («23 अगस्त 2023»), digits a right-to-left run would take.
        page.goto(f"{mixed_url}/hi/{SLUG}/")
        item = page.locator("ol.sources > li").first
        title = item.locator("a")
        assert title.get_attribute("lang") == "ur"
        assert title.get_attribute("dir") == "rtl"
        # Title, comma, publisher, comma, date: wherever the markup puts them, drawn left to right.
        pieces = item.evaluate(TEXT_PIECES, [URDU_TITLE, ",", URDU_PUBLISHER, ",", "23"])
        assert_in_logical_order(pieces, "sources list")
    finally:
        page.close()


def test_titles_of_either_direction_are_isolated_in_the_home_list_and_the_timeline(browser: Browser, mixed_url: str) -> None:
    page = browser.new_page(viewport={"width": 1600, "height": 900})
    try:
        for path, selector in (("en/", "ul.explainer-list a"), ("en/timeline/", "p.timeline__article a")):
            page.goto(f"{mixed_url}/{path}")
            link = page.locator(selector, has_text=ARABIC_TITLE).first
            # Isolated, and right-to-left inside: the title reads from the right, whatever surrounds it.
            assert link.evaluate("a => [...a.querySelectorAll('*'), a].some(e => getComputedStyle(e).unicodeBidi === 'isolate')")
            assert link.evaluate("a => getComputedStyle(a.firstElementChild || a).direction") == "rtl"
    finally:
        page.close()
