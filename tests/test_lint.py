"""lint-content: numbers compared by value with their scale words, invisible joiners ignored, drafts skipped."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import load_project
from generator.gather import load_articles
from generator.lint import correction_findings, lint_findings, months, numbers
from generator.locales import SiteLocale

ARTICLE = """\
slug: cost
original: en
published: "2023-08-24T12:00:00+05:30"
sources:
  - id: pti
    title: "[PTI report]"
    publisher: PTI
    url: https://example.org/pti
    language: en
glossary:
  - id: shelf
"""

EN = """\
title: Title
summary: Summary
sections:
  - id: lead
    paragraphs:
      - id: p1
        text: "{text}"
glossary:
  shelf: {{term: shelf, definition: A ledge.}}
"""

HI = """\
title: शीर्षक
summary: सारांश
sections:
  - id: lead
    paragraphs:
      - id: p1
        text: "{text}"
glossary:
  shelf: {{term: शेल्फ, transliteration: shelf, definition: किनारा।}}
"""


def findings(tmp_path: Path, en: str, hi: str, *, extra_locales: str = "", files: dict[str, str] | None = None) -> list[str]:
    """Run the lint on a one-paragraph article (English original, Hindi translation): what fails it (drafts report,
    not fail: see test_divergence.py)."""
    (tmp_path / "locales").mkdir()
    (tmp_path / "mkdocs.yml").write_text("site_name: t\nsite_url: https://example.org/\n", encoding="utf-8")
    (tmp_path / "locales" / "locales.yml").write_text(f"default: en\nlocales:\n  en: {{}}\n  hi: {{}}\n{extra_locales}", encoding="utf-8")
    folder = tmp_path / "articles" / "cost"
    folder.mkdir(parents=True)
    (folder / "article.yaml").write_text(ARTICLE, encoding="utf-8")
    (folder / "en.yaml").write_text(EN.format(text=en), encoding="utf-8")
    (folder / "hi.yaml").write_text(HI.format(text=hi), encoding="utf-8")
    for name, content in (files or {}).items():
        (folder / name).write_text(content, encoding="utf-8")
    project = load_project(tmp_path)
    return [str(f.problem) for f in lint_findings(project, load_articles(project)) if not f.draft]


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("75 million", "en", "75000000"),
        ("7.5 करोड़", "hi", "75000000"),
        ("750 लाख", "hi", "75000000"),
        ("75,000,000", "en", "75000000"),
        ("11 हज़ार", "hi", "11000"),
        ("11 हजार", "hi", "11000"),  # the same word without the nukta, as often typed
        ("११,०००", "hi", "11000"),
        ("1.5 billion", "en", "1500000000"),
        ("150 करोड़", "hi", "1500000000"),
        ("1.5 अरब", "hi", "1500000000"),
        ("₹615 crore", "en", "6150000000"),  # Indian English (CLDR en_IN)
        ("2 lakh crore", "en", "2000000000000"),
        ("3 Million", "en", "3000000"),
    ],
)
def test_a_number_is_read_with_its_scale_word(text: str, locale: str, value: str) -> None:
    assert dict(numbers(text, SiteLocale(locale, "published"))) == {value: 1}


@pytest.mark.parametrize(
    ("text", "locale", "value"),
    [
        ("5 t of cargo", "en", "5"),  # a tonne, not a trillion: Latin abbreviations are not scales
        ("3 L of water", "en", "3"),
        ("2.1 km", "en", "2.1"),
        ("लाखों लोग, 10 लाखों में", "hi", "10"),  # «लाखों» (lakhs of) after a number is not the word «लाख»
    ],
)
def test_units_and_inflected_words_are_not_scales(text: str, locale: str, value: str) -> None:
    assert dict(numbers(text, SiteLocale(locale, "published"))) == {value: 1}


def test_the_same_amount_in_each_languages_scale_is_not_reported(tmp_path: Path) -> None:
    en = "In 2020 the cost was about ₹615 crore (roughly 75 million US dollars)."
    hi = "2020 में लागत लगभग 615 करोड़ रुपये (क़रीब 7.5 करोड़ अमेरिकी डॉलर) आँकी गई थी।"
    assert findings(tmp_path, en, hi) == []


def test_a_wrong_scale_is_reported_with_both_values(tmp_path: Path) -> None:
    problems = findings(tmp_path, "It cost 75 million dollars.", "इसकी लागत 75 लाख डॉलर थी।")
    assert len(problems) == 1
    assert "articles/cost/hi.yaml:" in problems[0]
    assert "numbers differ: en has 75000000; hi has 7500000" in problems[0]


@pytest.mark.parametrize("joiner", ["\u200d", "\u200c", "\u2060", "\ufeff", "\u00ad"])
def test_an_invisible_character_inside_a_word_does_not_hide_the_term(tmp_path: Path, joiner: str) -> None:
    # PIB's Hindi writes «शेल्‍फ» with U+200D after the virama; a reader sees «शेल्फ».
    hi = f"यह शेल्{joiner}फ 11{joiner},000 किलोमीटर लंबा है।"
    assert findings(tmp_path, "The shelf is 11,000 km long.", hi) == []


def test_a_missing_term_is_still_reported(tmp_path: Path) -> None:
    problems = findings(tmp_path, "The shelf is long.", "यह किनारा लंबा है।")
    assert len(problems) == 1
    assert "glossary terms differ: only in en: shelf; only in hi: none" in problems[0]


def test_a_draft_locale_does_not_fail_the_lint(tmp_path: Path) -> None:
    ur = 'sections:\n  - id: lead\n    paragraphs:\n      - id: p1\n        text: "61 ہزار"\n'
    problems = findings(
        tmp_path,
        "About 60,000 people.",
        "लगभग 60 हज़ार लोग।",
        extra_locales="  ur:\n    status: draft\n",
        files={"ur.yaml": ur},
    )
    assert problems == []


@pytest.mark.parametrize(
    ("text", "month"),
    [
        ("25 फरवरी 2020", 2),  # without the nukta of CLDR's «फ़रवरी», as PIB writes it
        ("17 अक\u094d\u200dतूबर 1870", 10),  # PIB's «अक्‍तूबर» (a joiner, and त where CLDR has ट)
        ("1 सितम्बर", 9),  # a half nasal where CLDR writes the anusvara («सितंबर»)
        ("नवम्\u200dबर और दिसम्बर", 11),
        ("3 मई", 5),  # a two-letter month name is still a month
    ],
)
def test_a_month_is_read_however_official_hindi_spells_it(text: str, month: int) -> None:
    assert months(text, SiteLocale("hi", "published"))[month] == 1


def test_event_text_is_compared_too(tmp_path: Path) -> None:
    article = ARTICLE + "timeline:\n  - {id: signed, date: '2023-08-23', sources: [pti]}\n"
    en = EN.format(text="The shelf.") + "timeline:\n  signed: {label: Landing, description: It landed on 23 August 2023.}\n"
    hi = HI.format(text="शेल्फ।") + "timeline:\n  signed: {label: लैंडिंग, description: यह 24 अगस्त 2023 को उतरा।}\n"
    problems = findings(tmp_path, "", "", files={"article.yaml": article, "en.yaml": en, "hi.yaml": hi})
    assert [p.split(": ", 2)[1:] for p in problems] == [
        ["timeline.signed.description", f"numbers differ: en has 2023, 23; hi has 2023, 24 (fingerprint {problems[0][-13:-1]})"],
    ]
    assert problems[0].startswith("articles/cost/hi.yaml:11:41: ")  # at the description


CORRECTED = ARTICLE + "notes:\n  - {id: fix, kind: correction, date: '2026-12-06', paragraph: p1, sources: [pti]}\n"


def corrected(hi_note: str, en_text: str = "It lands near the pole.") -> str:
    """The English of a one-paragraph article with a correction, whose note names in `wrong` what it says was wrong."""
    return EN.format(text=en_text) + f'notes:\n  fix:\n    text: "The paragraph said it landed at the pole."\n{hi_note}'


HI_NOTE = HI.format(text="यह ध्रुव के पास उतरता है।") + 'notes:\n  fix:\n    text: "अनुच्छेद में लिखा था कि वह ध्रुव पर उतरा।"\n'


def test_a_correction_whose_paragraph_still_says_the_wrong_wording_is_reported(tmp_path: Path) -> None:
    """Issue 19: a note said the text was wrong while the text still said it. The note names the wording; the lint
    finds it in the paragraph (joiners ignored) and points at the note's `wrong` entry."""
    en = corrected('    wrong: ["at the pole"]\n', en_text="It landed at the\u200d pole.")
    problems = findings(tmp_path, "", "शेल्फ।", files={"article.yaml": CORRECTED, "en.yaml": en, "hi.yaml": HI_NOTE})
    assert len(problems) == 1
    assert problems[0].startswith("articles/cost/en.yaml:13:")
    assert "notes.fix.wrong: the correction says «at the pole» was wrong, but paragraph `p1` still says it" in problems[0]


def test_a_correction_whose_paragraph_is_fixed_passes(tmp_path: Path) -> None:
    en = corrected('    wrong: ["at the pole"]\n')
    assert findings(tmp_path, "", "शेल्फ।", files={"article.yaml": CORRECTED, "en.yaml": en, "hi.yaml": HI_NOTE}) == []


def test_the_published_articles_carry_no_wording_their_corrections_call_wrong() -> None:
    """The standing check on the real articles: every correction that names wrong wording has had it removed."""
    project = load_project(Path(__file__).resolve().parent.parent)
    articles = load_articles(project)
    named = [w for a in articles for t in a.texts.values() for n in t.notes.values() for w in n.wrong]
    assert len(named) >= 5  # the corrections of issue 19 name what they fix
    assert [str(f.problem) for a in articles for f in correction_findings(project, a)] == []
