"""List pages made from the explainers' records, and rendered again only when what they show changed (issue 21, item 1).

`generator build` keeps, for each explainer and locale, the small record the home page, glossary, timeline and feed
show of it (generator/render/records.py), and for each list page the digest of its inputs. Whatever the edits, the
docs/ it writes must be the docs/ a build without any cache writes; a correction must render only the list pages
that show the corrected explainer; a list page changed by hand in docs/ is never kept.
"""

from __future__ import annotations

import pickle
import random
import re
import shutil
from pathlib import Path

import pytest

from generator.build import ListMemo, make_site, render_all
from generator.cache import BuildCache
from generator.config import load_project
from generator.gather import gather
from generator.render import glossary, home, timeline
from generator.text import Text

from .conftest import copy_project, generator
from .test_incremental import _toggle_article

ARTICLES = ("chandrayaan-3-moon-landing", "north-korea-russia-defence-treaty", "kolkata-port-syama-prasad-mookerjee")
#: The fields a list page shows, in a locale's file: an edit to one of them changes the home page, timeline or glossary.
LISTED = re.compile(r"^(\s*(?:title|summary|label|definition):\s*)(.+)$", re.MULTILINE)


@pytest.fixture
def small_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Lists of a few items a page, so that the three explainers fill several pages of each list."""
    monkeypatch.setattr(home, "HOME_PAGE_SIZE", 1)
    monkeypatch.setattr(timeline, "LIST_PAGE_SIZE", 6)
    monkeypatch.setattr(glossary, "GLOSSARY_PAGE_SIZE", 4)


def _edit_listed(project: Path, rng: random.Random) -> str:
    """Append a word to a title, summary, event label or term definition of one locale's text of one explainer."""
    present = [a for a in ARTICLES if (project / "articles" / a).is_dir()]
    file = project / "articles" / rng.choice(present) / f"{rng.choice(['en', 'hi'])}.yaml"
    text = file.read_text(encoding="utf-8")
    found = list(LISTED.finditer(text))
    match = rng.choice(found)
    value = match.group(2)
    edited = value[:-1] + " edited" + value[-1] if value[-1] in "\"'" else value + " edited"
    file.write_text(text[: match.start(2)] + edited + text[match.end(2) :], encoding="utf-8")
    return f"{file.parent.name}/{file.name}:{match.group(1).strip()}"


def _edit_date(project: Path, rng: random.Random) -> str:
    """Move the Chandrayaan explainer's first event a year back: it changes year, and its place in the timeline."""
    file = project / "articles" / ARTICLES[0] / "article.yaml"
    text = file.read_text(encoding="utf-8")
    year = int(re.search(r'timeline:\n  - id: [^\n]+\n    date: "(\d{4})', text).group(1))  # type: ignore[union-attr]
    text = re.sub(r'(timeline:\n  - id: [^\n]+\n    date: ")\d{4}', rf"\g<1>{year - 1}", text, count=1)
    file.write_text(text, encoding="utf-8")
    return f"date {year - 1}"


def _docs(project: Path) -> dict[str, bytes]:
    return {p.relative_to(project / "docs").as_posix(): p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}


def _clean_docs(project: Path) -> dict[str, bytes]:
    """docs/ as a build without any cache makes it from the same articles."""
    clean = project.parent / f"{project.name}-clean"
    shutil.rmtree(clean, ignore_errors=True)
    shutil.copytree(project, clean, ignore=shutil.ignore_patterns("docs", ".build", "site"))
    generator(clean, "build", "--no-cache")
    return _docs(clean)


def _rendered(log: str) -> tuple[int, int, int]:
    """(article pages, list pages, of list pages) from the build's summary line."""
    found = re.search(r"rendered (\d+) article page\(s\) and (\d+) of (\d+) list page\(s\)", log)
    assert found, log
    return int(found.group(1)), int(found.group(2)), int(found.group(3))


@pytest.mark.pipeline
@pytest.mark.usefixtures("small_pages")
def test_docs_built_after_random_edits_of_listed_text_are_the_clean_build(tmp_path: Path) -> None:
    template = copy_project(tmp_path / "template")
    project = tmp_path / "p"
    shutil.copytree(template, project)
    generator(project, "build")
    rng = random.Random(21)
    done: list[str] = []
    for _step in range(7):
        roll = rng.random()
        if roll < 0.2:
            done.append(_toggle_article(project, template))
        else:
            done.append(_edit_date(project, rng) if roll < 0.35 else _edit_listed(project, rng))
        generator(project, "build")
        built, clean = _docs(project), _clean_docs(project)
        assert sorted(built) == sorted(clean), f"after {done}: other files than a clean build's"
        differ = [name for name in built if built[name] != clean[name]]
        assert differ == [], f"after {done}: {differ[:10]} differ from a clean build"
        # The cache keeps the records of the explainers there are, no others.
        present = {a for a in ARTICLES if (project / "articles" / a).is_dir()}
        records = {(p.parent.name, p.stem) for p in (project / ".build" / "cache" / "records").glob("*/*.pickle")}
        assert records == {(code, a) for code in ("en", "hi") for a in present}, f"after {done}"


@pytest.mark.pipeline
@pytest.mark.usefixtures("small_pages")
def test_a_correction_renders_only_the_list_pages_that_show_its_explainer(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    assert _rendered(generator(project, "build").stderr)[:2] == (0, 0), "a build with nothing changed rendered pages"
    home_pages = [project / "docs" / "en" / "index.md", *sorted((project / "docs" / "en" / "page").glob("*.md"))]
    assert len(home_pages) == 3
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*.md")}
    file = project / "articles" / ARTICLES[1] / "en.yaml"
    text = file.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
    file.write_text(text.replace(f"title: {title}", f"title: {title[:-1]} (corrected){title[-1]}", 1), encoding="utf-8")
    articles, lists, of = _rendered(generator(project, "build").stderr)
    # A change to any file of an explainer's folder is a new key for its pages and records in every locale.
    assert articles == 2, articles
    assert 0 < lists < of / 2, (lists, of)
    changed = sorted(p.relative_to(project / "docs").as_posix() for p, data in before.items() if p.read_bytes() != data)
    assert any(p.startswith("en/timeline/") for p in changed), changed  # its events name its title
    assert len([p for p in home_pages if p in before and p.read_bytes() != before[p]]) == 1, changed
    assert "(corrected)" in (project / "docs" / "en" / "feed.xml").read_text(encoding="utf-8")
    assert _docs(project) == _clean_docs(project)


@pytest.mark.pipeline
def test_a_list_page_changed_by_hand_in_docs_is_rendered_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    page = project / "docs" / "hi" / "timeline.md"
    right = page.read_bytes()
    page.write_bytes(right.replace(b"</ol>", b"<li>tampered</li></ol>", 1))
    assert page.read_bytes() != right
    log = generator(project, "build").stderr
    assert page.read_bytes() == right, "the hand-edited list page was kept"
    assert _rendered(log)[1] == 1, log


@pytest.mark.pipeline
def test_a_record_is_used_only_under_its_key(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    cache = BuildCache.for_project(load_project(project))
    name, code = ARTICLES[1], "hi"
    key = pickle.loads((project / ".build" / "cache" / "records" / code / f"{name}.pickle").read_bytes())[0]
    record = cache.record(name, code, key)
    assert record is not None and record.title.lang == "hi"  # type: ignore[attr-defined]
    assert cache.record(name, code, "another key") is None
    (project / ".build" / "cache" / "records" / code / f"{name}.pickle").write_bytes(b"not a pickle")
    assert cache.record(name, code, key) is None


def test_a_text_keeps_its_language_and_marks_through_the_cache() -> None:
    text = Text("संधि", "hi", "hi", "ltr", fallback=True, stale=True)
    back = pickle.loads(pickle.dumps(text))
    assert (back, back.code, back.lang, back.dir, back.fallback, back.stale) == ("संधि", "hi", "hi", "ltr", True, True)
    assert back.__html__() == text.__html__()
    # Its language and marks are its class's: a locale's worker holds some 600,000 texts at 10,000 explainers.
    other = Text("समझौता", "hi", "hi", "ltr", fallback=True, stale=True)
    assert type(other) is type(text) is type(back) and not hasattr(text, "__dict__")
    plain = Text("treaty", "en", "en", "ltr")
    assert (plain.lang, plain.fallback, plain.__html__()) == ("en", False, "treaty") and type(plain) is not type(text)


@pytest.mark.pipeline
@pytest.mark.usefixtures("small_pages")
def test_the_live_preview_keeps_records_between_saves_and_renders_what_a_build_renders(tmp_path: Path) -> None:
    """`make serve` renders the lists in memory (ListMemo): after a save, the same files as without any memo, and
    the records of the articles not saved are the ones it made before."""
    project = copy_project(tmp_path / "p")
    loaded = load_project(project)
    site = make_site(loaded)
    memos = {code: ListMemo(code) for code in loaded.codes}
    first = {a.folder: a for a in gather(loaded).articles}
    render_all(site, list(first.values()), memos=memos)
    before = {code: dict(memo.records) for code, memo in memos.items()}
    file = project / "articles" / ARTICLES[0] / "en.yaml"
    text = file.read_text(encoding="utf-8")
    file.write_text(re.sub(r'^(title: ".+)"$', r'\1 (saved)"', text, count=1, flags=re.MULTILINE), encoding="utf-8")
    # As `make serve` holds them: the saved article read again, the others the same objects as before.
    articles = [a if a.folder.endswith(ARTICLES[0]) else first[a.folder] for a in gather(loaded).articles]
    files = render_all(site, articles, memos=memos)
    assert files == render_all(site, articles)
    assert any("(saved)" in files[path].decode("utf-8") for path in files if path.startswith("en/timeline"))
    for code, memo in memos.items():
        for folder, (_article, record) in memo.records.items():
            kept = before[code][folder][1] is record
            assert kept == (not folder.endswith(ARTICLES[0])), (code, folder)
