"""Babel formatting with the locale passed explicitly, and the gettext catalogs."""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pyuca import Collator

from generator.l10n import L10n, format_number, format_partial_date, load_translations
from generator.model import PartialDate
from generator.render.lists import collation_keys

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
    return {code: L10n(code, load_translations(project / "locales", code)) for code in ("hi", "en")}


def test_interface_strings_come_from_the_catalog(catalogs: dict[str, L10n]) -> None:
    assert catalogs["hi"].gettext("Timeline") == "घटनाक्रम"
    assert catalogs["en"].gettext("Timeline") == "Timeline"
    assert catalogs["hi"].gettext("Read in %(language)s") % {"language": "English"} == "English में पढ़ें"


def test_plurals_follow_each_locales_rules(catalogs: dict[str, L10n]) -> None:
    en, hi = catalogs["en"], catalogs["hi"]
    assert en.ngettext("%(num)s minute read", "%(num)s minutes read", 1) % {"num": 1} == "1 minute read"
    assert en.ngettext("%(num)s minute read", "%(num)s minutes read", 5) % {"num": 5} == "5 minutes read"
    assert hi.ngettext("%(num)s minute read", "%(num)s minutes read", 5) % {"num": 5} == "पढ़ने में 5 मिनट"


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


# --- glossary collation ---------------------------------------------------------------------------------------

#: Devanagari with nuktas and signs, Latin with diacritics and ligatures, Tibetan (contractions in DUCET), digits.
LETTERS = "अआइईउऊएऐओऔकखगघङचछजझञटठडढणतथदधनपफबभमयरलवशषसहक़ज़ड़ािीुूेैोौंःँ्ऽ०१२abcdefghijklmnopqrstuvwxyzÄÖÜßéèçñÆæŒœĳ ’-·ཀྲཱྀྀ01"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet=LETTERS, min_size=1, max_size=10), min_size=1, max_size=40))
def test_glossary_terms_sort_as_with_the_whole_collation_table(terms: list[str]) -> None:
    """The glossary loads only the table entries its terms can use: the keys must be pyuca's own."""
    keys = collation_keys(terms)
    assert [keys[t][0] for t in terms] == [_full_collator().sort_key(t.casefold()) for t in terms]


@cache
def _full_collator() -> Collator:
    return Collator()
