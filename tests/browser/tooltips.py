"""Where a glossary definition is drawn: the box of a term's ::after, which the DOM does not give.

The definition is CSS generated content (`content: attr(data-definition)`), so it has no element and no
getBoundingClientRect. Chromium's DevTools DOM domain lists every element's pseudo-elements and gives
their box model as laid out, anchor positioning and all. `document.elementFromPoint` inside that box then
says whether the definition is what the reader sees there (hit-testing a pseudo-element finds its element).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from playwright.sync_api import Locator, Page

#: Every glossary term of an article's body.
TERMS = "article .glossary-term"


def definition_box(term: Locator) -> dict[str, float]:
    """The border box of the term's ::after in the viewport, in CSS px."""
    page = term.page
    index = term.evaluate("t => [...document.querySelectorAll('.glossary-term')].indexOf(t)")
    cdp = page.context.new_cdp_session(page)
    try:
        afters: list[int] = []

        def walk(node: dict) -> None:
            attributes = node.get("attributes", [])
            classes = dict(zip(attributes[::2], attributes[1::2], strict=False)).get("class", "").split()
            if node.get("nodeName") == "SPAN" and "glossary-term" in classes:
                afters.extend(p["nodeId"] for p in node.get("pseudoElements", []) if p.get("pseudoType") == "after")
            for child in node.get("children", []):
                walk(child)

        walk(cdp.send("DOM.getDocument", {"depth": -1})["root"])
        quad = cdp.send("DOM.getBoxModel", {"nodeId": afters[index]})["model"]["border"]
    finally:
        cdp.detach()
    xs, ys = quad[0::2], quad[1::2]
    return {"x": min(xs), "y": min(ys), "width": max(xs) - min(xs), "height": max(ys) - min(ys)}


def is_shown(term: Locator) -> bool:
    """The definition is visible, faded in, and is what is drawn at a point inside its box."""
    style = term.evaluate("t => { const s = getComputedStyle(t, '::after'); return [s.visibility, s.opacity]; }")
    if style != ["visible", "1"]:
        return False
    box = definition_box(term)
    point = [box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 8)]
    return term.evaluate("(t, [x, y]) => { const hit = document.elementFromPoint(x, y); return hit !== null && t.contains(hit); }", point)


def is_hidden(term: Locator) -> bool:
    return term.evaluate("t => getComputedStyle(t, '::after').visibility") == "hidden"


def until(check: Callable[[], bool], timeout: float = 3.0) -> bool:
    """Whether check holds within timeout (CSS transitions: 125 ms fade, 250 ms delay before hiding)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def off_screen(page: Page, box: dict[str, float]) -> bool:
    """Whether any part of the box is left or right of the viewport."""
    width = page.evaluate("() => document.documentElement.clientWidth")
    return box["x"] < 0 or box["x"] + box["width"] > width


def drawn_from_start_would_overflow(term: Locator, width: float) -> bool:
    """Whether a definition this wide, drawn from the term's start towards its end (the placement before
    issue 13 was fixed), would leave the viewport: the case a test must include."""
    return term.evaluate(
        """(t, width) => { const r = t.getClientRects()[0];
                           return getComputedStyle(t).direction === 'rtl' ? r.right - width < 0
                                                                          : r.left + width > document.documentElement.clientWidth; }""",
        width,
    )


def hover_each(page: Page) -> list[dict]:
    """Hover every term of the body; for each, where its definition is drawn and whether it is shown."""
    terms = page.locator(TERMS)
    seen = []
    for i in range(terms.count()):
        term = terms.nth(i)
        link = term.locator("a.glossary-link")
        link.evaluate("a => a.scrollIntoView({block: 'center', behavior: 'instant'})")  # its definition, below it, on screen too
        link.hover()
        visible = until(lambda t=term: is_shown(t))
        box = definition_box(term)
        seen.append(
            {
                "term": link.inner_text(),
                "dir": term.evaluate("t => getComputedStyle(t).direction"),
                "shown": visible,
                "box": box,
                "off_screen": off_screen(page, box),
                "edge_case": drawn_from_start_would_overflow(term, box["width"]),
            }
        )
        page.mouse.move(0, 0)
        # Until it is hidden (a moment later) it may cover the next term, and Playwright would scroll that away.
        until(lambda t=term: is_hidden(t))
    return seen
