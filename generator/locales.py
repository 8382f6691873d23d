"""The locale object: one per locale of locales/locales.yml, built once (config.load_project) and handed to every
stage. What CLDR says of the locale (its script, direction, names, og:locale) is worked out by l10n.py and kept
here; the site's policy for it (published or draft, fallback, digits, formats, which articles) comes from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Literal

from babel import Locale
from babel.lists import format_list
from babel.support import NullTranslations, Translations

from .dates import PartialDate
from .l10n import (
    SOURCE_LOCALE,
    babel_locale,
    digit_table,
    direction_of,
    format_money,
    format_number,
    format_partial_date,
    format_scaled,
    og_locale,
    script_of,
    transliteration_tag,
    with_unit,
)
from .text import Text


@dataclass(frozen=True)
class SiteLocale:
    """A locale of the site: its BCP 47 tag, what CLDR knows about it, and how the site publishes it."""

    #: The canonical BCP 47 tag: the URL segment, the article file name, `lang` and `hreflang` (pt-BR).
    code: str
    status: Literal["published", "draft"]
    fallback: str | None = None
    #: The CLDR numbering system of dates and numbers (latn, deva, beng …; `native` already resolved).
    digits: str = "latn"
    #: A published locale publishes `all` articles, or only those `translated` completely.
    articles: Literal["all", "translated"] = "all"
    #: The CLDR locale of its dates, numbers and units (en → en-IN), when not its own.
    formats: str | None = None
    #: A published locale needs a `complete` interface catalog, unless it allows the English `fallback`.
    interface: Literal["complete", "fallback"] = "complete"

    @cached_property
    def babel(self) -> Locale:
        return babel_locale(self.code)

    @property
    def lang(self) -> str:
        """The BCP 47 tag for `lang` and `hreflang` attributes: the code itself (pt-BR)."""
        return self.code

    @cached_property
    def language(self) -> str:
        """The language subtag: pt for pt-BR."""
        return self.babel.language

    @cached_property
    def script(self) -> str:
        """The ISO 15924 script the locale is written in (l10n.script_of): hi → Deva, sr-Latn → Latn, ur → Arab."""
        return script_of(self.code) or "Latn"

    @cached_property
    def direction(self) -> Literal["ltr", "rtl"]:
        return direction_of(self.code)

    @cached_property
    def name(self) -> str:
        """The locale's name in its own language, as a reader looks for it: «हिन्दी», «English»."""
        name = self.babel.get_display_name(self.babel) or self.code
        return name[:1].upper() + name[1:]

    @cached_property
    def og_locale(self) -> str:
        """Open Graph's form of the locale: hi_IN, en_IN (en with formats en-IN, or any en: the desk is in India), pt_BR."""
        return og_locale(self.code, self.formats)

    @cached_property
    def transliteration_lang(self) -> str:
        """The tag of this language written in Latin letters: hi → hi-Latn, en-IN → en-Latn-IN."""
        return transliteration_tag(self.code)

    @property
    def publishes_all(self) -> bool:
        """Must every article have its complete text in this locale? A published locale that publishes `all`."""
        return self.status == "published" and self.articles == "all"


@dataclass(frozen=True)
class L10n:
    """A locale with its catalog: the formatters (Babel, ICU) and interface strings a renderer writes it with."""

    locale: SiteLocale
    translations: Translations | NullTranslations

    @property
    def digits(self) -> str:
        return self.locale.digits

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
        """The locale of dates, numbers and units: `formats` (en → en-IN) if set, else the locale itself; the interface
        strings stay the locale's own."""
        return babel_locale(self.locale.formats or self.locale.code)

    def date(self, value: PartialDate) -> str:
        return self._digits(format_partial_date(value, self.babel))

    def fiscal_year(self, start: int) -> str:
        """An Indian financial year (April to March) by the year it begins: «2021–22», «२०२१–२२».

        In a right-to-left locale the two years read left to right as one number does, so they are isolated
        (U+2066…U+2069): the en dash between them is neutral, and the bidi algorithm would show «22–2021»."""
        text = self._digits(f"{start:04d}–{(start + 1) % 100:02d}")
        return f"\u2066{text}\u2069" if self.babel.character_order == "right-to-left" else text

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
            english = L10n(SiteLocale(SOURCE_LOCALE, "published"), NullTranslations())
            return message % {"duration": english.minutes(n)}
        return message % {"duration": self.minutes(n)}

    def names(self, names: list[str]) -> str:
        """A list of names joined the locale's way: «A and B», «A और B» (CLDR list patterns)."""
        return format_list(names, locale=self.babel)

    def _digits(self, text: str) -> str:
        """Babel writes Latin digits whatever the numbering system; translate them to the locale's
        system when asked (०-९, ০-৯, ۰-۹, ᱐-᱙). `digits` is already resolved (not `native`)."""
        return text if self.digits == "latn" else text.translate(digit_table(self.digits))
