"""The site's address scheme: where each page of a locale lives, and relative links between pages."""

from __future__ import annotations

import posixpath
from functools import lru_cache


def home_path(locale: str, page: int = 1) -> str:
    return f"{locale}/" if page == 1 else f"{locale}/page/{page}/"


def article_path(locale: str, slug: str) -> str:
    return f"{locale}/{slug}/"


def glossary_path(locale: str, page: int = 1) -> str:
    return f"{locale}/glossary/" if page == 1 else f"{locale}/glossary/{page}/"


def timeline_path(locale: str, page: int = 1) -> str:
    return f"{locale}/timeline/" if page == 1 else f"{locale}/timeline/{page}/"


def search_path(locale: str) -> str:
    return f"{locale}/search/"


def guide_path(locale: str) -> str:
    return f"{locale}/writing/"


def source_file(path: str) -> str:
    """The file in docs/ that MkDocs turns into the page at a site path: `hi/page/2/` ← `hi/page/2.md`."""
    return path.rstrip("/") + ".md" if path.count("/") > 1 else path + "index.md"


def relative(from_path: str, to_path: str) -> str:
    """Relative address between two site paths that end in '/', as MkDocs' directory URLs do."""
    target, _, fragment = to_path.partition("#")
    if fragment and target in ("", from_path):
        return f"#{fragment}"
    return _relative_dir(from_path, target or from_path) + (f"#{fragment}" if fragment else "")


@lru_cache(maxsize=65_536)
def _relative_dir(from_path: str, to_path: str) -> str:
    """Cached: a site timeline or glossary links the same few pages thousands of times."""
    rel = posixpath.relpath(to_path, from_path.rstrip("/") or ".")
    return "./" if rel == "." else rel + "/"
