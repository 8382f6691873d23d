"""Right-to-left pages read right to left, measured in Chromium as a reader sees them (issue 18, item 4).

A site with Urdu and Tamil added as a translator does, with the Kolkata press release's official text
(../shared/corpus, as tests/test_kolkata_languages.py does). Its interface strings are not translated
(a new locale's catalog starts empty), which is where the order broke: the headings «Timeline»,
«Glossary», «Sources» stood at the left while «Key facts» stood at the right; the meta line's «·» stood
on the wrong side of its links, one missing and one trailing; an approximate key fact read
«میٹر about 550»; at 360 px the header cut the site name at its start («…s explainers»). And a Tamil
headline broke inside its longest word on a phone.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator

import pytest
import yaml
from playwright.sync_api import Page

from checks.server import serve

from ..conftest import copy_project, generator, run
from ..test_kolkata_languages import CORPUS, locale_file
from .conftest import DESKTOP, PHONE

KOLKATA = "kolkata-port-syama-prasad-mookerjee"
MOON = "chandrayaan-3-moon-landing"
VIEWPORTS = [DESKTOP, PHONE]
IDS = ["desktop", "phone"]
#: The clause of the official Tamil text that ends with its longest word («நிறைவேற்றப்பட்டது»), as a headline.
TAMIL_HEADLINE_LINE = 3


@pytest.fixture(scope="module")
def rtl_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_project(tmp_path_factory.mktemp("rtl") / "repo")
    english = yaml.safe_load((root / "articles" / KOLKATA / "en.yaml").read_text(encoding="utf-8"))
    for code in ("ur", "ta"):
        run([sys.executable, "-m", "generator.i18n", "init", code], root)  # what `make locale` runs first
        generator(root, "add-locale", code)
        (root / "articles" / KOLKATA / f"{code}.yaml").write_text(locale_file(code, english), encoding="utf-8")
    tamil = (CORPUS / "Tamil.txt").read_text(encoding="utf-8").splitlines()[TAMIL_HEADLINE_LINE]
    headline = tamil[tamil.index("சியாம பிரசாத் முகர்ஜி துறைமுகம்,") : tamil.index("நிறைவேற்றப்பட்டது") + len("நிறைவேற்றப்பட்டது")]
    ta = root / "articles" / KOLKATA / "ta.yaml"
    ta.write_text(
        re.sub(
            r"(?m)^title: .*$",
            lambda _: "title: " + yaml.safe_dump(headline, allow_unicode=True, width=10_000).split("\n")[0],
            ta.read_text(encoding="utf-8"),
            count=1,
        ),
        encoding="utf-8",
    )
    for code in ("ur", "ta"):
        generator(root, "confirm", code, KOLKATA)
    # A key fact with a unit: «about 100 metres» (the rover's distance, S. Somanath: "almost 100 metres").
    data = root / "articles" / MOON / "article.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace("  - id: rover-distance\n", "  - id: rover-distance\n    unit: length-meter\n"),
        encoding="utf-8",
    )
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], root)
    generator(root, "build")
    generator(root, "site")
    with serve(root / "site") as base:
        yield base


def _open(new_page: Callable[..., Page], viewport: dict[str, int], url: str) -> Page:
    page = new_page(viewport)
    page.goto(url, wait_until="networkidle")
    page.evaluate("document.fonts.ready")
    return page


#: Each h2 of the article: where its content (text and permalink) ends at the right, and its box.
HEADINGS_JS = """() => [...document.querySelectorAll("article h2")].filter(h => h.offsetParent).map(h => {
    const range = document.createRange();
    range.selectNodeContents(h);
    const text = range.getBoundingClientRect(), box = h.getBoundingClientRect();
    return {id: h.id, text: h.textContent.trim(), textRight: text.right, boxRight: box.right};
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=IDS)
def test_every_heading_of_an_urdu_page_stands_at_the_right(new_page: Callable[..., Page], rtl_site: str, viewport: dict[str, int]) -> None:
    page = _open(new_page, viewport, f"{rtl_site}/ur/{KOLKATA}/")
    headings = page.evaluate(HEADINGS_JS)
    assert {"timeline", "glossary", "sources"} <= {h["id"] for h in headings}, headings
    for h in headings:
        assert h["textRight"] >= h["boxRight"] - 2, f"{h['id']} ({h['text']!r}) does not start at the right: {h}"


#: The items of the line under the headline, in the page's order: each one's box, the box of its own text
#: (the «·» before it is drawn by CSS, outside that text), and the line it starts on.
META_JS = """() => [...document.querySelectorAll("article .explainer-meta__item")].map(item => {
    const range = document.createRange();
    range.selectNodeContents(item);
    const text = range.getClientRects(), box = item.getClientRects();
    return {text: item.textContent, box: [box[0].left, box[0].right, box[0].top], first: [text[0].left, text[0].right],
            last: [Math.min(...[...box].map(r => r.left)), Math.min(...[...text].filter(r => r.width > 0).map(r => r.left))]};
})"""


@pytest.mark.parametrize("viewport", VIEWPORTS, ids=IDS)
def test_the_meta_line_of_an_urdu_page_reads_right_to_left_with_a_separator_between_every_two_items(
    new_page: Callable[..., Page], rtl_site: str, viewport: dict[str, int]
) -> None:
    page = _open(new_page, viewport, f"{rtl_site}/ur/{KOLKATA}/")
    items = page.evaluate(META_JS)
    assert len(items) >= 4, items  # published, reading time, two «Read in …» links
    # In reading order: line by line from the top, right to left on each line.
    shown = sorted(range(len(items)), key=lambda i: (round(items[i]["box"][2]), -items[i]["box"][1]))
    assert shown == list(range(len(items))), [items[i]["text"] for i in shown]
    for i, item in enumerate(items):
        separator = item["box"][1] - item["first"][1]  # the room at the item's right, before its text
        if i == 0:
            assert separator < 2, f"the first item has a separator: {item}"
        else:
            assert separator > 4, f"no «·» at the right of {item['text']!r}: {item}"
        # Nothing at the item's left but its text (the leftmost of its fragments, whatever their logical order: a
        # date's Latin digits are the last characters read and not the leftmost drawn): no separator trails the line.
        assert abs(item["last"][0] - item["last"][1]) < 2, f"something stands left of {item['text']!r}: {item}"


def test_the_site_name_in_the_header_is_cut_at_its_end_on_a_phone(new_page: Callable[..., Page], rtl_site: str) -> None:
    page = _open(new_page, PHONE, f"{rtl_site}/ur/{KOLKATA}/")
    name = page.evaluate(
        """() => {
        const el = document.querySelector(".md-header__topic .md-ellipsis");
        const text = [...el.childNodes].find(n => n.nodeType === 3 && n.data.trim());
        const start = text.data.search(/\\S/);
        const range = document.createRange();
        range.setStart(text, start);
        range.setEnd(text, start + 1);
        const box = el.getBoundingClientRect(), first = range.getBoundingClientRect();
        return {name: text.data.trim(), box: [box.left, box.right], first: [first.left, first.right], cut: el.scrollWidth > el.clientWidth};
    }"""
    )
    # The name's first letter is within the header's box, drawn.
    assert name["box"][0] - 0.5 <= name["first"][0] and name["first"][1] <= name["box"][1] + 0.5, name


#: A key fact's value, without its sources: where the approximate sign, the digits and the unit are drawn.
FACT_JS = """(id) => {
    const dd = document.querySelector(`#fact-${id} dd`);
    const own = [...dd.childNodes].filter(n => !(n.classList && n.classList.contains("sources-ref")));
    const text = own.map(n => n.textContent).join("").trim();
    const node = dd.firstChild;
    const box = (pattern) => {
        const match = node.data.match(pattern);
        if (!match) return null;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const r = range.getBoundingClientRect();
        return [r.left, r.right];
    };
    return {text, digits: box(/[0-9\u06f0-\u06f9][0-9\u06f0-\u06f9,٬.]*/), unit: box(/[\u0600-\u06ff]{2,}/), sign: box(/[~≈]/)};
}"""


@pytest.mark.parametrize("fact", ["rover-distance", "mission-cost"])
def test_an_approximate_key_fact_on_an_urdu_page_is_localized_and_reads_right_to_left(
    new_page: Callable[..., Page], rtl_site: str, fact: str
) -> None:
    page = _open(new_page, DESKTOP, f"{rtl_site}/ur/{MOON}/")
    value = page.evaluate(FACT_JS, fact)
    assert not re.search(r"[A-Za-z]", value["text"]), f"an English word in an Urdu key fact: {value['text']!r}"
    assert value["sign"] and value["digits"], value
    # From the right: the approximate sign, the number, then the unit.
    assert value["sign"][0] >= value["digits"][1] - 1, value
    if fact == "rover-distance":
        assert value["unit"] and value["digits"][0] >= value["unit"][1] - 1, value


def test_a_tamil_headline_keeps_every_word_whole_on_a_phone(new_page: Callable[..., Page], rtl_site: str) -> None:
    page = _open(new_page, PHONE, f"{rtl_site}/ta/{KOLKATA}/")
    broken = page.evaluate(
        """() => {
        const h1 = document.querySelector("article h1");
        const walker = document.createTreeWalker(h1, NodeFilter.SHOW_TEXT);
        const out = [];
        for (let node; (node = walker.nextNode()); ) {
            for (const m of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, m.index);
                range.setEnd(node, m.index + m[0].length);
                const tops = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                if (tops.size > 1) out.push(m[0]);
            }
        }
        return {broken: out, text: h1.textContent, overflow: h1.scrollWidth > h1.clientWidth};
    }"""
    )
    assert "நிறைவேற்றப்பட்டது" in broken["text"]
    assert broken["broken"] == [], broken["broken"]
    assert not broken["overflow"]
