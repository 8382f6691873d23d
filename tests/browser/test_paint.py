"""A reader's page paints whole: list numbers from 10 on keep their first digit, and no block waits to be laid out.

`content-visibility: auto` on the sources list clipped the numbers drawn outside the list's box («10.»
showed as «.0.», «28.» as «’8.»), left whole blocks blank in full-page captures and made Lighthouse measure
colour contrast on blocks that were never laid out (issue 18, item 1).
"""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from PIL import Image
from playwright.sync_api import Page

from .conftest import DESKTOP, PHONE

SLUG = "north-korea-russia-defence-treaty"

#: For the items from 10 on of every ordered list: the box where its number is drawn (outside the item,
#: before its start edge: «28. », the trailing space included), the column span of the number's first
#: digit, and every ancestor box that clips what it paints (overflow, paint containment, content-visibility).
MARKERS_JS = """() => {
    const out = [];
    for (const list of document.querySelectorAll("article ol")) {
        const items = [...list.children].filter(li => li.tagName === "LI");
        items.forEach((li, i) => {
            const style = getComputedStyle(li);
            if (i < 9 || style.listStylePosition !== "outside" || style.display !== "list-item" || style.listStyleType === "none") return;
            const probe = document.createElement("span");
            probe.style.cssText = "position:absolute;white-space:pre;visibility:hidden;font:inherit";
            li.appendChild(probe);
            probe.textContent = `${i + 1}. `;
            const width = probe.getBoundingClientRect().width;
            probe.textContent = `${i + 1}`.slice(0, 1);
            const digit = probe.getBoundingClientRect().width;
            probe.remove();
            const box = li.getBoundingClientRect();
            const rtl = style.direction === "rtl";
            const marker = rtl ? {left: box.right, right: box.right + width} : {left: box.left - width, right: box.left};
            // The first digit: at the marker's left (digits run left to right in either direction).
            const first = {left: marker.left, right: marker.left + digit};
            const clips = [];
            for (let e = li.parentElement; e; e = e.parentElement) {
                const s = getComputedStyle(e);
                const paint = /paint|strict|content/.test(s.contain) || s.contentVisibility !== "visible";
                if (paint || s.overflowX !== "visible") {
                    const r = e.getBoundingClientRect();
                    clips.push({tag: e.tagName + "." + e.className, left: r.left + e.clientLeft,
                                right: r.left + e.clientLeft + e.clientWidth});
                }
            }
            out.push({n: i + 1, list: list.className, top: box.top + scrollY, marker, first, clips});
        });
    }
    return out;
}"""


def _ink(png: bytes) -> int:
    """How many pixels of a capture are darker than the page's background (text)."""
    image = Image.open(io.BytesIO(png)).convert("L")
    return sum(1 for value in image.getdata() if value < 160)


@pytest.mark.parametrize("locale", ["hi", "en"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_list_numbers_from_10_on_are_drawn_whole(
    new_page: Callable[..., Page], base_url: str, locale: str, viewport: dict[str, int]
) -> None:
    page = new_page(viewport)
    page.goto(f"{base_url}/{locale}/{SLUG}/", wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    markers = page.evaluate(MARKERS_JS)
    assert any(m["list"] == "sources" and m["n"] >= 28 for m in markers), "the sources list has fewer than 28 items"
    for m in markers:
        for clip in m["clips"]:
            # Nothing clips the number: every clipping ancestor's box holds the whole marker.
            assert clip["left"] <= m["marker"]["left"] + 0.5 and m["marker"]["right"] <= clip["right"] + 0.5, (m["n"], m["list"], clip)
    # And on screen: the first digit of «28.» is drawn (the clip left «’8.»).
    last = max((m for m in markers if m["list"] == "sources"), key=lambda m: m["n"])
    page.evaluate(f"window.scrollTo(0, {last['top']} - 200)")
    top = page.evaluate(f"{last['top']} - scrollY")
    first = last["first"]
    shot = page.screenshot(clip={"x": first["left"], "y": top, "width": first["right"] - first["left"], "height": 20})
    assert _ink(shot) > 8, f"the first digit of item {last['n']} of the sources list is not drawn"


@pytest.mark.parametrize("locale", ["hi", "en"])
def test_no_block_of_the_page_waits_to_be_laid_out(page: Page, base_url: str, locale: str) -> None:
    """Full-page captures, find-in-page and contrast checkers see every block as a reader who scrolls does."""
    page.goto(f"{base_url}/{locale}/{SLUG}/", wait_until="networkidle")
    deferred = page.evaluate(
        """() => [...document.querySelectorAll("*")]
            .filter(e => getComputedStyle(e).contentVisibility !== "visible")
            .map(e => e.tagName + "." + e.className)"""
    )
    assert deferred == []
