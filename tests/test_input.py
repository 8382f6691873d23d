"""Hostile or mistaken input (issue 11): each gets a clear file:line:column message, never a traceback or a hang."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache import folder_key
from generator.config import load_project
from generator.document import MAX_FILE_BYTES
from generator.errors import ConfigError, DataError
from generator.gather import load_articles
from generator.model import LocaleFile

from .conftest import ROOT, copy_project, generator
from .test_validate import ARTICLE, EN, HI, errors_of, make_project, seed

OVERRIDE = (
    "U+202E RIGHT-TO-LEFT OVERRIDE is not allowed: embedding and override controls (U+202A to U+202E) change the order in "
    "which the text around them is shown, so that it can read otherwise than it is written; remove it (the pages isolate "
    "text of another direction themselves), or use an isolate (U+2066, U+2067 or U+2068) closed by U+2069 in the same text"
)
CONTROL = "is a control character, not text (tab and line break are the only ones allowed); remove it"
NOT_REGULAR = (
    "is {}, not a regular file; the project's data is read from real files and folders only "
    "(no links, pipes or devices): put the file itself here"
)


# --- 2. bidirectional controls ------------------------------------------------------------------------


def test_a_bidi_override_is_refused_where_it_is_typed(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN.replace("title: Title", "title: Ti\u202etle"))) == [
        f"articles/kursk/en.yaml:1:10: title: {OVERRIDE}"
    ]


def test_a_bidi_embedding_written_as_an_escape_is_refused_at_its_value(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN.replace("summary: Summary", 'summary: "Sum\\u202Bmary"'))) == [
        "articles/kursk/en.yaml:2:10: summary: U+202B RIGHT-TO-LEFT EMBEDDING is not allowed: embedding and override controls "
        "(U+202A to U+202E) change the order in which the text around them is shown, so that it can read otherwise than it is "
        "written; remove it (the pages isolate text of another direction themselves), or use an isolate (U+2066, U+2067 or "
        "U+2068) closed by U+2069 in the same text"
    ]


def test_balanced_isolates_are_accepted(tmp_path: Path) -> None:
    [article] = load_articles(load_project(make_project(tmp_path, seed(en_yaml=EN.replace("title: Title", "title: A \u2067हि\u2069 b")))))
    assert article.texts["en"].title == "A \u2067हि\u2069 b"


def test_an_unclosed_isolate_and_a_stray_pop_are_refused(tmp_path: Path) -> None:
    en = EN.replace("title: Title", "title: A \u2068b").replace("summary: Summary", "summary: S\u2069x \u2066y\u2069")
    assert errors_of(tmp_path, seed(en_yaml=en)) == [
        "articles/kursk/en.yaml:1:10: title: U+2068 FIRST STRONG ISOLATE is not closed by U+2069 POP DIRECTIONAL ISOLATE "
        "in the same text, so it would change the direction of everything after it; close it or remove it",
        "articles/kursk/en.yaml:2:11: summary: U+2069 POP DIRECTIONAL ISOLATE closes no isolate: there is no U+2066, "
        "U+2067 or U+2068 before it in the same text; remove it",
    ]


# --- 3. control characters ----------------------------------------------------------------------------


def test_control_characters_written_as_escapes_are_refused(tmp_path: Path) -> None:
    en = EN.replace("title: Title", 'title: "a\\0b\\ec\\x01d"').replace("summary: Summary", 'summary: "S\\x85"')
    assert errors_of(tmp_path, seed(en_yaml=en)) == [
        f"articles/kursk/en.yaml:1:8: title: U+0000 NULL {CONTROL}",
        f"articles/kursk/en.yaml:2:10: summary: U+0085 NEXT LINE {CONTROL}",
    ]


def test_a_control_character_in_a_key_is_refused_and_never_printed_raw(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(en_yaml=EN + '"x\\e[31m": 1\n'))
    assert errors[0] == f"articles/kursk/en.yaml:16:1: x\\u001b[31m: U+001B ESCAPE {CONTROL}"
    assert not any("\x1b" in e for e in errors)


def test_a_raw_nul_byte_is_located_where_it_is(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(hi_yaml=HI.replace("सारांश", "सारां\x00श"))) == [f"articles/kursk/hi.yaml:2:15: U+0000 NULL {CONTROL}"]


# --- 4. dates and numbers out of range ----------------------------------------------------------------


def test_year_zero_is_an_error_in_every_date_field(tmp_path: Path) -> None:
    text = ARTICLE.replace('published: "2024-11-12T10:00:00+05:30"', 'published: "0000-11-12T10:00:00+05:30"')
    text = text.replace('"2024-06-19"', '"0000-05-01"')
    year = "year 0000 does not exist in the calendar; expected a year from 0001 to 9999"
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        f"articles/kursk/article.yaml:3:12: published: {year}",
        f"articles/kursk/article.yaml:12:11: timeline[0].date: {year}",
    ]


def test_a_number_out_of_range_is_an_error(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("number: 11000", "number: 10000000000000001")))
    assert errors == [
        "articles/kursk/article.yaml:18:13: key_facts[0].number: the number 10,000,000,000,000,001 is out of range; "
        "expected a number from -1,000,000,000,000,000 to 1,000,000,000,000,000"
    ]


def test_a_number_of_thousands_of_digits_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("number: 11000", "number: " + "9" * 5000)))
    assert errors == [
        "articles/kursk/article.yaml:18:13: key_facts[0].number: a number of 5,000 digits is out of range; "
        "expected a number from -1,000,000,000,000,000 to 1,000,000,000,000,000"
    ]


def test_a_number_with_a_leading_zero_is_decimal(tmp_path: Path) -> None:
    [article] = load_articles(load_project(make_project(tmp_path, seed(article_yaml=ARTICLE.replace("number: 11000", "number: 09")))))
    assert article.data.key_facts[0].number == 9


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('date: "2024-06-19"', 'date: "0000-05-01"'),
        ('published: "2024-11-12T10:00:00+05:30"', 'published: "0000-11-12T10:00:00+05:30"'),
        ("number: 11000", "number: 1" + "0" * 5000),
    ],
)
def test_check_and_build_exit_1_with_a_message_and_no_traceback(tmp_path: Path, old: str, new: str) -> None:
    project = make_project(tmp_path, seed(article_yaml=ARTICLE.replace(old, new)))
    copy = copy_project(tmp_path / "copy")  # the catalogs a build needs
    (copy / "articles").rename(copy / "seed-articles")
    (project / "articles").rename(copy / "articles")
    for command in ("check", "build"):
        result = generator(copy, command, check=False)
        assert result.returncode == 1
        assert "Traceback" not in result.stderr
        assert result.stderr.startswith("articles/kursk/article.yaml:")
        assert result.stderr.endswith("problem(s) found; nothing was written.\n")


# --- 5. files that are not regular files ---------------------------------------------------------------


def test_an_article_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "p").mkdir()
    outside = make_project(tmp_path / "outside", seed())
    project = make_project(tmp_path / "p", {})
    (project / "articles").mkdir()
    (project / "articles" / "kursk").symlink_to(outside / "articles" / "kursk")
    with pytest.raises(Exception) as info:
        load_articles(load_project(project))
    assert [str(p) for p in info.value.problems] == [f"articles/kursk:1:1: {NOT_REGULAR.format('a symbolic link')}"]


def test_a_locale_file_linked_to_a_system_file_is_refused_without_echoing_it(tmp_path: Path) -> None:
    files = seed()
    del files["kursk/en.yaml"]
    project = make_project(tmp_path, files)
    (project / "articles" / "kursk" / "en.yaml").symlink_to("/etc/passwd")
    (project / "articles" / "kursk" / "hi.yaml").unlink()
    (project / "articles" / "kursk" / "hi.yaml").symlink_to("/dev/zero")
    with pytest.raises(Exception) as info:
        load_articles(load_project(project))
    assert [str(p) for p in info.value.problems] == [
        f"articles/kursk/en.yaml:1:1: {NOT_REGULAR.format('a symbolic link')}",
        f"articles/kursk/hi.yaml:1:1: {NOT_REGULAR.format('a symbolic link')}",
    ]
    assert "root" not in str(info.value)


def test_a_fifo_is_refused_without_waiting_on_it(tmp_path: Path) -> None:
    project = make_project(tmp_path, seed())
    os.unlink(project / "articles" / "kursk" / "en.yaml")
    os.mkfifo(project / "articles" / "kursk" / "en.yaml")
    os.mkfifo(project / "articles" / "kursk" / "notes")
    # In a process of its own: on the old code, reading the FIFO never returns.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    result = subprocess.run([sys.executable, "-m", "generator", "check"], cwd=project, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines()[:2] == [
        f"articles/kursk/en.yaml:1:1: {NOT_REGULAR.format('a named pipe (FIFO)')}",
        f"articles/kursk/notes:1:1: {NOT_REGULAR.format('a named pipe (FIFO)')}",
    ]


def test_the_size_limit_holds_while_reading(tmp_path: Path) -> None:
    from generator.load import read_regular

    big = tmp_path / "big.yaml"
    with big.open("wb") as fd:
        fd.truncate(3 * MAX_FILE_BYTES)  # sparse: costs no disk
    assert len(read_regular(big)) == MAX_FILE_BYTES + 1
    with pytest.raises(OSError):
        read_regular(Path("/dev/zero"))


def test_the_cache_key_never_reads_through_a_link(tmp_path: Path) -> None:
    folder = tmp_path / "kursk"
    folder.mkdir()
    (folder / "article.yaml").write_text(ARTICLE, encoding="utf-8")
    outside = tmp_path / "outside.yaml"
    outside.write_text("a", encoding="utf-8")
    (folder / "en.yaml").symlink_to(outside)
    os.mkfifo(folder / "hi.yaml")
    key = folder_key("env", folder)
    outside.write_text("b", encoding="utf-8")
    assert folder_key("env", folder) == key


# --- 7. locales.yml -----------------------------------------------------------------------------------


def test_locales_yml_is_read_strictly_with_located_messages(tmp_path: Path) -> None:
    project = make_project(tmp_path, seed())
    (project / "locales" / "locales.yml").write_text("default: hi\nlocales:\n  hi: {}\n  en: {statu: draft}\n  no: {}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_project(project)
    assert str(info.value).splitlines() == ["locales/locales.yml:4:8: locales.en.statu: unknown field; did you mean 'status'?"]


def test_make_locale_no_writes_a_key_that_stays_text(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p")
    generator(project, "add-locale", "no")
    assert generator(project, "locales").stdout == "hi en no\n"
    assert '  "no":\n    status: draft\n' in (project / "locales" / "locales.yml").read_text(encoding="utf-8")


# --- 8. addresses -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "host"),
    [("https://www.bbc.co.uk@evil.example/news", "evil.example"), ("http://user:pass@evil.example.com/", "evil.example.com")],
)
def test_an_address_with_user_information_is_refused(tmp_path: Path, url: str, host: str) -> None:
    assert errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("https://tass.com/politics/1868051", url))) == [
        f"articles/kursk/article.yaml:8:10: sources[0].url: an address cannot contain a user name or password before '@' "
        f"({url!r} leads to {host!r}, not to what precedes the '@'); give the page's own address"
    ]


@pytest.mark.parametrize("url", ["https://localhost/x", "https://a..b/", "https://exa mple.org/", "https://example.org:99999/"])
def test_an_address_needs_a_sane_host(tmp_path: Path, url: str) -> None:
    [error] = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("https://tass.com/politics/1868051", f'"{url}"')))
    assert error.startswith("articles/kursk/article.yaml:8:10: sources[0].url: ")
    assert repr(url) in error


# --- 9. file names ------------------------------------------------------------------------------------


def test_unsafe_folder_and_file_names_are_named(tmp_path: Path) -> None:
    files = seed()
    files.update({"kursk/en copy.yaml": EN, "kursk/en:copy.yaml": EN, "my article/article.yaml": ARTICLE})
    assert errors_of(tmp_path, files) == [
        "articles/kursk/en copy.yaml:1:1: unsafe file name 'en copy.yaml' (because of a space): use ASCII letters, digits, "
        "'.', '-' and '_', like 'hi.yaml'; rename it",
        "articles/kursk/en:copy.yaml:1:1: unsafe file name 'en:copy.yaml' (because of ':'): use ASCII letters, digits, "
        "'.', '-' and '_', like 'hi.yaml'; rename it",
        "articles/my article:1:1: unsafe folder name 'my article' (because of a space): use lower-case ASCII letters, "
        "digits and single hyphens, like 'kursk-offensive'; rename it",
    ]


# --- 10. messages that help ---------------------------------------------------------------------------


def test_a_tab_in_the_indentation_is_named(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN.replace("  - id: lead\n    paragraphs:", "  - id: lead\n\tparagraphs:"))) == [
        "articles/kursk/en.yaml:5:1: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
    ]
    (tmp_path / "2").mkdir()
    assert errors_of(tmp_path / "2", seed(en_yaml="title:\n\tx: 1\n")) == [
        "articles/kursk/en.yaml:2:1: a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"
    ]


def test_an_alias_is_reported_where_it_is_used(tmp_path: Path) -> None:
    en = EN.replace("title: Title", "title: &t Title").replace("summary: Summary", "summary: *t")
    assert errors_of(tmp_path, seed(en_yaml=en)) == [
        "articles/kursk/en.yaml:2:10: summary: YAML anchors and aliases are not supported; write the value out"
    ]


def test_the_utf8_error_column_counts_characters(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(hi_yaml="title: शीर्षक".encode() + b"\xff\n")) == [
        "articles/kursk/hi.yaml:1:14: byte 0xff is not UTF-8; save the file as UTF-8"
    ]


def test_an_unquoted_year_says_to_quote_it(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(article_yaml=ARTICLE.replace('published: "2024-11-12T10:00:00+05:30"', "published: 2008"))) == [
        'articles/kursk/article.yaml:3:12: published: expected text, got the number 2008; write it in quotes: "2008"'
    ]


def test_a_publication_date_time_without_its_time_zone_is_an_error_at_its_line(tmp_path: Path) -> None:
    text = ARTICLE.replace('published: "2024-11-12T10:00:00+05:30"', 'published: "2024-11-12T10:00:00"\nupdated: "2024-12"')
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        "articles/kursk/article.yaml:3:12: published: '2024-11-12T10:00:00' has no time zone; add its offset, such as "
        "2024-11-12T10:00:00+05:30 for India (Asia/Kolkata) or Z for UTC",
        "articles/kursk/article.yaml:4:10: updated: expected the date and time of publication with its time zone, such as "
        "'2024-11-12T10:00:00+05:30' (India: +05:30), got the date '2024-12' alone",
    ]


def test_an_update_after_the_build_is_an_error_but_a_publication_after_it_schedules_the_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1732492800")  # 2024-11-25T00:00:00Z
    text = ARTICLE.replace('10:00:00+05:30"', '10:00:00+05:30"\nupdated: "2024-11-25T05:31:00+05:30"', 1)
    assert errors_of(tmp_path, seed(article_yaml=text)) == [
        "articles/kursk/article.yaml:4:10: updated: updated (2024-11-25T05:31:00+05:30) is after this build "
        "(2024-11-25T00:00:00Z); give the date-time of the last update made",
    ]
    # A minute earlier is the past; a publication still to come is no error: the article is scheduled.
    scheduled = ARTICLE.replace(
        'published: "2024-11-12T10:00:00+05:30"', 'published: "2024-11-27T10:00:00+05:30"\nupdated: "2024-11-28T10:00:00+05:30"'
    )
    for n, article_yaml in enumerate((text.replace("05:31:00", "05:30:00"), scheduled)):
        (tmp_path / str(n)).mkdir()
        [article] = load_articles(load_project(make_project(tmp_path / str(n), seed(article_yaml=article_yaml))))
        assert article.slug == "kursk"


def test_deep_nesting_is_an_error_not_a_recursion_traceback(tmp_path: Path) -> None:
    assert errors_of(tmp_path, seed(en_yaml=EN + "x: " + "[" * 900 + "]" * 900 + "\n")) == [
        "articles/kursk/en.yaml:16:1: x: unknown field; expected one of: " + ", ".join(LocaleFile.model_fields),
        "articles/kursk/en.yaml:16:44: x" + "[0]" * 40 + ": nested more than 40 levels deep; no field of the data is",
    ]


def test_a_syntax_error_in_mkdocs_yml_is_located(tmp_path: Path) -> None:
    project = make_project(tmp_path, seed())
    (project / "mkdocs.yml").write_text("site_name: t\nsite_url: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_project(project)
    assert (
        str(info.value)
        == "mkdocs.yml:3:1: YAML syntax error: while parsing a flow node expected the node content, but found '<stream end>'"
    )


# --- issue 18, item 17: names the build makes are not the data's to take ------------------------------------


def test_the_slug_pagefind_is_reserved(tmp_path: Path) -> None:
    files = {"pagefind/article.yaml": ARTICLE.replace("slug: kursk", "slug: pagefind"), "pagefind/hi.yaml": HI, "pagefind/en.yaml": EN}
    assert errors_of(tmp_path, files) == [
        "articles/pagefind/article.yaml:1:7: slug: slug 'pagefind' is reserved for a page of the site; choose another"
    ]


@pytest.mark.parametrize("section", ["term-x", "source-tass", "p-p1", "event-signed", "timeline-all", "search"])
def test_a_section_id_that_could_be_a_generated_anchor_is_refused(tmp_path: Path, section: str) -> None:
    errors = errors_of(
        tmp_path, seed(hi_yaml=HI.replace("- id: lead", f"- id: {section}"), en_yaml=EN.replace("- id: lead", f"- id: {section}"))
    )
    prefix = section.split("-")[0] + "-"
    expected = (
        f"section id {section!r} is reserved for a part of the page; choose another"
        if section == "search"
        else f"section id {section!r} begins with {prefix!r}, as the anchors the page makes for its entries do "
        f"(#{prefix}<id>); choose another"
    )
    assert errors == [f"articles/kursk/{code}.yaml:4:9: sections[0].id: {expected}" for code in ("en", "hi")]


@pytest.mark.parametrize(("code", "why"), [("root", "CLDR's root locale, the data every locale inherits"), ("und", "'undetermined'")])
def test_a_tag_that_names_no_language_is_refused_in_locales_yml(tmp_path: Path, code: str, why: str) -> None:
    project = make_project(tmp_path, seed())
    (project / "locales" / "locales.yml").write_text(f"default: hi\nlocales:\n  hi: {{}}\n  en: {{}}\n  {code}: {{}}\n", encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_project(project)
    assert str(info.value).splitlines() == [
        f"locales/locales.yml:5:3: locales.{code}: {code!r} names no language ({why}); use a BCP 47 tag such as mr, en-IN, pt-BR "
        "or sr-Latn (ASCII letters and digits joined by hyphens)"
    ]


# --- issue 18, item 18: a glossary form belongs to one term, and is visible --------------------------------

TWO_TERMS = ARTICLE.replace("glossary:\n  - id: treaty\n", "glossary:\n  - id: treaty\n  - id: pact\n")


@pytest.mark.parametrize("form", ["संधि", "सं\u200dधि", "Treaty", "treaty\u2060"])
def test_a_form_shared_by_two_terms_is_refused_naming_both(tmp_path: Path, form: str) -> None:
    en = EN.replace("glossary:\n", "glossary:\n  pact: {term: pact, definition: An accord.}\n")
    hi = HI.replace("glossary:\n", f"glossary:\n  pact: {{term: समझौता, forms: [{json.dumps(form)}], definition: करार।}}\n")
    if form.isascii() or "\u2060" in form:
        en = EN.replace("glossary:\n", f"glossary:\n  pact: {{term: pact, forms: [{json.dumps(form)}], definition: An accord.}}\n")
        hi = HI.replace("glossary:\n", "glossary:\n  pact: {term: समझौता, definition: करार।}\n")
    code, line = ("en", 12) if form.isascii() or "\u2060" in form else ("hi", 12)
    errors = errors_of(tmp_path, seed(article_yaml=TWO_TERMS, en_yaml=en, hi_yaml=hi))
    assert errors == [
        f"articles/kursk/{code}.yaml:{line}:{errors[0].split(':')[2]}: glossary.treaty.term: {('treaty' if code == 'en' else 'संधि')!r} "
        f"of term 'treaty' is also a form of term 'pact' (line 11), compared without case and invisible joiners; a form links "
        "to one definition: keep it in one of the two terms"
    ]


def test_a_form_of_invisible_characters_only_is_refused(tmp_path: Path) -> None:
    hi = HI.replace("{term: संधि,", '{term: संधि, forms: ["\\u200d\\u2060"],')
    assert errors_of(tmp_path, seed(hi_yaml=hi)) == [
        "articles/kursk/hi.yaml:11:32: glossary.treaty.forms[0]: the form has no visible character (only U+200D, U+2060); "
        "write the word or remove it"
    ]


# --- issue 18, item 20: citations are bounded, and the articles folder is the repository's own ----------------


def test_a_citation_repeated_100000_times_is_refused(tmp_path: Path) -> None:
    many = "sources: [" + ", ".join(["tass"] * 100_000) + "]"
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("    sources: [tass]\nglossary", f"    {many}\nglossary")))
    assert errors == [
        "articles/kursk/article.yaml:13:14: timeline[0].sources: 100,000 citations; the limit is 50 "
        "(cite each source once, the strongest first)"
    ]


def test_a_source_cited_twice_in_one_place_is_refused(tmp_path: Path) -> None:
    errors = errors_of(tmp_path, seed(article_yaml=ARTICLE.replace("    sources: [tass]\nglossary", "    sources: [tass, tass]\nglossary")))
    assert errors == ["articles/kursk/article.yaml:13:14: timeline[0].sources: source 'tass' is cited 2 times; cite each source once"]


def test_an_articles_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    (tmp_path / "outside").mkdir()
    (tmp_path / "p").mkdir()
    outside = make_project(tmp_path / "outside", seed())
    project = make_project(tmp_path / "p", {})
    (project / "articles").symlink_to(outside / "articles")
    with pytest.raises(DataError) as info:
        load_articles(load_project(project))
    assert [str(p) for p in info.value.problems] == [
        "articles:1:1: is a symbolic link, not a folder; the articles are read from the repository's own articles/ folder "
        "(make and `make serve` watch it for edits): move the folder here instead of linking it"
    ]


def test_ids_whose_anchor_would_be_another_generated_anchor_are_refused(tmp_path: Path) -> None:
    article = ARTICLE.replace("glossary:\n  - id: treaty\n", "glossary:\n  - id: treaty\n  - id: treaty-definition\n")
    en = EN.replace("glossary:\n", "glossary:\n  treaty-definition: {term: pact, definition: An accord.}\n")
    hi = HI.replace("glossary:\n", "glossary:\n  treaty-definition: {term: करार, definition: करार।}\n")
    en, hi = (t.replace("- id: p1", "- id: p1-omitted").replace("paragraph: p1", "paragraph: p1-omitted") for t in (en, hi))
    article = article.replace("paragraph: p1", "paragraph: p1-omitted")
    errors = errors_of(tmp_path, seed(article_yaml=article, en_yaml=en, hi_yaml=hi))
    assert [e.split(": ", 1)[1] for e in errors] == [
        "glossary[1].id: a term id cannot end in '-definition' (the anchor of a term's definition); choose another",
        "sections[0].paragraphs[0].id: a paragraph id cannot end in '-omitted' (the anchor of a paragraph's notice); choose another",
        "sections[0].paragraphs[0].id: a paragraph id cannot end in '-omitted' (the anchor of a paragraph's notice); choose another",
    ]
