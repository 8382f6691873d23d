"""Real translations with real differences (issue 14): an official Hindi text, published as PIB wrote it.

The Kolkata Port release (PIB 1629041) is read from ../shared/corpus, never copied into the repository: the
English original and the official Hindi, with the joiners (U+200D) inside words and spellings CLDR does not
list (फरवरी, अक्‍तूबर). Its real differences: the Hindi writes «150वीं» for "Sesquicentenary", «भाग 1» for
"Part I", and dates the renaming of Nhava Sheva to 1988 where the English says 1989; it has no dateline.
An editor accepts the first three in the data (the third shown to readers), marks the dateline and one
timeline event omitted, and CI passes; an edit to either text brings a finding back.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from generator.lint import pair_fingerprint

from .conftest import ROOT, copy_project, generator
from .test_kolkata_languages import SLUG as KOLKATA
from .test_kolkata_languages import locale_file

CORPUS = ROOT.parent / "shared" / "corpus" / "pib-1629041-kolkata-port"
SLUG = "kolkata-port"
HI_FILE = f"articles/{SLUG}/hi.yaml"

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="the shared corpus is not here")


def corpus(name: str) -> list[str]:
    """The release's lines as published (not NFC, joiners kept): what an editor pastes."""
    return [line.strip() for line in (CORPUS / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a YAML double-quoted string


ARTICLE = f"""\
slug: {SLUG}
original: en
published: "2020-06-03T17:13:00+05:30"
sources:
  - id: pib
    title: "[PIB release 1629041]"
    publisher: PIB
    url: https://pib.gov.in/PressReleasePage.aspx?PRID=1629041
    date: "2020-06-03"
    language: en
timeline:
  - {{id: release-posted, date: "2020-06-03", sources: [pib]}}
  - {{id: trust-formed, date: "1870-10-17", sources: [pib]}}
glossary:
  - id: trust
"""


def english() -> str:
    en = corpus("English.txt")
    return f"""\
title: {q(en[1])}
summary: {q(en[3])}
sections:
  - id: lead
    paragraphs:
      - {{id: dateline, text: {q(en[2])}}}
      - {{id: approval, text: {q(en[3])}}}
      - {{id: board, text: {q(en[4])}}}
      - {{id: occasion, text: {q(en[5])}}}
  - id: background
    heading: Background
    paragraphs:
      - {{id: history, text: {q(en[7])}}}
      - {{id: renamings, text: {q(en[8])}}}
timeline:
  release-posted: {{label: PIB Delhi posts the release, description: The release is posted at 5.13 pm.}}
  trust-formed: {{label: The port is governed by a trust, description: On 17 October 1870 the port came to be governed by a trust.}}
glossary:
  trust: {{term: Trust, definition: The body that governs a major port.}}
"""


def hindi(divergences: str = "") -> str:
    hi = corpus("Hindi.txt")
    return f"""\
title: {q(hi[0])}
summary: {q(hi[1])}
sections:
  - id: lead
    paragraphs:
      - id: dateline
        omitted: The official Hindi release has no dateline.
      - {{id: approval, text: {q(hi[1])}}}
      - {{id: board, text: {q(hi[2])}}}
      - {{id: occasion, text: {q(hi[3])}}}
  - id: background
    heading: {q(hi[4])}
    paragraphs:
      - {{id: history, text: {q(hi[5])}}}
      - {{id: renamings, text: {q(hi[6])}}}
timeline:
  release-posted: {{omitted: The official Hindi release gives no time of posting.}}
  trust-formed: {{label: बंदरगाह एक ट्रस्ट के अधीन, description: 17 अक्टूबर 1870 को बंदरगाह एक ट्रस्ट द्वारा संचालित होने लगा।}}
glossary:
  trust: {{term: ट्रस्ट, definition: वह निकाय जो किसी प्रमुख बंदरगाह का संचालन करता है।}}
{divergences}"""


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


#: (paragraph, English line, Hindi line) of the three real differences.
OCCASION, HISTORY, RENAMINGS = ("occasion", 5, 3), ("history", 7, 5), ("renamings", 8, 6)


def texts_print(which: tuple[str, int, int]) -> str:
    """The fingerprint an editor copies from the lint's finding: of both texts as loaded (NFC)."""
    return pair_fingerprint(nfc(corpus("English.txt")[which[1]]), nfc(corpus("Hindi.txt")[which[2]]))


def accepted(*, renamings_accepts: str = "[numbers]", renamings_print: str | None = None) -> str:
    return f"""\
divergences:
  sections.lead.occasion:
    date: "2026-11-29"
    reason: The official Hindi writes «150वीं जयंती» (150th anniversary) for "Sesquicentenary".
    accepts: [numbers]
    fingerprint: "{texts_print(OCCASION)}"
  sections.background.history:
    date: "2026-11-29"
    reason: Part I of the First Schedule is «भाग 1» in the official Hindi.
    accepts: [numbers]
    fingerprint: "{texts_print(HISTORY)}"
  sections.background.renamings:
    date: "2026-11-29"
    reason: The official Hindi dates the renaming of Nhava Sheva to 1988; the English original says 1989.
    accepts: {renamings_accepts}
    note: आधिकारिक हिंदी विज्ञप्ति में न्हेवा शेवा बंदरगाह के नए नाम का वर्ष 1988 दिया गया है; अंग्रेज़ी मूल विज्ञप्ति में 1989।
    fingerprint: "{renamings_print or texts_print(RENAMINGS)}"
"""


def add_article(root: Path, hi: str) -> None:
    folder = root / "articles" / SLUG
    folder.mkdir(exist_ok=True)
    (folder / "article.yaml").write_text(ARTICLE, encoding="utf-8")
    (folder / "en.yaml").write_text(english(), encoding="utf-8")
    (folder / "hi.yaml").write_text(hi, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """The repository's project with the Kolkata explainer added, its Hindi exactly as PIB published it."""
    root = copy_project(tmp_path / "repo")
    add_article(root, hindi())
    return root


def lint_lines(root: Path) -> tuple[int, list[str], str]:
    result = generator(root, "lint", check=False)
    return result.returncode, result.stdout.splitlines(), result.stderr


# --- lint-content on the real texts ----------------------------------------------------------------


def test_the_real_differences_are_reported_and_nothing_else(project: Path) -> None:
    code, lines, stderr = lint_lines(project)
    assert code == 1
    # No false alarm from «शेल्‍फ»-style joiners, «फरवरी» without its nukta or PIB's «अक्‍तूबर»: three real differences.
    assert lines == [
        f"{HI_FILE}:10:30: sections.lead.occasion: numbers differ: en has 12, 2020; hi has 12, 150, 2020 "
        f"(fingerprint {texts_print(OCCASION)})",
        f"{HI_FILE}:14:29: sections.background.history: numbers differ: en has 1, 150, 17, 1870, 1870, 1908, 1963; "
        f"hi has 1, 1, 150, 17, 1870, 1870, 1908, 1963 (fingerprint {texts_print(HISTORY)})",
        f"{HI_FILE}:15:31: sections.background.renamings: numbers differ: en has 1989, 2011, 2017; hi has 1988, 2011, 2017 "
        f"(fingerprint {texts_print(RENAMINGS)})",
    ]
    # The way out is shown with the first finding's own values.
    assert stderr.startswith("3 difference(s) between locale versions.\n")
    assert "divergences:\n  sections.lead.occasion:\n" in stderr
    assert f'    accepts: [numbers]\n    fingerprint: "{texts_print(OCCASION)}"\n' in stderr


def test_the_suggested_divergences_accept_every_finding_in_one_paste(project: Path) -> None:
    code, lines, stderr = lint_lines(project)
    assert code == 1 and len(lines) == 3
    snippet = stderr[stderr.index(f"# {HI_FILE}\n") :]
    for which in (OCCASION, HISTORY, RENAMINGS):
        assert f'    accepts: [numbers]\n    fingerprint: "{texts_print(which)}"\n' in snippet
    # Pasted as shown at the end of the translation's file, it accepts all three: the lint passes.
    with (project / HI_FILE).open("a", encoding="utf-8") as fd:
        fd.write(snippet)
    assert lint_lines(project)[:2] == (0, [])


def add_draft_bengali(root: Path) -> str:
    """The official Bengali of the release in the repository's Kolkata explainer, as a translator adds it
    (`make locale LOCALE=bn`: a draft locale; then the texts pasted). Returns the file."""
    subprocess.run([sys.executable, "-m", "generator.i18n", "init", "bn"], cwd=root, check=True, capture_output=True)
    generator(root, "add-locale", "bn")
    english = yaml.safe_load((root / "articles" / KOLKATA / "en.yaml").read_text(encoding="utf-8"))
    (root / "articles" / KOLKATA / "bn.yaml").write_text(locale_file("bn", english), encoding="utf-8")
    return f"articles/{KOLKATA}/bn.yaml"


def test_a_draft_locale_is_linted_and_reports_without_failing(project: Path) -> None:
    (project / HI_FILE).write_text(hindi(accepted()), encoding="utf-8")
    bn = add_draft_bengali(project)
    code, lines, stderr = lint_lines(project)
    # The official Bengali states fewer numbers in this paragraph than the English: reported, and said to be a draft's.
    finding = (
        f"{bn}:15:11: sections.background.first-major-port: numbers differ: en has 1, 150, 17, 1870, 1870, 1908, 1963; bn has 150, 17, 1870"
    )
    assert code == 0, stderr
    assert lines[0] == "Draft locale(s) bn: reported, not failing until published; fix or accept these before publishing:"
    assert any(line.startswith(finding) for line in lines), lines
    assert stderr.startswith("0 difference(s) between locale versions, and 8 in draft locales (not counted as failures).\n")
    # Published, the same finding fails the lint, as before.
    config = project / "locales" / "locales.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("status: draft", "status: published\n    articles: translated"), encoding="utf-8"
    )
    code, lines, _ = lint_lines(project)
    assert code == 1
    assert any(line.startswith(finding) for line in lines) and not any("Draft locale" in line for line in lines)


def test_accepted_divergences_pass_the_lint(project: Path) -> None:
    (project / HI_FILE).write_text(hindi(accepted()), encoding="utf-8")
    code, lines, _ = lint_lines(project)
    assert (code, lines) == (0, [])


def test_only_the_accepted_kind_is_accepted(project: Path) -> None:
    (project / HI_FILE).write_text(hindi(accepted(renamings_accepts="[months]")), encoding="utf-8")
    code, lines, _ = lint_lines(project)
    assert code == 1
    assert [line.split(": ", 2)[1:] for line in lines] == [
        [
            "sections.background.renamings",
            f"numbers differ: en has 1989, 2011, 2017; hi has 1988, 2011, 2017 (fingerprint {texts_print(RENAMINGS)})",
        ]
    ]


@pytest.mark.parametrize(("edited", "before", "after"), [("en", "Kandla Port", "Kandla Port (Gujarat)"), ("hi", "कांडला", "गुजरात के कांडला")])
def test_an_edit_to_either_text_brings_the_finding_back(project: Path, edited: str, before: str, after: str) -> None:
    (project / HI_FILE).write_text(hindi(accepted()), encoding="utf-8")
    file = project / "articles" / SLUG / f"{edited}.yaml"
    text = file.read_text(encoding="utf-8")
    assert text.count(before) == 1
    file.write_text(text.replace(before, after), encoding="utf-8")
    code, lines, _ = lint_lines(project)
    assert code == 1
    assert len(lines) == 2, lines
    finding, stale = sorted(lines, key=lambda line: "divergences." in line)
    assert ": sections.background.renamings: numbers differ: en has 1989, 2011, 2017; hi has 1988, 2011, 2017 (fingerprint " in finding
    new = re.search(r"\(fingerprint ([0-9a-f]{12})\)$", finding)
    assert new and new.group(1) != texts_print(RENAMINGS)
    line = (project / HI_FILE).read_text(encoding="utf-8").splitlines().index("  sections.background.renamings:") + 1
    assert stale == (
        f"{HI_FILE}:{line}:3: divergences.sections.background.renamings: accepted on 2026-11-29 for other texts: the original "
        "or the translation has changed since; check that the difference still holds, then set "
        f'`fingerprint: "{new.group(1)}"` (or remove the divergence)'
    )
    # The editor checks the difference and records the new fingerprint: green again.
    hi = hindi(accepted(renamings_print=new.group(1)))
    (project / HI_FILE).write_text(hi.replace(before, after) if edited == "hi" else hi, encoding="utf-8")
    assert lint_lines(project)[:2] == (0, [])


# --- validation of what the editor writes -------------------------------------------------------------


def check_errors(root: Path) -> list[str]:
    result = generator(root, "check", check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    return result.stderr.splitlines()[:-1]


def test_an_incomplete_divergence_is_located(project: Path) -> None:
    bad = """\
divergences:
  sections.background.history:
    accepts: [numbers]
    fingerprint: "0123456789ab"
  sections.lead.board:
    date: "2026-11-29"
    reason: Neither accepted nor shown.
    fingerprint: "0123456789ab"
  sections.lead.approval:
    date: "2026-11-29"
    reason: A kind the lint does not have.
    accepts: [wording]
    fingerprint: "0123456789ab"
"""
    (project / HI_FILE).write_text(hindi(bad), encoding="utf-8")
    start = len(hindi().splitlines())  # the line before `divergences:`
    assert check_errors(project) == [
        f"{HI_FILE}:{start + 3}:5: divergences.sections.background.history.date: required field is missing; add `date:`",
        f"{HI_FILE}:{start + 3}:5: divergences.sections.background.history.reason: required field is missing; add `reason:`",
        f"{HI_FILE}:{start + 6}:5: divergences.sections.lead.board: a divergence needs `accepts` (the lint findings it accepts) "
        "or a `note` for readers, or both",
        f"{HI_FILE}:{start + 12}:15: divergences.sections.lead.approval.accepts[0]: expected one of 'numbers', 'months' or "
        "'terms', got 'wording'",
    ]


def test_a_divergence_of_a_text_that_is_not_there_is_located(project: Path) -> None:
    bad = """\
divergences:
  sections.background.renaming:
    date: "2026-11-29"
    reason: A misspelt paragraph id.
    accepts: [numbers]
    fingerprint: "0123456789ab"
  sections.lead.dateline:
    date: "2026-11-29"
    reason: It is omitted, so nothing differs.
    accepts: [numbers]
    fingerprint: "0123456789ab"
  timeline.trust-formed.description:
    date: "2026-11-29"
    reason: A note can only go next to a paragraph.
    note: कुछ।
    fingerprint: "0123456789ab"
"""
    (project / HI_FILE).write_text(hindi(bad), encoding="utf-8")
    start = len(hindi().splitlines())
    assert check_errors(project) == [
        f"{HI_FILE}:{start + 2}:3: divergences.sections.background.renaming: no text 'sections.background.renaming' in the "
        "original; did you mean 'sections.background.renamings'?",
        f"{HI_FILE}:{start + 7}:3: divergences.sections.lead.dateline: sections.lead.dateline is omitted in this file: there is "
        "no translation to differ",
        f"{HI_FILE}:{start + 15}:11: divergences.timeline.trust-formed.description.note: readers see a divergence's note next to "
        "a paragraph only, and timeline.trust-formed.description is not one; keep the explanation in `reason`",
    ]


def test_omitted_mistakes_are_located(project: Path) -> None:
    hi = hindi().replace(
        "      - id: dateline\n        omitted: The official Hindi release has no dateline.\n",
        "      - id: dateline\n        text: कुछ।\n        omitted: The official Hindi release has no dateline.\n",
    )
    (project / HI_FILE).write_text(hi, encoding="utf-8")
    en = english().replace("  release-posted: {label: PIB Delhi posts", "  release-posted: {omitted: no, label: PIB Delhi posts")
    accepted_in_original = "divergences: {title: {date: '2026-11-29', reason: x, accepts: [numbers], fingerprint: '0123456789ab'}}\n"
    (project / "articles" / SLUG / "en.yaml").write_text(en + accepted_in_original, encoding="utf-8")
    assert check_errors(project) == [
        f"articles/{SLUG}/en.yaml:16:29: timeline.release-posted.omitted: the original cannot leave out its own text; write the "
        "timeline event's text",
        f"articles/{SLUG}/en.yaml:20:1: divergences: the original has nothing to differ from; record divergences in the translation's file",
        f"{HI_FILE}:8:18: sections[0].paragraphs[0].omitted: a paragraph is either translated or omitted, not both; remove "
        "`omitted` or its text",
    ]


# --- what readers see -------------------------------------------------------------------------------


@pytest.fixture
def pages(project: Path) -> dict[str, BeautifulSoup]:
    (project / HI_FILE).write_text(hindi(accepted()), encoding="utf-8")
    generator(project, "confirm", "hi", SLUG)
    generator(project, "build")
    out = {}
    for locale in ("hi", "en"):
        html = (project / "docs" / locale / f"{SLUG}.md").read_text(encoding="utf-8").split("---", 2)[2]
        out[locale] = BeautifulSoup(html, "html.parser")
    return out


def test_a_divergence_that_changes_the_meaning_is_an_editors_note_in_that_locale(pages: dict[str, BeautifulSoup]) -> None:
    hi = pages["hi"]
    note = hi.select_one("#p-renamings + aside.editor-note")
    assert note is not None and note["id"] == "note-divergence-renamings"
    assert note.select_one(".admonition-title").get_text() == "संपादक की टिप्पणी: स्पष्टीकरण (29 नवंबर 2026)"
    assert note.select("p")[1].get_text() == (
        "आधिकारिक हिंदी विज्ञप्ति में न्हेवा शेवा बंदरगाह के नए नाम का वर्ष 1988 दिया गया है; अंग्रेज़ी मूल विज्ञप्ति में 1989।"
    )
    # Only that one is shown; the others are recorded for editors. Nothing is shown in the original.
    assert len(hi.select("aside.editor-note")) == 1
    assert pages["en"].select("aside.editor-note") == []


def test_an_omitted_paragraph_shows_the_original_marked_as_such(pages: dict[str, BeautifulSoup]) -> None:
    hi = pages["hi"]
    para = hi.select_one("p#p-dateline")
    assert (para["lang"], para["dir"]) == ("en", "ltr")
    assert para.get_text() == "Posted On: 03 JUN 2020 5:13PM by PIB Delhi"
    notice = hi.select_one("p#p-dateline-omitted")
    assert notice.get_text() == "आधिकारिक हिन्दी संस्करण में नहीं है: यहाँ मूल अंग्रेज़ी पाठ दिखाया गया है।"
    assert "lang" not in notice.attrs  # in the reader's language
    # Not "not yet translated": the page does not say parts are missing.
    assert hi.select(".locale-notice--fallback") == []
    assert pages["en"].select(".omitted-notice") == []


def test_an_omitted_event_shows_the_original_marked_as_such(pages: dict[str, BeautifulSoup]) -> None:
    event = pages["hi"].select_one("#event-release-posted")
    label = event.select_one(".timeline__label span.fallback")
    assert (label.get_text(), label["lang"], label["dir"]) == ("PIB Delhi posts the release", "en", "ltr")
    assert event.select_one(".omitted-notice").get_text() == "आधिकारिक हिन्दी संस्करण में नहीं है: यहाँ मूल अंग्रेज़ी पाठ दिखाया गया है।"
    assert pages["hi"].select_one("#event-trust-formed .omitted-notice") is None


# --- status and confirm ---------------------------------------------------------------------------------


def rows(report: str) -> list[str]:
    return [" ".join(line.split()) for line in report.splitlines()]


def test_omitted_text_is_not_missing(project: Path) -> None:
    (project / HI_FILE).write_text(hindi(accepted()), encoding="utf-8")
    generator(project, "confirm", "hi", SLUG)
    result = generator(project, "status", "--strict", check=False)
    assert f"{SLUG} hi published 12 of 12 (100%) 12 0 0 0 3 0" in rows(result.stdout)
    assert result.returncode == 0, result.stderr
    content = json.loads(generator(project, "status", "--json").stdout)["content"][SLUG]["hi"]
    assert content["omitted"] == ["sections.lead.dateline", "timeline.release-posted.label", "timeline.release-posted.description"]
    assert content["missing"] == []


def test_status_names_the_file_and_the_command_that_fixes_it(project: Path) -> None:
    result = generator(project, "status", "--strict", check=False)
    assert result.returncode == 1
    assert f"{SLUG} hi published 12 of 12 (100%) 0 12 0 0 3 0" in rows(result.stdout)
    assert (
        f"incomplete: {HI_FILE}: 0 missing, 12 not reviewed (title, summary, sections.lead.approval, sections.lead.board, "
        "sections.lead.occasion, …); check the 12 "
        "unconfirmed text(s) against the original, update them, then run "
        f"`make confirm LOCALE=hi ARTICLE={SLUG}`"
    ) in result.stderr.splitlines()
    assert (
        f"{HI_FILE}: check the 12 unconfirmed text(s) against the original, update them, then run `make confirm LOCALE=hi ARTICLE={SLUG}`"
    ) in result.stdout.splitlines()


def test_confirm_without_an_article_confirms_nothing_and_says_what_to_run(project: Path) -> None:
    before = (project / HI_FILE).read_text(encoding="utf-8")
    result = generator(project, "confirm", "hi", check=False)
    assert result.returncode == 2
    assert result.stderr == (
        "error: name the articles you checked; confirming marks a translation as current. Not confirmed in hi:\n"
        f"  {HI_FILE}: 12 text(s) not confirmed\n"
        f"Confirm one article:        make confirm LOCALE=hi ARTICLE={SLUG}\n"
        "Confirm all of them above:  make confirm LOCALE=hi ARTICLE=all\n"
    )
    assert (project / HI_FILE).read_text(encoding="utf-8") == before


def test_confirm_one_article_leaves_the_others_stale(project: Path) -> None:
    # Someone else's translation of another article is out of date: confirming ours must not hide it.
    other = project / "articles" / "north-korea-russia-defence-treaty" / "en.yaml"
    original = project / "articles" / "north-korea-russia-defence-treaty" / "hi.yaml"
    original.write_text(original.read_text(encoding="utf-8").replace("मास्को का दौरा किया", "मास्को की यात्रा की"), encoding="utf-8")
    other_before = other.read_text(encoding="utf-8")
    result = generator(project, "confirm", "hi", SLUG)
    assert result.stderr == f"{HI_FILE}: 12 translated text(s) confirmed, 12 of them newly\n"
    assert other.read_text(encoding="utf-8") == other_before
    report = rows(generator(project, "status", check=False).stdout)
    assert f"{SLUG} hi published 12 of 12 (100%) 12 0 0 0 3 0" in report
    assert "north-korea-russia-defence-treaty en published 118 of 118 (100%) 117 0 1 0 0 0" in report
    # ARTICLE=all is the explicit way to confirm everything.
    generator(project, "confirm", "en", "--all")
    assert "north-korea-russia-defence-treaty en published 118 of 118 (100%) 118 0 0 0 0 0" in rows(generator(project, "status").stdout)


def test_confirm_refuses_an_unknown_article_and_writes_nothing(project: Path) -> None:
    before = (project / HI_FILE).read_text(encoding="utf-8")
    result = generator(project, "confirm", "hi", SLUG, "kolkata-prot", check=False)
    assert result.returncode == 1
    assert result.stderr == "error: no article 'kolkata-prot'; did you mean 'kolkata-port'?; nothing was confirmed\n"
    assert (project / HI_FILE).read_text(encoding="utf-8") == before


def test_make_confirm_takes_the_article(project: Path) -> None:
    for name in ("Makefile", "requirements.txt", "requirements-dev.txt"):
        shutil.copy2(ROOT / name, project / name)
    (project / ".venv").symlink_to(Path(sys.prefix))

    def make(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["make", "-s", "confirm", *args], cwd=project, capture_output=True, text=True, check=False)

    refused = make("LOCALE=hi")
    assert refused.returncode != 0
    assert f"Confirm one article:        make confirm LOCALE=hi ARTICLE={SLUG}" in refused.stderr
    assert make("LOCALE=hi", f"ARTICLE={SLUG}").returncode == 0
    assert make("LOCALE=hi", "ARTICLE=all").returncode == 0
    assert "nothing to confirm in hi" in make("LOCALE=hi").stderr
