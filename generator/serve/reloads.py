"""Which open pages a rebuild changed, so that each reloads once per save (pure)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from ..config import ROOT_DIR


def page_urls(paths: Iterable[str], full: Iterable[str] = ()) -> frozenset[str]:
    """The served addresses that changed docs/ paths become (`en/x.md` → `/en/x/`); `/<code>/*` is every page of a
    locale rebuilt whole (its configuration changed, or pages were removed)."""
    out = {f"/{code}/*" for code in full}
    for path in paths:
        if path.startswith(f"{ROOT_DIR}/"):
            out.add("/" + path[len(ROOT_DIR) + 1 :].removesuffix("index.html"))
        elif path.startswith("mkdocs.") and path.endswith(".yml"):
            out.add(f"/{path.removeprefix('mkdocs.').removesuffix('.yml')}/*")
        elif path.endswith(".md"):
            out.add("/" + path.removesuffix(".md").removesuffix("/index") + "/")
    return frozenset(out)


@dataclass
class Reloads:
    """Which pages each rebuild changed, by its epoch: a browser reloads when the page it shows changed, once per save,
    not again when the lists catch up with an article page (nor an article page when only the lists changed)."""

    #: (epoch, the addresses that changed, or None for every page: a whole build, a build error shown or cleared)
    builds: list[tuple[int, frozenset[str] | None]] = field(default_factory=list)
    keep: int = 500
    #: The epoch of the newest build no longer remembered: a page older than it reloads.
    forgotten: int = 0

    def add(self, epoch: int, pages: frozenset[str] | None) -> None:
        self.builds.append((epoch, pages))
        if len(self.builds) > self.keep:
            self.forgotten = self.builds[-self.keep - 1][0]
            del self.builds[: -self.keep]

    def due(self, page: str | None, seen: int, visible: int) -> bool:
        """Whether a browser that shows `page` (None: unknown) as of epoch `seen` should reload now."""
        if visible <= seen:
            return False
        if seen < self.forgotten:
            return True  # older than what is remembered
        return any(seen < epoch <= visible and (pages is None or page is None or _shows(pages, page)) for epoch, pages in self.builds)


def _shows(pages: frozenset[str], page: str) -> bool:
    return page in pages or any(p.endswith("*") and page.startswith(p[:-1]) for p in pages)
