"""Locale-dependent formatting: dates, numbers and plurals by Babel, interface strings by gettext.

Every function takes the locale explicitly; nothing here touches the process locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.numbers import UnsupportedNumberingSystemError, format_decimal
from babel.support import NullTranslations, Translations

from .errors import BuildError
from .text import Text

if TYPE_CHECKING:  # the MkDocs hooks import this module for the catalogs: not pydantic's models
    from .model import PartialDate

DOMAIN = "messages"
#: The language of the msgids in the code and templates.
SOURCE_LOCALE = "en"


@lru_cache(maxsize=8192)
def format_partial_date(value: PartialDate, locale: str | Locale) -> str:
    """Format a date at its own precision: «11 नवंबर 2024», «नवंबर 2024», «2024».

    Cached: an archive repeats its dates on every page that lists an event, and Babel parses its
    pattern on each call. The month pattern is the stand-alone `LLLL y`: CLDR's `MMMM` skeleton gives the abbreviated
    «नव॰» in Hindi, and Russian needs the nominative month.
    """
    if value.precision == "day":
        return format_date(value.first_day, format="long", locale=locale)
    if value.precision == "month":
        return format_date(value.first_day, format="LLLL y", locale=locale)
    return format_date(value.first_day, format="y", locale=locale)


def format_number(value: int, locale: str | Locale, system: str = "latn") -> str:
    """Group digits the locale's way: 1100000 → «11,00,000» in Hindi, «1,100,000» in English; with the
    separators of the numbering system where CLDR has them for the locale (Persian arabext: «1٬100٬000»).
    The digits stay Latin: Babel does not write others (L10n translates them)."""
    try:
        return format_decimal(value, locale=locale, numbering_system=system)
    except UnsupportedNumberingSystemError:
        return format_decimal(value, locale=locale)


class _Untranslated(NullTranslations):
    """The catalog's fallback: a message not translated yet is the English msgid, marked as English."""

    def gettext(self, message: str) -> str:
        return Text(message, SOURCE_LOCALE, SOURCE_LOCALE, "ltr", fallback=True)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


def catalog_folder(locale: str) -> str:
    """The catalog folder of a locale in Babel's form, as pybabel writes it: pt-BR → pt_BR, zh-Hant → zh_Hant."""
    try:
        return str(Locale.parse(locale.replace("-", "_")))
    except (UnknownLocaleError, ValueError):  # not a locale: the catalog cannot exist either, say where we looked
        return locale.replace("-", "_")


@cache
def load_translations(locales_dir: Path, locale: str) -> Translations | NullTranslations:
    """Load the compiled catalog of a locale; a missing catalog is a build error, not silent English."""
    mo = locales_dir / catalog_folder(locale) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise BuildError(f"{mo}: no compiled catalog for locale {locale!r}; run `make i18n` (pybabel compile)")
    with mo.open("rb") as fd:
        translations = Translations(fd, domain=DOMAIN)
    translations.add_fallback(_Untranslated())
    return translations


@cache
def babel_locale(code: str) -> Locale:
    """Babel's Locale of a BCP 47 tag or Babel code (pt-BR and pt_BR): Locale.parse only reads pt_BR."""
    return Locale.parse(code.replace("-", "_"))


_parse = babel_locale


def display_name(code: str, in_locale: str) -> str:
    """A locale's name in another's language («अंग्रेज़ी»), else in English where CLDR has no such name."""
    return babel_locale(code).get_display_name(babel_locale(in_locale)) or babel_locale(code).get_display_name("en") or code


def digit_system(digits: str, locale: str) -> str:
    """The CLDR numbering system that `digits:` asks for: `native` is the locale's default (bn → beng,
    fa → arabext, sat → olck; hi → latn, as CLDR has it), any other value a numbering system by name.

    Raises ValueError for a name ICU does not know or a system that is not ten decimal digits (roman).
    """
    system = _parse(locale).default_numbering_system if digits == "native" else digits
    if system == "latn":
        return system
    _digit_table(system)
    return system


@cache
def _digit_table(system: str) -> dict[int, str]:
    """0-9 → the ten digits of a numbering system, from CLDR's numbering systems (through ICU)."""
    import icu

    try:
        found = icu.NumberingSystem.createInstanceByName(system)
    except icu.ICUError:
        found = None
    digits = found.getDescription() if found is not None and not found.isAlgorithmic() else ""
    if found is None or len(digits) != 10:
        raise ValueError(
            f"{system!r} is not a decimal numbering system of CLDR; use latn, native or one such as deva, beng, arabext, olck, tamldec"
        )
    return {ord(latin): native for latin, native in zip("0123456789", digits, strict=True)}


@dataclass(frozen=True)
class L10n:
    """The formatters and messages of one locale, handed to the renderers."""

    locale: str
    translations: Translations | NullTranslations
    digits: str = "latn"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """A plural message; an untranslated one is marked English, as gettext() marks it.

        pybabel compile writes an untranslated plural entry with the msgids as its strings, so the
        catalog returns the English as if translated: «2 minutes read» lost its lang and dir on an Urdu page.
        """
        text = self.translations.ngettext(singular, plural, n)
        if type(text) is str and text in (singular, plural) and self.babel.language != SOURCE_LOCALE:
            return Text(text, SOURCE_LOCALE, SOURCE_LOCALE, "ltr", fallback=True)
        return text

    @property
    def babel(self) -> Locale:
        return _parse(self.locale)

    def date(self, value: PartialDate) -> str:
        return self._digits(format_partial_date(value, self.babel))

    def number(self, value: int) -> str:
        return self._digits(format_number(value, self.babel, self.digits))

    def _digits(self, text: str) -> str:
        """Babel writes Latin digits whatever the numbering system; translate them to the locale's
        system when asked (०-९, ০-৯, ۰-۹, ᱐-᱙). `digits` is already resolved (not `native`)."""
        return text if self.digits == "latn" else text.translate(_digit_table(self.digits))


# --- collation and letter headings (ICU) -------------------------------------------------------------


@cache
def _alphabetic_index(locale: str, extra: tuple[str, ...]) -> object:
    """ICU's alphabetic index of a locale, with the letters of `extra` locales too (Latin terms in a Hindi
    glossary get Latin headings, not ICU's catch-all «…»)."""
    import icu

    index = icu.AlphabeticIndex(icu.Locale(catalog_folder(locale)))
    for other in extra:
        index.addLabels(icu.Locale(catalog_folder(other)))
    for code in (locale, *extra):
        if _script(code) in _EXTRA_LABELS:
            index.addLabels(icu.UnicodeSet(_EXTRA_LABELS[_script(code)]))
    return index.buildImmutableIndex()


#: Letters CLDR's index of a script leaves out but glossaries need: ऑ starts English loanwords in Hindi
#: (ऑर्बिटर); without its own heading it is filed under ऐ.
_EXTRA_LABELS = {"Deva": "[ऑ]"}


def _script(code: str) -> str:
    from .config import likely_script

    return babel_locale(code).script or likely_script(babel_locale(code).language)


@cache
def _collator(locale: str) -> Any:
    import icu

    return icu.Collator.createInstance(icu.Locale(catalog_folder(locale)))


def sort_key(text: str, locale: str) -> tuple[bytes, str]:
    """The locale's collation order (ICU, CLDR tailoring: nukta letters next to their base, ज्ञ under ज);
    ties by code point, so the order is total and the same on every build."""
    return (bytes(_collator(locale).getSortKey(text)), text)


def index_letter(text: str, locale: str, extra: tuple[str, ...] = ()) -> str:
    """The letter heading a text is filed under, by ICU's AlphabeticIndex: «ख़ुफ़िया» → «ख», «treaty» → «T»;
    text that has no letter of the locale (digits, other scripts) under ICU's «…»."""
    index = _alphabetic_index(locale, extra)
    label, _ = index.getBucket(index.getBucketIndex(text))  # type: ignore[attr-defined]
    return str(label)
