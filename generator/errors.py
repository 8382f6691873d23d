"""One small error hierarchy: every failure a user can act on is an ExplainerError."""

from __future__ import annotations

from dataclasses import dataclass


class ExplainerError(Exception):
    """Base class: the CLI turns these, and only these, into a message and exit status 1."""


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in the data, located as precisely as the input allows."""

    path: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


class DataError(ExplainerError):
    """The article data has mistakes; carries all of them, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(set(problems))
        super().__init__("\n".join(str(p) for p in self.problems))


class ConfigError(ExplainerError):
    """The site configuration (mkdocs.yml, locales/locales.yml) is unusable."""


class BuildError(ExplainerError):
    """A build step outside our data failed (catalogs, MkDocs)."""
