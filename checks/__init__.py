"""`make check`: the built site against the web's own validators, in a real browser, in every locale.

- `vnu`        the Nu HTML Checker (npm `vnu-jar`, needs Java): zero errors on every page;
- `axe`        axe-core in Debian's Chromium: zero WCAG 2.1 A/AA violations on every page, light and dark,
               and on an article with the search dialog open;
- `links`      LinkChecker with AnchorCheck over the whole site, plus our links to the production address
               (hreflang alternates, canonical) resolved against the local files;
- `offline`    no request to any host but the local server while every page loads (search included);
- `lighthouse` Lighthouse 12.2.3 (npm), mobile, on an article of each locale served with gzip.

`python -m checks [SITE_DIR]` runs them all (see `--help`); each module also has a function that returns
its findings, which tests/checks/ call on the real site and on broken fixtures.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


class ToolMissing(RuntimeError):
    """A tool a check needs is not installed; the message says how to install it."""


@dataclass(frozen=True)
class Finding:
    """One problem a check found: which check, where (a page or file), and what."""

    check: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.where}: {self.message}"
