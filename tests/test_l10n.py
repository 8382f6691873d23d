"""Babel formatting with the locale passed explicitly, and the gettext catalogs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from generator.dates import PartialDate
from generator.i18n import language_template, theme_chain
from generator.l10n import catalog_folder, digit_system, format_number, format_partial_date, index_letter, load_translations
from generator.locales import L10n, SiteLocale
from generator.render.glossary import collation_keys

from .conftest import ROOT


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [
        ("2024-11-11", "hi", "11 नवंबर 2024"),
        ("2024-11", "hi", "नवंबर 2024"),
        ("2024", "hi", "2024"),
        ("2024-11-11", "en", "November 11, 2024"),
        ("2024-08", "en", "August 2024"),
        ("2022-02-24", "hi", "24 फ़रवरी 2022"),
    ],
)
def test_dates_are_formatted_at_their_precision(text: str, locale: str, expected: str) -> None:
    assert format_partial_date(PartialDate.parse(text), locale) == expected


def test_month_precision_uses_the_full_month_name_not_the_abbreviation() -> None:
    assert "नव॰" not in format_partial_date(PartialDate.parse("2024-11"), "hi")


def test_hindi_numbers_use_indian_digit_grouping() -> None:
    assert format_number(1_100_000, "hi") == "11,00,000"
    assert format_number(1_100_000, "en") == "1,100,000"
    assert format_number(11_000, "hi") == "11,000"


@pytest.fixture(scope="module")
def catalogs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, L10n]:
    from .conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("l10n") / "p")
    return {code: L10n(SiteLocale(code, "published"), load_translations(project / "locales", code)) for code in ("hi", "en")}


def test_interface_strings_come_from_the_catalog(catalogs: dict[str, L10n]) -> None:
    assert catalogs["hi"].gettext("Timeline") == "घटनाक्रम"
    assert catalogs["en"].gettext("Timeline") == "Timeline"
    assert catalogs["hi"].gettext("Read in %(language)s") % {"language": "English"} == "English में पढ़ें"


def test_plurals_follow_each_locales_rules(catalogs: dict[str, L10n]) -> None:
    en, hi = catalogs["en"], catalogs["hi"]
    assert en.ngettext("%(num)s event", "%(num)s events", 1) % {"num": 1} == "1 event"
    assert en.ngettext("%(num)s event", "%(num)s events", 5) % {"num": 5} == "5 events"
    # Reading time: the phrase from the catalog, the duration's plural from CLDR's unit patterns.
    assert (en.reading_time(1), en.reading_time(5)) == ("Reading time: 1 minute", "Reading time: 5 minutes")
    assert hi.reading_time(5) == "पढ़ने का समय: 5 मिनट"


def test_a_missing_compiled_catalog_is_a_clear_error(tmp_path) -> None:
    from generator.errors import BuildError

    with pytest.raises(BuildError, match="make i18n"):
        load_translations(tmp_path, "xx")


def test_catalogs_are_complete_and_not_stale(tmp_path) -> None:
    """Every interface string is translated in every catalog, and the catalogs match the code."""
    import subprocess
    import sys

    from babel.messages.pofile import read_po

    pot = tmp_path / "messages.pot"
    # The same options as `make i18n`.
    extract = [sys.executable, "-m", "babel.messages.frontend", "extract", "-F", "babel.cfg", "-o", str(pot)]
    extract += ["--add-location=file", "--sort-output", "."]
    subprocess.run(extract, cwd=ROOT, check=True, capture_output=True)
    check = [
        sys.executable,
        "-m",
        "babel.messages.frontend",
        "update",
        "--check",
        "-i",
        str(pot),
        "-d",
        "locales",
        "--ignore-pot-creation-date",
    ]
    result = subprocess.run(check, cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, f"catalogs are stale, run `make i18n`:\n{result.stderr}"
    for po in sorted((ROOT / "locales").glob("*/LC_MESSAGES/messages.po")):
        with po.open("rb") as fd:
            catalog = read_po(fd)
        untranslated = [m.id for m in catalog if m.id and (m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string]))]
        assert not untranslated, f"{po}: untranslated {untranslated}"


# --- glossary collation and letter headings (ICU) -------------------------------------------------------

#: Hindi terms with nukta letters, conjuncts (क्ष, ज्ञ, त्र, श्र), vowel signs, anusvara and chandrabindu, in
#: the order of a Hindi dictionary (CLDR's Hindi collation, by ICU): a nukta letter right after its base
#: letter, a conjunct under its first letter, anusvara words first under their letter, Latin after Devanagari.
HINDI_ORDER = [
    "अंतर", "अँधेरा", "अनुमोदन", "आयोग", "ऋण", "ऑर्बिटर", "ओडिशा", "औषधि",
    "कमल", "कानून", "क़ानून", "किसान", "कीमत", "कुर्स्क", "कृषि", "क्षेत्र",
    "खुफिया", "ख़ुफ़िया", "खेल", "जमीन", "ज़मीन", "जून", "ज्ञान", "ड़", "डर", "ढ़ाका",
    "त्रिपुरा", "फल", "फिर", "फूल", "फ़ौज", "श्रम", "संधि", "संयुक्त राष्ट्र", "समझौता", "सेना", "सैनिक",
    "Kursk", "treaty",
]  # fmt: skip


def test_hindi_glossary_terms_sort_in_dictionary_order() -> None:
    shuffled = sorted(HINDI_ORDER, key=lambda t: t[::-1])
    keys = collation_keys(shuffled, "hi")
    assert sorted(shuffled, key=keys.__getitem__) == HINDI_ORDER


def test_hindi_letter_headings() -> None:
    """The heading a term is filed under, as before ICU: its first letter without nukta or conjunct, and
    ऑ (English loanwords) its own letter, which CLDR's index leaves out (it would be filed under ऐ)."""
    expected = {
        "क़ानून": "क", "ख़ुफ़िया": "ख", "ज़मीन": "ज", "ड़": "ड", "ढ़ाका": "ढ", "फ़ौज": "फ",
        "क्षेत्र": "क", "ज्ञान": "ज", "त्रिपुरा": "त", "श्रम": "श",
        "अंतर": "अ", "अँधेरा": "अ", "ऑर्बिटर": "ऑ", "ऐतिहासिक": "ऐ", "ऋण": "ऋ",
        "treaty": "T", "Kursk": "K",
    }  # fmt: skip
    assert {term: index_letter(term, "hi", ("en",)) for term in expected} == expected


def test_english_glossary_order_and_headings() -> None:
    terms = ["treaty", "Ratification", "ratification", "Élysée Treaty", "elections", "United Nations", "Z-score", "1990s"]
    keys = collation_keys(terms, "en")
    assert sorted(terms, key=keys.__getitem__) == [
        "1990s", "elections", "Élysée Treaty", "ratification", "Ratification", "treaty", "United Nations", "Z-score",
    ]  # fmt: skip
    headings = [index_letter(t, "en", ("hi",)) for t in ("Élysée Treaty", "treaty", "संधि", "1990s")]
    assert headings == ["E", "T", "स", "…"]


@pytest.mark.parametrize(
    ("locale", "expected"),
    [("ur", ["پارلیمان", "تاس", "معاہدہ"]), ("bn", ["অসম", "কলকাতা", "বন্দর"]), ("ta", ["அமைச்சரவை", "கொல்கத்தா", "துறைமுகம்"])],
)
def test_other_scripts_sort_by_their_locale(locale: str, expected: list[str]) -> None:
    keys = collation_keys(reversed(expected), locale)
    assert sorted(keys, key=keys.__getitem__) == expected
    assert [index_letter(t, locale) for t in expected] != ["…"] * len(expected)


# --- digits by CLDR numbering system ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("digits", "locale", "system", "number"),
    [
        ("native", "bn", "beng", "১১,০০,০০০"),
        ("native", "sat", "olck", "᱑,᱑᱐᱐,᱐᱐᱐"),
        ("native", "fa", "arabext", "۱٬۱۰۰٬۰۰۰"),  # and the Persian group separator
        ("native", "hi", "latn", "11,00,000"),  # CLDR's default for Hindi is Latin digits
        ("deva", "hi", "deva", "११,००,०००"),
        ("arab", "ur", "arab", "١,١٠٠,٠٠٠"),
        ("tamldec", "ta", "tamldec", "௧௧,௦௦,௦௦௦"),
        ("latn", "mr", "latn", "11,00,000"),
    ],
)
def test_digits_by_numbering_system(digits: str, locale: str, system: str, number: str) -> None:
    from babel.support import NullTranslations

    assert digit_system(digits, locale) == system
    assert L10n(SiteLocale(locale, "published", digits=system), NullTranslations()).number(1_100_000) == number


@pytest.mark.parametrize("digits", ["roman", "hanidec-x", "klingon"])
def test_unknown_or_non_decimal_numbering_systems_are_refused(digits: str) -> None:
    with pytest.raises(ValueError, match="not a decimal numbering system"):
        digit_system(digits, "hi")


def test_digits_config_error_names_the_file_and_field(tmp_path) -> None:
    from generator.config import load_project
    from generator.errors import ConfigError

    from .conftest import copy_project

    project = copy_project(tmp_path / "p")
    config = project / "locales" / "locales.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  en:\n    status: published", "  en:\n    status: published\n    digits: roman")
    )
    line = config.read_text(encoding="utf-8").splitlines().index("    digits: roman") + 1
    with pytest.raises(ConfigError, match=rf"locales/locales.yml:{line}:13: locales.en.digits: 'roman' is not a decimal numbering system"):
        load_project(project)


# --- BCP 47 tags and the theme's strings -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "tag", "catalog"),
    [("pt_BR", "pt-BR", "pt_BR"), ("pt-br", "pt-BR", "pt_BR"), ("zh_hant", "zh-Hant", "zh_Hant"), ("sr-Latn", "sr-Latn", "sr_Latn"),
     ("en-IN", "en-IN", "en_IN"), ("mni", "mni", "mni"), ("zh-TW", "zh-TW", "zh_Hant_TW")],
)  # fmt: skip
def test_locale_tags_are_normalised(typed: str, tag: str, catalog: str) -> None:
    from generator.l10n import canonical_tag

    assert canonical_tag(typed) == tag
    assert catalog_folder(tag) == catalog


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("xx", "CLDR does not know this locale"),
        ("en-", "is not a locale tag"),
        ("", "is not a locale tag"),
        ("hindi", "is not a locale tag"),
    ],
)
def test_unknown_locales_are_refused(typed: str, why: str) -> None:
    from generator.l10n import canonical_tag

    with pytest.raises(ValueError, match=why):
        canonical_tag(typed)


@pytest.mark.parametrize(
    ("tag", "chain"),
    [("hi", ["hi", "en"]), ("mai", ["hi", "en"]), ("as", ["bn", "en"]), ("ks", ["ur", "en"]), ("mr", ["en"]), ("sat", ["en"]),
     ("pt-BR", ["pt-BR", "pt", "en"]), ("zh-Hant", ["zh-Hant", "en"]), ("zh-TW", ["zh-TW", "zh-Hant", "en"]),
     ("sr-Latn", ["sh", "en"]), ("sr", ["sr", "en"]), ("en-IN", ["en"])],
)  # fmt: skip
def test_theme_string_fallback_chain(tag: str, chain: list[str]) -> None:
    """Material's file of the same language counts only in the same script: never Cyrillic for sr-Latn,
    never Simplified for zh-Hant."""
    assert theme_chain(tag) == chain


def test_theme_language_template_is_up_to_date() -> None:
    """theme/partials/language.html is generated from Material's English strings: regenerate it after upgrading Material."""
    assert (ROOT / "theme" / "partials" / "language.html").read_text(encoding="utf-8") == language_template()


def test_a_catalog_compiled_again_is_read_again(tmp_path: Path) -> None:
    """A process that lives on (`make serve`, which compiles an edited .po) gets the new strings, not those it read first."""
    mo = tmp_path / "hi" / "LC_MESSAGES" / "messages.mo"
    mo.parent.mkdir(parents=True)
    for n, text in enumerate(("मुख्य तथ्य", "ख़ास तथ्य")):
        catalog = Catalog(locale="hi")
        catalog.add("Key facts", text)
        with mo.open("wb") as fd:
            write_mo(fd, catalog)
        os.utime(mo, ns=(10**18 + n, 10**18 + n))
        assert load_translations(tmp_path, "hi").gettext("Key facts") == text
