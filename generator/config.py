"""EDGE: the project's configuration: where things are, the site's address, and its locales.

Locales are configuration, not code: `locales/locales.yml` lists them; Babel supplies their names,
scripts and text direction.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field

from .errors import ConfigError, Problem
from .load import read_yaml
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
    digits: Literal["latn", "deva"] = Field(default="latn", description="Digits of dates and numbers: latn (0-9) or deva (०-९).")


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
    digits: Literal["latn", "deva"] = "latn"

    @property
    def babel(self) -> Locale:
        return Locale.parse(self.code)

    @property
    def name(self) -> str:
        """The locale's name in its own language, as a reader looks for it: «हिन्दी», «English»."""
        name = self.babel.get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def direction(self) -> Literal["ltr", "rtl"]:
        return "rtl" if self.babel.text_direction == "rtl" else "ltr"

    @property
    def lang(self) -> str:
        """The BCP 47 tag for `lang` and `hreflang` attributes (pt_BR → pt-BR)."""
        return self.code.replace("_", "-")


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
    locales = []
    for code, entry in parsed.locales.items():
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            problems.append(doc.problem(("locales", code), "Babel does not know this locale; use a code such as hi, en or pt_BR", key=True))
        if entry.fallback is not None and entry.fallback not in parsed.locales:
            problems.append(doc.problem(("locales", code, "fallback"), f"{entry.fallback!r} is not one of the locales"))
        locales.append(SiteLocale(code, entry.status, entry.fallback, entry.digits))
    if parsed.default not in parsed.locales:
        problems.append(doc.problem(("default",), f"{parsed.default!r} is not one of the locales"))
    if problems:
        raise _config_error(problems)
    return Project(root, site_url, tuple(locales), parsed.default)


def _config_error(problems: list[Problem]) -> ConfigError:
    return ConfigError("\n".join(str(p) for p in sorted(set(problems))))
