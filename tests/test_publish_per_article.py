"""A desk publishes a language article by article: `articles: translated` on a published locale.

Urdu is published with one explainer translated (its text complete) and the other only scaffolded: the
translated one is listed and built in Urdu and linked from the other languages; the other is not listed
in Urdu, gets no Urdu page and no Urdu alternate anywhere, and is not an error (it was 228 before).
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from babel.messages.pofile import read_po

from .conftest import copy_project, generator, run

DONE = "chandrayaan-3-moon-landing"
TODO = "north-korea-russia-defence-treaty"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("per-article") / "repo")
    run([sys.executable, "-m", "generator.i18n", "init", "ur"], root)
    generator(root, "add-locale", "ur")
    # The translation of DONE is complete (its English text stands in for the Urdu: complete is what counts).
    shutil.copy(root / "articles" / DONE / "en.yaml", root / "articles" / DONE / "ur.yaml")
    config = root / "locales" / "locales.yml"
    text = config.read_text(encoding="utf-8").replace(
        '\n  "ur":\n    status: draft', '\n  "ur":\n    status: published\n    articles: translated\n    interface: fallback'
    )  # the interface catalog is not translated: published in English on purpose (see test_an_english_interface_…)
    config.write_text(text, encoding="utf-8")
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], root)
    generator(root, "build")
    return root


def test_only_the_translated_article_is_published(project: Path) -> None:
    docs = project / "docs"
    assert (docs / "ur" / f"{DONE}.md").is_file()
    assert not (docs / "ur" / f"{TODO}.md").exists()
    home = (docs / "ur" / "index.md").read_text(encoding="utf-8")
    assert f"{DONE}/" in home and f"{TODO}/" not in home
    feed = (docs / "ur" / "feed.xml").read_text(encoding="utf-8")
    assert DONE in feed and TODO not in feed
    glossary = (docs / "ur" / "glossary.md").read_text(encoding="utf-8")
    assert TODO not in glossary


def test_other_languages_link_only_the_published_translation(project: Path) -> None:
    docs = project / "docs"
    done = yaml.safe_load((docs / "en" / f"{DONE}.md").read_text(encoding="utf-8").split("---")[1])
    todo = yaml.safe_load((docs / "en" / f"{TODO}.md").read_text(encoding="utf-8").split("---")[1])
    assert "ur" in [a["lang"] for a in done["alternates"]]
    assert "ur" not in [a["lang"] for a in todo["alternates"]]
    sitemap = (docs / "_root" / "sitemap.xml").read_text(encoding="utf-8")
    assert f"/ur/{DONE}/" in sitemap and f"/ur/{TODO}/" not in sitemap


def test_status_reports_each_article(project: Path) -> None:
    result = generator(project, "status", "--json", check=False)
    content = json.loads(result.stdout)["content"]
    assert content[DONE]["ur"]["status"] == "published"
    assert content[TODO]["ur"]["status"] == "not published"
    assert content[TODO]["ur"]["missing"]
    # Not an error: the incomplete article is simply not published in Urdu.
    assert f"articles/{TODO}/ur.yaml" not in result.stderr
    report = generator(project, "status", check=False).stdout
    assert any(line.split()[:3] == [TODO, "ur", "not"] for line in report.splitlines())


def test_a_locale_that_publishes_all_still_needs_every_text(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    run([sys.executable, "-m", "generator.i18n", "init", "ur"], root)
    generator(root, "add-locale", "ur")
    config = root / "locales" / "locales.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace('  "ur":\n    status: draft', '  "ur":\n    status: published'), encoding="utf-8"
    )
    result = generator(root, "check", check=False)
    assert result.returncode != 0
    assert (
        "locale 'ur' is published; translate it, make the locale a draft, or publish only its complete articles "
        "with `articles: translated` under ur in locales/locales.yml" in result.stderr
    )


def test_a_locale_with_an_untranslated_interface_is_not_published(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "repo")
    run([sys.executable, "-m", "generator.i18n", "init", "ur"], root)
    generator(root, "add-locale", "ur")
    shutil.copy(root / "articles" / DONE / "en.yaml", root / "articles" / DONE / "ur.yaml")
    config = root / "locales" / "locales.yml"
    draft = config.read_text(encoding="utf-8")
    published = draft.replace('\n  "ur":\n    status: draft', '\n  "ur":\n    status: published\n    articles: translated')
    config.write_text(published, encoding="utf-8")
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], root)
    result = generator(root, "build", check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    untranslated = generator(root, "status", check=False).stdout
    count = untranslated.count("  locales/ur/LC_MESSAGES/messages.po:")  # `make i18n-status` lists each one, with its line
    with (root / "locales" / "messages.pot").open("rb") as fd:
        total = sum(1 for m in read_po(fd) if m.id)
    assert total > count > 50
    assert result.stderr == (
        f"error: locales/ur/LC_MESSAGES/messages.po: {count} of {total} interface strings are not translated ({count} empty, 0 fuzzy), "
        "and locale 'ur' is published: its pages would show them in English. `make i18n-status` lists them; translate them, "
        "make the locale a draft, or publish the English fallback on purpose with `interface: fallback` under ur in "
        "locales/locales.yml\nnothing was written\n"
    )
    assert not (root / "docs").exists()
    # As a draft it builds (it is not published), and so it does with the fallback chosen in locales.yml.
    config.write_text(draft, encoding="utf-8")
    generator(root, "build")
    config.write_text(published + "    interface: fallback\n", encoding="utf-8")
    generator(root, "build")
    assert (root / "docs" / "ur" / f"{DONE}.md").is_file()


def test_where_articles_translated_goes_is_shown_in_locales_yml_and_the_readme() -> None:
    from .conftest import ROOT

    comment = (ROOT / "locales" / "locales.yml").read_text(encoding="utf-8")
    assert '#     "ur":\n#       status: published\n#       articles: translated\n' in comment
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert '     "ur":\n       status: published\n       fallback: "en"\n       articles: translated ' in readme
