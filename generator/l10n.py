"""Locale-dependent formatting: dates, numbers and plurals by Babel, interface strings by gettext.

Every function takes the locale explicitly; nothing here touches the process locale.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from babel import Locale
from babel.dates import format_date
from babel.numbers import format_decimal
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


def format_number(value: int, locale: str | Locale) -> str:
    """Group digits the locale's way: 1100000 → «11,00,000» in Hindi, «1,100,000» in English."""
    return format_decimal(value, locale=locale)


class _Untranslated(NullTranslations):
    """The catalog's fallback: a message not translated yet is the English msgid, marked as English."""

    def gettext(self, message: str) -> str:
        return Text(message, SOURCE_LOCALE, SOURCE_LOCALE, "ltr", fallback=True)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.gettext(singular if n == 1 else plural)


@cache
def load_translations(locales_dir: Path, locale: str) -> Translations | NullTranslations:
    """Load the compiled catalog of a locale; a missing catalog is a build error, not silent English."""
    mo = locales_dir / locale / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise BuildError(f"{mo}: no compiled catalog for locale {locale!r}; run `make i18n` (pybabel compile)")
    with mo.open("rb") as fd:
        translations = Translations(fd, domain=DOMAIN)
    translations.add_fallback(_Untranslated())
    return translations


@cache
def _parse(code: str) -> Locale:
    return Locale.parse(code)


_DEVANAGARI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


@dataclass(frozen=True)
class L10n:
    """The formatters and messages of one locale, handed to the renderers."""

    locale: str
    translations: Translations | NullTranslations
    digits: str = "latn"

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self.translations.ngettext(singular, plural, n)

    @property
    def babel(self) -> Locale:
        return _parse(self.locale)

    def date(self, value: PartialDate) -> str:
        return self._digits(format_partial_date(value, self.babel))

    def number(self, value: int) -> str:
        return self._digits(format_number(value, self.babel))

    def _digits(self, text: str) -> str:
        """Babel writes Latin digits whatever the numbering system; translate them when asked (०-९)."""
        return text.translate(_DEVANAGARI_DIGITS) if self.digits == "deva" else text
