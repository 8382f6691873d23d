"""Locale-dependent formatting: dates, numbers and plurals by Babel, interface strings by gettext.

Every function takes the locale explicitly; nothing here touches the process locale.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import UnsupportedNumberingSystemError, format_compact_decimal, format_decimal, list_currencies
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


def format_number(value: int | Decimal, locale: str | Locale, system: str = "latn") -> str:
    """Group digits the locale's way: 1100000 → «11,00,000» in Hindi, «1,100,000» in English; with the
    separators of the numbering system where CLDR has them for the locale (Persian arabext: «1٬100٬000»).
    A decimal keeps every digit it was given (24.5 → «24.5», «24,5» in German): a published figure is not rounded.
    The digits stay Latin: Babel does not write others (L10n translates them)."""
    try:
        return format_decimal(value, locale=locale, numbering_system=system, decimal_quantization=False)
    except UnsupportedNumberingSystemError:
        return format_decimal(value, locale=locale, decimal_quantization=False)


# --- measures: units, scale words and money (CLDR) ----------------------------------------------------

#: The scale words an editor may state a number in («615 crore»), as powers of ten.
SCALES = {"thousand": 3, "lakh": 5, "million": 6, "crore": 7, "billion": 9, "trillion": 12}


@cache
def cldr_units() -> tuple[str, ...]:
    """Every CLDR unit id Babel has patterns for (area-square-kilometer, concentr-percent …), in every locale
    (CLDR's root has them all, so a locale without its own words still formats them)."""
    return tuple(sorted(babel_locale("en")._data["unit_patterns"].keys()))


def unit_problem(unit: str) -> str | None:
    """Why `unit` is not a CLDR unit id, with the closest ids; None when it is one."""
    units = cldr_units()
    if unit in units:
        return None
    # `percent`, `square-kilometer`: the id without its category.
    hints = [u for u in units if u.split("-", 1)[1] == unit] or difflib.get_close_matches(unit, units, n=3, cutoff=0.6)
    hint = "did you mean " + " or ".join(repr(h) for h in hints) + "?" if hints else "expected a CLDR unit id"
    return f"unknown unit {unit!r}; {hint} (CLDR unit ids such as area-square-kilometer, length-meter, concentr-percent, mass-tonne)"


def currency_problem(code: str) -> str | None:
    """Why `code` is not an ISO 4217 currency CLDR knows, with the closest codes; None when it is one."""
    currencies = sorted(list_currencies())
    if code in currencies:
        return None
    hints = difflib.get_close_matches(code.upper(), currencies, n=3, cutoff=0.6)
    hint = "did you mean " + " or ".join(repr(h) for h in hints) + "?" if hints else "expected an ISO 4217 code"
    return f"unknown currency {code!r}; {hint} (ISO 4217 codes such as INR, USD, EUR)"


def _numbering(system: str, locale: Locale) -> str:
    """The numbering system Babel can use for this locale's separators: `system` where CLDR has it, else latn."""
    return system if system in locale.number_symbols else "latn"


def format_scaled(number: Decimal, scale: str, locale: Locale, system: str = "latn") -> str:
    """A number stated in a scale word, the locale's way: 615 crore → «615 crore» in en-IN, «615 करोड़» in Hindi,
    «6.15 billion» in English (which has no word for 10⁷: CLDR's compact patterns choose its own).

    The locale's word is used where its CLDR long compact pattern at that power of ten is «0 word»; otherwise
    the value, exact, takes the locale's own compact form (75 million → «7.5 करोड़» in Hindi).
    """
    power = SCALES[scale]
    system = _numbering(system, locale)
    formats = locale.compact_decimal_formats.get("long", {})
    plural = locale.plural_form(number)
    pattern = (formats.get(plural) or formats.get("other") or {}).get("1" + "0" * power)
    if pattern is not None and pattern.pattern.count("0") == 1:
        return str(pattern.pattern).replace("0", format_number(number, locale, system), 1).replace("'", "")
    value = number.scaleb(power)
    return format_compact_decimal(value, format_type="long", locale=locale, fraction_digits=15, numbering_system=system)


def format_money(amount: str, negative: bool, currency: str, locale: Locale) -> str:
    """An amount already formatted («615 crore») with the currency's symbol where the locale puts it: «₹615 crore»,
    «615 Crore ₹» in German. Without the locale's fixed two decimals: a desk writes «₹615 crore», not «₹615.00 crore»."""
    from babel.numbers import get_currency_symbol

    pattern = locale.currency_formats["standard"]
    symbol = get_currency_symbol(currency, locale)
    i = 1 if negative else 0
    return str(pattern.prefix[i]).replace("¤", symbol) + amount + str(pattern.suffix[i]).replace("¤", symbol)


def with_unit(text: str, unit: str, locale: Locale, plural: str = "other", length: str = "long") -> str:
    """A number already formatted, with a CLDR unit in the locale's words and plural form: «24.5 square kilometres»,
    «24.5 वर्ग किलोमीटर», «24 per cent» (en-IN), «3.84 lakh kilometres» (a scaled amount is many: `other`).

    Babel's format_unit would round the number to three decimals; a published figure keeps its digits."""
    patterns = locale._data["unit_patterns"][unit][length]
    return str(patterns.get(plural) or patterns.get("other") or next(iter(patterns.values()))).replace("{0}", text)


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
    #: The CLDR locale whose date, number and unit formats the pages use (`formats:` in locales.yml: en → en-IN);
    #: the interface strings stay the locale's own.
    formats: str | None = None

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
        """The locale of dates, numbers and units: `formats` if set, else the locale itself."""
        return _parse(self.formats or self.locale)

    def date(self, value: PartialDate) -> str:
        return self._digits(format_partial_date(value, self.babel))

    def number(self, value: int | Decimal) -> str:
        return self._digits(format_number(value, self.babel, self.digits))

    def measure(self, value: Decimal, *, unit: str | None = None, currency: str | None = None, scale: str | None = None) -> str:
        """A key fact's number with its unit or currency and scale word, the locale's way (see format_scaled)."""
        if scale is None and unit is not None:
            return self._digits(with_unit(format_number(value, self.babel, self.digits), unit, self.babel, self.babel.plural_form(value)))
        text = format_scaled(abs(value) if currency else value, scale, self.babel, self.digits) if scale else None
        if currency is not None:
            amount = text if text is not None else format_number(abs(value), self.babel, self.digits)
            return self._digits(format_money(amount, value < 0, currency, self.babel))
        if text is None:
            return self.number(value)
        return self._digits(with_unit(text, unit, self.babel) if unit else text)

    def approximately(self, text: str) -> str:
        """A formatted number marked as approximate with the locale's CLDR sign («~615»)."""
        symbols = self.babel.number_symbols
        sign = symbols.get(self.digits, symbols["latn"]).get("approximatelySign", "~")
        return f"{sign}{text}"

    def minutes(self, n: int) -> str:
        """A duration in minutes in the locale's words (CLDR unit patterns): «4 minutes», «4 मिनट»."""
        return self._digits(with_unit(format_number(n, self.babel, self.digits), "duration-minute", self.babel, self.babel.plural_form(n)))

    def reading_time(self, n: int) -> str:
        """«Reading time: 4 minutes», «पढ़ने का समय: 4 मिनट»: the phrase from the catalog, the duration from CLDR. A
        catalog without the phrase gives it in English, marked so: the duration is English too, not half Urdu."""
        message = self.gettext("Reading time: %(duration)s")
        if isinstance(message, Text) and message.fallback:
            english = L10n(SOURCE_LOCALE, NullTranslations())
            return message % {"duration": english.minutes(n)}
        return message % {"duration": self.minutes(n)}

    def names(self, names: list[str]) -> str:
        """A list of names joined the locale's way: «A and B», «A और B» (CLDR list patterns)."""
        return format_list(names, locale=self.babel)

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
