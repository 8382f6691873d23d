"""Validation: every mistake is reported with file, line, column and field, all at once."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from generator.config import load_project
from generator.errors import DataError
from generator.gather import load_articles

from .conftest import ROOT, copy_project, generator

ARTICLE = """\
slug: kursk
original: hi
published: "2024-11-12T10:00:00+05:30"
sources:
  - id: tass
    title: "[TASS report]"
    publisher: TASS
    url: https://tass.com/politics/1868051
    language: en
timeline:
  - id: signed
    date: "2024-06-19"
    sources: [tass]
glossary:
  - id: treaty
key_facts:
  - id: troops
    number: 11000
    approximate: true
    sources: [tass]
notes:
  - id: fix
    kind: correction
    date: "2024-11-20"
    paragraph: p1
"""

HI = """\
title: शीर्षक
summary: सारांश
sections:
  - id: lead
    paragraphs:
      - id: p1
        text: यह संधि है।
timeline:
  signed: {label: हस्ताक्षर, description: संधि पर हस्ताक्षर हुए।}
glossary:
  treaty: {term: संधि, transliteration: sandhi, definition: समझौता।}
key_facts:
  troops: {label: सैनिक}
notes:
  fix: {text: सुधार।}
"""

EN = """\
title: Title
summary: Summary
sections:
  - id: lead
    paragraphs:
      - id: p1
        text: This is a treaty.
timeline:
  signed: {label: Signed, description: The treaty was signed.}
glossary:
  treaty: {term: treaty, definition: An agreement.}
key_facts:
  troops: {label: Troops}
notes:
  fix: {text: A fix.}
"""


def make_project(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    """A project with hi and en locales and the given article files (relative to articles/)."""
    (tmp_path / "locales").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nsite_url: https://example.org/\n", encoding="utf-8")
    (tmp_path / "locales" / "locales.yml").write_text("default: hi\nlocales:\n  hi: {}\n  en: {}\n", encoding="utf-8")
    for rel, content in files.items():
        path = tmp_path / "articles" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return tmp_path


def errors_of(tmp_path: Path, files: dict[str, str | bytes]) -> list[str]:
    project = load_project(make_project(tmp_path, files))
    with pytest.raises(DataError) as info:
        load_articles(project)
    return [str(p) for p in info.value.problems]


def seed(**changes: str | bytes) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = {"kursk/article.yaml": ARTICLE, "kursk/hi.yaml": HI, "kursk/en.yaml": EN}
    files.update({f"kursk/{name.replace('_', '.')}": text for name, text in changes.items()})
    return files


def test_the_minimal_article_is_valid(tmp_path: Path) -> None:
    [article] = load_articles(load_project(make_project(tmp_path, seed())))
    assert article.slug == "kursk"
    assert set(article.texts) == {"hi", "en"}


def test_an_unknown_field_suggests_the_right_name(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(hi_yaml=HI.replace("title:", "titel:"))) == [
        "articles/kursk/hi.yaml:1:1: titel: unknown field; did you mean 'title'?",
    ]


def test_an_impossible_date_is_named_with_its_line(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(article_yaml=ARTICLE.replace('"2024-06-19"', "2024-02-30"))) == [
        "articles/kursk/article.yaml:12:11: timeline[0].date: '2024-02-30' does not exist: February 2024 has 29 days",
    ]


def test_a_malformed_date_says_what_is_expected(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(article_yaml=ARTICLE.replace('"2024-06-19"', "15 Aug"))) == [
        "articles/kursk/article.yaml:12:11: timeline[0].date: expected a date as YYYY, YYYY-MM or YYYY-MM-DD, got '15 Aug'",
    ]


def test_duplicate_keys_are_errors_not_silently_the_last_value(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN.replace("summary: Summary\n", "summary: Summary\ntitle: Again\n"))) == [
        "articles/kursk/en.yaml:3:1: title: duplicate key (first defined on line 1); keep one",
    ]


def test_every_error_of_every_file_is_reported_at_once(tmp_path: Path) -> None:
    broken_article = ARTICLE.replace("sources: [tass]\nglossary", "sources: [tas]\nglossary")
    errors = errors_of(
        tmp_path, seed(article_yaml=broken_article, en_yaml=EN.replace("term: treaty, ", ""), hi_yaml=HI.replace("title: शीर्षक", "title:"))
    )
    assert errors == [
        "articles/kursk/article.yaml:13:15: timeline[0].sources[0]: unknown source 'tas'; did you mean 'tass'?",
        "articles/kursk/en.yaml:11:11: glossary.treaty.term: required field is missing; add `term:` "
        "(locale 'en' is published; translate it, make the locale a draft, or publish only its complete articles "
        "with `articles: translated` under en in locales/locales.yml)",
        "articles/kursk/hi.yaml:1:7: title: text is empty: the original needs every text",
    ]


def test_a_url_that_is_not_http_is_an_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("https://tass", "javascript:alert(1)//tass"))) == [
        "articles/kursk/article.yaml:8:10: sources[0].url: expected an http:// or https:// address, "
        "got 'javascript:alert(1)//tass.com/politics/1868051'",
    ]


def test_a_reference_to_a_missing_source_suggests_the_closest(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("sources: [tass]\nglossary", "sources: [tas]\nglossary")))
    assert errors == ["articles/kursk/article.yaml:13:15: timeline[0].sources[0]: unknown source 'tas'; did you mean 'tass'?"]


def test_wrong_types_are_named(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("number: 11000", 'number: "11,000"')))
    assert errors == [
        "articles/kursk/article.yaml:18:13: key_facts[0].number: expected a number such as 11000 or 24.5 "
        "(digits, a point for decimals, no separators), got '11,000'"
    ]


def test_unsafe_slugs_are_rejected(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("slug: kursk", "slug: ../Kursk Region")))
    assert errors == [
        "articles/kursk/article.yaml:1:7: slug: expected an id of lower-case ASCII letters, digits and single hyphens "
        "(like 'kursk-region'), got '../Kursk Region'"
    ]


def test_a_locale_file_that_is_not_configured_is_an_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(fr_yaml=EN)) == [
        "articles/kursk/fr.yaml:1:1: locale 'fr' is not configured; add it to locales/locales.yml or rename the file"
    ]


def test_a_published_locale_without_text_is_an_error(tmp_path: Path) -> None:
    files = seed()
    del files["kursk/en.yaml"]
    assert errors_of(tmp_path, files) == [
        "articles/kursk/en.yaml:1:1: missing: locale 'en' is published, so every article needs its text "
        "(or publish only its complete articles with `articles: translated` under en in locales/locales.yml)"
    ]


def test_a_translation_must_keep_the_original_paragraphs(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN.replace("id: p1", "id: p2"))) == [
        "articles/kursk/en.yaml:4:3: sections: sections and paragraphs differ from the original; "
        "expected the same ids in the same order: lead: p1"
    ]


def test_bytes_that_are_not_utf8_are_located(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(hi_yaml=b"title: \xe0\xa4\nsummary: x\n")) == [
        "articles/kursk/hi.yaml:1:8: byte 0xe0 is not UTF-8; save the file as UTF-8"
    ]


def test_yaml_syntax_errors_are_located(tmp_path: Path) -> None:
    [error] = errors_of(tmp_path, seed(en_yaml="title: [unclosed\nsummary: x\n"))
    assert error.startswith("articles/kursk/en.yaml:2:8: YAML syntax error: ")


def test_text_is_normalised_to_nfc_on_load(tmp_path: Path) -> None:
    decomposed_nukta = "\u095b"  # ज़ precomposed; NFC turns it into ज + ़
    [article] = load_articles(load_project(make_project(tmp_path, seed(hi_yaml=HI.replace("शीर्षक", decomposed_nukta)))))
    assert article.texts["hi"].title == "\u091c\u093c"


def test_the_cli_exits_non_zero_and_leaves_docs_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "build")
    before = {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()}
    article = project / "articles" / "north-korea-russia-defence-treaty" / "article.yaml"
    text = article.read_text(encoding="utf-8").replace("published:", "publised:")
    line = text.splitlines().index(next(x for x in text.splitlines() if x.startswith("publised:"))) + 1
    article.write_text(text, encoding="utf-8")
    result = generator(project, "build", check=False)
    assert result.returncode == 1
    assert textwrap.dedent(result.stderr).splitlines()[:2] == [
        "articles/north-korea-russia-defence-treaty/article.yaml:4:1: published: required field is missing; add `published:`",
        f"articles/north-korea-russia-defence-treaty/article.yaml:{line}:1: publised: unknown field; did you mean 'published'?",
    ]
    assert {p: p.read_bytes() for p in (project / "docs").rglob("*") if p.is_file()} == before


def test_the_published_article_data_is_valid() -> None:
    slugs = {a.slug for a in load_articles(load_project(ROOT))}
    assert {"north-korea-russia-defence-treaty", "chandrayaan-3-moon-landing"} <= slugs


def test_an_end_date_before_its_start_is_an_error(tmp_path: Path) -> None:
    text = ARTICLE.replace('    date: "2024-06-19"\n', '    date: "2024-06-19"\n    end: "2024-05-31"\n')
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        "articles/kursk/article.yaml:13:10: timeline[0].end: end (2024-05-31) is before the start (2024-06-19); expected a later date"
    ]


def test_references_to_missing_events_and_glossary_terms_are_named(tmp_path: Path) -> None:
    text = ARTICLE.replace("    number: 11000\n    approximate: true\n", "    event: signd\n").replace(
        "  - id: treaty\n", "  - id: treaty\n    see_also: [treaty, sanction]\n"
    )
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        "articles/kursk/article.yaml:16:16: glossary[0].see_also[0]: a term cannot refer to itself; "
        "expected the id of an entry of `glossary`",
        "articles/kursk/article.yaml:16:24: glossary[0].see_also[1]: unknown glossary term 'sanction'; "
        "expected the id of an entry of `glossary`",
        "articles/kursk/article.yaml:19:12: key_facts[0].event: unknown timeline event 'signd'; did you mean 'signed'?",
    ]


def test_the_same_glossary_id_twice_is_an_error(tmp_path: Path) -> None:
    text = ARTICLE.replace("  - id: treaty\n", "  - id: treaty\n  - id: treaty\n")
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        "articles/kursk/article.yaml:16:9: glossary[1].id: glossary id 'treaty' is used twice (first on line 15); ids must be unique"
    ]


def test_the_same_slug_twice_is_an_error(tmp_path: Path) -> None:
    files = seed()
    files.update({"kursk-2/article.yaml": ARTICLE, "kursk-2/hi.yaml": HI, "kursk-2/en.yaml": EN})
    assert errors_of(tmp_path, files) == [
        "articles/kursk-2/article.yaml:1:7: slug: slug 'kursk' is already used by articles/kursk/; expected this folder's name, 'kursk-2'"
    ]


def test_empty_required_text_is_an_error(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN.replace("summary: Summary", 'summary: "   "'))) == [
        "articles/kursk/en.yaml:2:10: summary: text is empty; write the text or remove the field"
    ]


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path: Path) -> None:
    from generator.document import MAX_FILE_BYTES

    big = EN + "# " + "x" * MAX_FILE_BYTES + "\n"
    assert errors_of(tmp_path, seed(en_yaml=big)) == [
        f"articles/kursk/en.yaml:1:1: file is {len(big.encode()):,} bytes; the limit is {MAX_FILE_BYTES:,} bytes"
    ]


def test_text_over_the_length_limit_is_an_error(tmp_path: Path) -> None:
    from generator.model import MAX_SHORT_TEXT

    assert errors_of(tmp_path, seed(en_yaml=EN.replace("title: Title", "title: " + "T" * (MAX_SHORT_TEXT + 1)))) == [
        f"articles/kursk/en.yaml:1:8: title: text is {MAX_SHORT_TEXT + 1:,} characters long; the limit is {MAX_SHORT_TEXT:,}"
    ]


def test_more_articles_than_the_limit_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import generator.gather

    monkeypatch.setattr(generator.gather, "MAX_ARTICLES", 1)
    files = seed()
    files.update({"other/article.yaml": ARTICLE.replace("slug: kursk", "slug: other"), "other/hi.yaml": HI, "other/en.yaml": EN})
    assert errors_of(tmp_path, files) == ["articles:1:1: 2 article folders; the limit is 1"]


def test_a_reserved_slug_is_an_error(tmp_path: Path) -> None:
    files = {"glossary/article.yaml": ARTICLE.replace("slug: kursk", "slug: glossary"), "glossary/hi.yaml": HI, "glossary/en.yaml": EN}
    assert errors_of(tmp_path, files) == [
        "articles/glossary/article.yaml:1:7: slug: slug 'glossary' is reserved for a page of the site; choose another"
    ]


def test_validation_reads_no_file(tmp_path: Path) -> None:
    """Validation is pure: parsed documents in, an article or its problems out (reading is load.py's)."""
    from datetime import date

    from generator.document import parse_yaml
    from generator.load import ArticleFiles
    from generator.validate import validate_article

    project = load_project(make_project(tmp_path, {}))  # the configuration only: articles/ stays empty
    docs = {
        name: parse_yaml(text.encode(), f"articles/kursk/{name}.yaml")[0] for name, text in (("article", ARTICLE), ("hi", HI), ("en", EN))
    }
    files = ArticleFiles("kursk", "articles/kursk", docs["article"], {"hi": docs["hi"], "en": docs["en"]}, frozenset(), ())
    article, problems = validate_article(files, project, frozenset({"kursk"}), date(2030, 1, 1))
    assert problems == [] and article is not None and article.slug == "kursk"
    files = ArticleFiles("kursk", "articles/kursk", docs["article"], {"en": docs["en"]}, frozenset(), ())
    assert [str(p) for p in validate_article(files, project, frozenset({"kursk"}), date(2030, 1, 1))[1]] == [
        "articles/kursk/hi.yaml:1:1: missing: the original text (original: hi)"
    ]
