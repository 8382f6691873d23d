"""Locale-dependent formatting: dates, numbers and plurals by Babel, interface strings by gettext.

Every function takes the locale explicitly; nothing here touches the process locale.
"""

from __future__ import annotations

import difflib
import re
import struct
import unicodedata
from decimal import Decimal
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from babel import Locale, UnknownLocaleError
from babel.core import get_global, parse_locale
from babel.dates import format_date
from babel.numbers import UnsupportedNumberingSystemError, format_compact_decimal, format_decimal, list_currencies
from babel.support import NullTranslations, Translations

from .errors import BuildError
from .text import Text

if TYPE_CHECKING:  # the MkDocs hooks import this module for the catalogs: not pydantic
    from .dates import PartialDate

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


def load_translations(locales_dir: Path, locale: str) -> Translations | NullTranslations:
    """Load the compiled catalog of a locale; a missing catalog is a build error, not silent English."""
    mo = locales_dir / catalog_folder(locale) / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not mo.is_file():
        raise BuildError(f"{mo}: no compiled catalog for locale {locale!r}; run `make i18n` (pybabel compile)")
    stat = mo.stat()
    return _read_catalog(mo, locales_dir, stat.st_mtime_ns, stat.st_size)


@cache
def _read_catalog(mo: Path, locales_dir: Path, mtime_ns: int, size: int) -> Translations | NullTranslations:
    """A compiled catalog, read once per version of the file: a process that lives on (`make serve`) sees a catalog
    compiled again after an edit."""
    try:
        with mo.open("rb") as fd:
            translations = Translations(fd, domain=DOMAIN)
    except (OSError, ValueError, LookupError, struct.error) as exc:  # empty or truncated, not UTF-8, unknown charset
        reason = exc.reason if isinstance(exc, UnicodeDecodeError) else str(exc) or type(exc).__name__
        name = mo.relative_to(locales_dir.parent)
        raise BuildError(f"{name}: not a usable compiled catalog ({reason}); compile it again from its .po: make {name}") from exc
    translations.add_fallback(_Untranslated())
    return translations


# --- locales: tags and scripts (CLDR) -------------------------------------------------------------------


def likely_script(language: str) -> str:
    """CLDR's likely script of a language: hi → Deva, ur → Arab, sat → Olck."""
    likely = get_global("likely_subtags").get(language, "")
    return next((p for p in likely.split("_")[1:] if len(p) == 4), "Latn")


def canonical_tag(code: str) -> str:
    """One spelling of a locale: the BCP 47 tag with CLDR's casing (pt_BR, pt-br → pt-BR; zh_hant → zh-Hant).

    The tag is the locale's URL segment, article file name, `lang` and `hreflang`; only the gettext
    catalog folder uses Babel's form (l10n.catalog_folder: pt_BR). Raises ValueError for a locale CLDR does not know.
    """
    bad = next((c for c in code if not (c.isascii() and (c.isalnum() or c in "-_"))), None)
    if bad is not None:
        raise ValueError(f"{code!r}: {_character_name(bad)} is not allowed in a locale tag; {TAG_HINT}")
    if code.lower() in NOT_LANGUAGES:
        raise ValueError(f"{code!r} names no language ({NOT_LANGUAGES[code.lower()]}); {TAG_HINT}")
    parts = code.replace("_", "-").split("-")
    if not re.fullmatch(r"[A-Za-z]{2,3}", parts[0]) or not all(re.fullmatch(r"[A-Za-z0-9]{2,8}", p) for p in parts[1:]):
        raise ValueError(f"{code!r} is not a locale tag; {TAG_HINT}")
    tag = "-".join([parts[0].lower()] + [p.title() if len(p) == 4 else p.upper() if len(p) <= 3 else p.lower() for p in parts[1:]])
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError, TypeError) as exc:
        raise ValueError(f"{code!r}: CLDR does not know this locale; {TAG_HINT}") from exc
    return tag


TAG_HINT = "use a BCP 47 tag such as mr, en-IN, pt-BR or sr-Latn (ASCII letters and digits joined by hyphens)"
#: Tags Babel accepts that are no language: a locale built from them would be `<html lang="root">`.
NOT_LANGUAGES = {"root": "CLDR's root locale, the data every locale inherits", "und": "'undetermined'"}


def _character_name(char: str) -> str:
    """A character as a message can show it: its code point and name, never the raw (maybe invisible) character."""
    names = {" ": "a space", "\n": "a line break", "\t": "a tab", ";": "';'"}
    if char in names:
        return names[char]
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "") + (f" ({char!r})" if char.isascii() and char.isprintable() else "")


def script_of(code: str) -> str | None:
    """The ISO 15924 script a locale is written in: the one its tag names (sr-Latn → Latn), else CLDR's likely script
    of the language in its territory (pa-PK → Arab) or alone (hi → Deva, ur → Arab, sat → Olck); None for a tag CLDR
    does not know. The one place that decides it: the locale object, the fonts, the theme and the index ask here."""
    tag = code.replace("-", "_")
    try:
        Locale.parse(tag)  # only to refuse what CLDR does not know
        language, territory, script, _variant = parse_locale(tag)[:4]
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    if script:
        return script
    # Locale.parse drops a script that has no locale data of its own (bn_Beng_BD → bn), so read the tag.
    likely = get_global("likely_subtags")
    for key in (f"{language}_{territory}" if territory else tag, language):
        if key in likely:
            return parse_locale(likely[key])[2]
    return None


def direction_of(code: str) -> Literal["ltr", "rtl"]:
    """The direction a locale's text runs in (CLDR): ur → rtl; ltr for a tag CLDR does not know."""
    try:
        return "rtl" if babel_locale(code).text_direction == "rtl" else "ltr"
    except (ValueError, UnknownLocaleError):
        return "ltr"


#: The desk's country: a locale that names no territory is read as its language in India (en → en_IN, not CLDR's en_US).
HOME_TERRITORY = "IN"


def og_locale(code: str, formats: str | None = None) -> str:
    """Open Graph wants language_TERRITORY, derived from the locale: its own territory (pt-BR → pt_BR), else that of its
    formats locale (en with formats en-IN → en_IN), else India where CLDR lists the language there (hi → hi_IN,
    ur → ur_IN), else CLDR's likely territory (fr → fr_FR)."""
    for tag in (code, formats):
        given = (tag or "").replace("-", "_").split("_")
        territory = next((p for p in given[1:] if (len(p) == 2 and p.isupper()) or p.isdigit()), None)
        if territory and given[0] == code.replace("-", "_").split("_")[0]:
            return f"{given[0]}_{territory}"
    language = code.replace("-", "_").split("_")[0]
    if language in get_global("territory_languages").get(HOME_TERRITORY, {}):
        return f"{language}_{HOME_TERRITORY}"
    likely = get_global("likely_subtags").get(language, language)
    parts = likely.split("_")
    territory = next((p for p in parts[1:] if len(p) == 2 and p.isupper()), None)
    return f"{parts[0]}_{territory}" if territory else parts[0]


def transliteration_tag(code: str) -> str:
    """The tag of a locale's language written in Latin letters: hi → hi-Latn, en-IN → en-Latn-IN."""
    b = babel_locale(code)
    return "-".join(p for p in (b.language, "Latn", b.territory, b.variant) if p)


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
    digit_table(system)
    return system


@cache
def digit_table(system: str) -> dict[int, str]:
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
        if (script := script_of(code)) in _EXTRA_LABELS:
            index.addLabels(icu.UnicodeSet(_EXTRA_LABELS[str(script)]))
    return index.buildImmutableIndex()


#: Letters CLDR's index of a script leaves out but glossaries need: ऑ starts English loanwords in Hindi
#: (ऑर्बिटर); without its own heading it is filed under ऐ.
_EXTRA_LABELS = {"Deva": "[ऑ]"}


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
