"""EDGE: the project's configuration: where things are, the site's address, and its locales.

Locales are configuration, not code: `locales/locales.yml` lists them; Babel supplies their names,
scripts and text direction.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field

from .errors import ConfigError, Problem
from .l10n import digit_system
from .load import Document, Loc, read_yaml
from .model import LOCALE_PATTERN

LOCALES_FILE = "locales/locales.yml"

#: docs/ folder of the site's root files (language chooser, sitemap, robots.txt, schemas), copied as they are into site/.
ROOT_DIR = "_root"
#: docs/ file with the SOURCE_DATE_EPOCH of the MkDocs builds, derived from the data (docs/ is not published as such).
EPOCH_FILE = "source-date-epoch.txt"


class _LocaleEntry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    status: Literal["published", "draft"] = Field(
        default="published", description="A draft locale is built but not linked from other locales."
    )
    fallback: str | None = Field(
        default=None, pattern=LOCALE_PATTERN, description="Where text is not translated yet, show this locale's (else the original)."
    )
    articles: Literal["all", "translated"] = Field(
        default="all",
        description="Which articles a published locale publishes: all (each needs its text; a missing text is an error) or "
        "translated (only those whose text is complete; the others are not listed in the locale and get no page).",
    )
    digits: str = Field(
        default="latn",
        pattern=r"^[a-z]{4,8}$",
        description="Digits of dates and numbers: latn (0-9, the default), native (the locale's CLDR default numbering "
        "system: bn → beng, fa → arabext, sat → olck) or a CLDR numbering system (deva, beng, arab, arabext, olck, tamldec …).",
    )
    formats: str | None = Field(
        default=None,
        pattern=LOCALE_PATTERN,
        description="The CLDR locale of the same language whose date, number and unit formats to use: en-IN writes "
        "«3 June 2020», «3,84,000» and «₹615 crore» on the English pages; the interface strings stay the locale's.",
    )


class _LocalesFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    default: str = Field(pattern=LOCALE_PATTERN)
    locales: dict[str, _LocaleEntry] = Field(min_length=1)


@dataclass(frozen=True)
class SiteLocale:
    """A locale of the site, with what Babel knows about it."""

    code: str
    status: Literal["published", "draft"]
    fallback: str | None = None
    #: The CLDR numbering system of dates and numbers (latn, deva, beng …; `native` already resolved).
    digits: str = "latn"
    #: A published locale publishes `all` articles, or only those `translated` completely.
    articles: Literal["all", "translated"] = "all"
    #: The CLDR locale of its dates, numbers and units (en → en-IN), when not its own.
    formats: str | None = None

    @property
    def babel(self) -> Locale:
        return Locale.parse(self.code, sep="-")

    @property
    def script(self) -> str:
        """The ISO 15924 script the locale is written in (CLDR likely subtags): sr-Latn → Latn, ur → Arab."""
        return self.babel.script or likely_script(self.babel.language)

    @property
    def name(self) -> str:
        """The locale's name in its own language, as a reader looks for it: «हिन्दी», «English»."""
        name = self.babel.get_display_name(self.babel) or self.code
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        return "rtl" if self.babel.text_direction == "rtl" else "ltr"

    @property
    def lang(self) -> str:
        """The BCP 47 tag for `lang` and `hreflang` attributes: the code itself (pt-BR)."""
        return self.code

    @property
    def transliteration_lang(self) -> str:
        """The tag of this language written in Latin letters: hi → hi-Latn, en-IN → en-Latn-IN."""
        b = self.babel
        return "-".join(p for p in (b.language, "Latn", b.territory, b.variant) if p)


def likely_script(language: str) -> str:
    """CLDR's likely script of a language: hi → Deva, ur → Arab, sat → Olck."""
    from babel.core import get_global

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


@dataclass(frozen=True)
class Project:
    """Paths and settings of one checkout."""

    root: Path
    site_url: str
    locales: tuple[SiteLocale, ...]
    default_locale: str

    @property
    def articles_dir(self) -> Path:
        return self.root / "articles"

    @property
    def docs_dir(self) -> Path:
        return self.root / "docs"

    @property
    def site_dir(self) -> Path:
        return self.root / "site"

    @property
    def locales_dir(self) -> Path:
        return self.root / "locales"

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(loc.code for loc in self.locales)

    def requires_text(self, code: str) -> bool:
        """Must every article have its complete text in this locale? Published locales that publish `all`."""
        loc = self.locale(code)
        return loc.status == "published" and loc.articles == "all"

    def locale(self, code: str) -> SiteLocale:
        return next(loc for loc in self.locales if loc.code == code)

    def locale_url(self, code: str) -> str:
        """The absolute address of a locale's home page."""
        return f"{self.site_url}{code}/"


def load_project(root: Path) -> Project:
    """Read mkdocs.yml (for site_url) and locales/locales.yml."""
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own loader understands !ENV and INHERIT

    try:
        with (root / "mkdocs.yml").open("rb") as fd:
            mkdocs_config = yaml_load(fd) or {}
    except OSError as exc:
        raise ConfigError(f"mkdocs.yml: cannot read: {exc.strerror}") from exc
    except (ConfigurationError, yaml.YAMLError, UnicodeDecodeError) as exc:  # MkDocs wraps YAML's errors in its own
        cause = exc.__cause__ or exc.__context__ or exc
        mark = getattr(cause, "problem_mark", None) or getattr(cause, "context_mark", None)
        if isinstance(cause, yaml.MarkedYAMLError) and mark:
            problem = " ".join(filter(None, [cause.context, cause.problem]))
            raise ConfigError(f"mkdocs.yml:{mark.line + 1}:{mark.column + 1}: YAML syntax error: {problem}") from None
        raise ConfigError(f"mkdocs.yml: cannot read: {cause}") from None
    if not isinstance(mkdocs_config, dict):
        raise ConfigError("mkdocs.yml: expected a group of settings (name: value)")
    site_url = str(mkdocs_config.get("site_url") or "")
    if not site_url.startswith(("http://", "https://")):
        raise ConfigError("mkdocs.yml: site_url: expected the site's absolute address, like https://example.org/")
    if not site_url.endswith("/"):
        site_url += "/"

    # The strict loader of the article data: `no` (Norwegian) stays text, and every mistake has its line and column.
    from .validate import model_from  # here: validate needs this module's Project

    doc, problems = read_yaml(root / LOCALES_FILE, LOCALES_FILE)
    parsed: _LocalesFile | None = None
    if doc is not None:
        parsed, problems = model_from(doc, _LocalesFile)
    if parsed is None or doc is None:
        raise _config_error(problems)
    locales, default, problems = _site_locales(doc, parsed)
    if problems:
        raise _config_error(problems)
    return Project(root, site_url, locales, default)


def _config_error(problems: list[Problem]) -> ConfigError:
    return ConfigError("\n".join(str(p) for p in sorted(set(problems))))


def _site_locales(doc: Document, parsed: _LocalesFile) -> tuple[tuple[SiteLocale, ...], str, list[Problem]]:
    """The configured locales, each code in its canonical form (pt_BR and pt-BR are the same locale), the
    default locale, and every problem, located in locales.yml."""
    problems: list[Problem] = []

    def canonical(code: str, loc: Loc, *, key: bool = False) -> str:
        try:
            return canonical_tag(code)
        except ValueError as exc:
            problems.append(doc.problem(loc, str(exc), key=key))
            return code

    codes = {code: canonical(code, ("locales", code), key=True) for code in parsed.locales}
    seen: dict[str, str] = {}
    for code, tag in codes.items():
        if tag in seen:
            problems.append(doc.problem(("locales", code), f"the same locale as {seen[tag]!r}; list it once", key=True))
        seen.setdefault(tag, code)
    locales = []
    for code, entry in parsed.locales.items():
        fallback = canonical(entry.fallback, ("locales", code, "fallback")) if entry.fallback is not None else None
        if fallback is not None and fallback not in codes.values():
            problems.append(doc.problem(("locales", code, "fallback"), f"{entry.fallback!r} is not one of the locales"))
        try:
            digits = digit_system(entry.digits, codes[code])  # `native` resolved: bn → beng
        except ValueError as exc:
            problems.append(doc.problem(("locales", code, "digits"), str(exc)))
            digits = "latn"
        formats = canonical(entry.formats, ("locales", code, "formats")) if entry.formats is not None else None
        if formats is not None and Locale.parse(formats, sep="-").language != Locale.parse(codes[code], sep="-").language:
            problems.append(
                doc.problem(
                    ("locales", code, "formats"),
                    f"{entry.formats!r} is not a form of {codes[code]!r}; expected a locale of the same language, such as "
                    f"{Locale.parse(codes[code], sep='-').language}-IN",
                )
            )
            formats = None
        locales.append(SiteLocale(codes[code], entry.status, fallback, digits, entry.articles, formats))
    default = canonical(parsed.default, ("default",))
    if default not in codes.values():
        problems.append(doc.problem(("default",), f"{parsed.default!r} is not one of the locales"))
    return tuple(locales), default, problems
