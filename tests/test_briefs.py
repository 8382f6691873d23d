"""`make site` holds each explainer's brief, not its model: no process holds every article (issue 21, item 1).

The main process of `generator build` keeps what it needs to place an explainer (generator/brief.py); a locale's
worker loads an explainer's model from the build cache only to render its page or list record. So an unchanged
explainer is never loaded, a correction loads only the corrected one, and a model lost from the cache is read from
its folder again.
"""

from __future__ import annotations

import pickle
import re
from collections import Counter
from pathlib import Path

import pytest

from generator.brief import brief
from generator.build import make_site
from generator.cache import BuildCache
from generator.config import load_project
from generator.errors import BuildError
from generator.gather import gather, gather_briefs, model

from .conftest import copy_project, generator

TREATY = "north-korea-russia-defence-treaty"


def _loads(log: Path) -> Counter[str]:
    return Counter(log.read_text(encoding="utf-8").split()) if log.exists() else Counter()


@pytest.fixture
def load_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every model the build's processes load from the cache, one folder name a line (forked workers inherit the spy)."""
    log = tmp_path / "loads.log"
    real = BuildCache.article

    def article(self: BuildCache, name: str, key: str) -> object:
        with log.open("a", encoding="utf-8") as fd:
            fd.write(name + "\n")
        return real(self, name, key)

    monkeypatch.setattr(BuildCache, "article", article)
    return log


@pytest.mark.pipeline
def test_a_build_loads_only_the_explainers_it_renders(tmp_path: Path, load_log: Path) -> None:
    project = copy_project(tmp_path / "p")
    site = make_site(load_project(project))
    articles = gather(load_project(project)).articles
    shown = Counter(Path(a.folder).name for a in articles for code in site.project.codes if site.editions.shows(a, code))
    generator(project, "build")
    # Cold: every explainer is checked, put in the cache as a model, and loaded by each locale's worker that shows it.
    assert _loads(load_log) == shown
    load_log.unlink()
    generator(project, "build")
    assert _loads(load_log) == Counter(), "a build with nothing changed loaded explainers' models"
    file = project / "articles" / TREATY / "en.yaml"
    text = file.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", text, re.MULTILINE).group(1)  # type: ignore[union-attr]
    file.write_text(text.replace(f"title: {title}", f"title: {title[:-1]} (corrected){title[-1]}", 1), encoding="utf-8")
    log = generator(project, "build").stderr
    assert _loads(load_log) == Counter({TREATY: shown[TREATY]}), log


@pytest.mark.pipeline
def test_a_model_lost_from_the_cache_is_read_from_its_folder_again(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    docs = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    entry = project / ".build" / "cache" / "articles" / f"{TREATY}.pickle"
    data = entry.read_bytes()
    head = len(pickle.dumps(pickle.loads(data), protocol=pickle.HIGHEST_PROTOCOL))
    entry.write_bytes(data[:head] + b"cut")  # the brief is whole; the model is not
    (project / ".build" / "cache" / "pages" / "hi" / f"{TREATY}.md").unlink()  # so the page must be rendered again
    log = generator(project, "build").stderr
    assert "rendered 1 article page(s)" in log, log
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == docs


def test_a_folder_changed_while_the_build_runs_stops_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    settings = load_project(project)
    cache = BuildCache.for_project(settings)
    briefed = gather_briefs(settings, cache)
    treaty = next(b for b in briefed.briefs if b.name == TREATY)
    assert model(settings, cache, briefed, treaty).slug == TREATY
    (project / ".build" / "cache" / "articles" / f"{TREATY}.pickle").unlink()
    assert model(settings, cache, briefed, treaty).slug == TREATY  # read and checked again
    file = project / "articles" / TREATY / "en.yaml"
    file.write_text(file.read_text(encoding="utf-8") + "\n# edited meanwhile\n", encoding="utf-8")
    with pytest.raises(BuildError, match=rf"articles/{TREATY}: changed while the build ran; build again \(docs/ is unchanged\)"):
        model(settings, cache, briefed, treaty)


def test_a_brief_is_a_small_part_of_its_model() -> None:
    """The main process holds every brief: one must stay far smaller than the model, or it holds the archive again."""
    for article in gather(load_project(Path(__file__).resolve().parent.parent), positions=False).articles:
        small, whole = (len(pickle.dumps(x, protocol=pickle.HIGHEST_PROTOCOL)) for x in (brief(article), article))
        assert small * 5 < whole, (article.folder, small, whole)
