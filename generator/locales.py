"""The locale object: one per locale of locales/locales.yml, built once (config.load_project) and handed to every
stage. What CLDR says of the locale (its script, direction, names, og:locale) is worked out by l10n.py and kept
here; the site's policy for it (published or draft, fallback, digits, formats, which articles) comes from the file.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from babel import Locale

from .l10n import babel_locale, direction_of, og_locale, script_of


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
        """Open Graph's form of the locale: hi_IN, en_US, pt_BR."""
        return og_locale(self.code)

    @cached_property
    def transliteration_lang(self) -> str:
        """The tag of this language written in Latin letters: hi → hi-Latn, en-IN → en-Latn-IN."""
        b = self.babel
        return "-".join(p for p in (b.language, "Latn", b.territory, b.variant) if p)

    @property
    def publishes_all(self) -> bool:
        """Must every article have its complete text in this locale? A published locale that publishes `all`."""
        return self.status == "published" and self.articles == "all"
