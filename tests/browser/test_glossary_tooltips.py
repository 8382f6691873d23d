"""Glossary definitions open on screen, in both directions, on a desktop and on a phone; Escape hides them.

The definition is the term's `::after`, drawn from its data-definition attribute; tooltips.py measures where
it is drawn. Besides the seed Hindi and English, the project has an Urdu locale with part of the explainer
translated (Urdu written for this test), so that definitions open in right-to-left paragraphs as well as in
the Hindi paragraphs the Urdu page shows as fallback (issue 13 measured one at x=1415 in a 1280 px window).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Browser, Locator, Page, expect

from checks.server import serve

from ..conftest import copy_project, generator, run
from .conftest import DESKTOP, PHONE, TIMEOUT_MS
from .tooltips import TERMS, definition_box, drawn_from_start_would_overflow, hover_each, is_hidden, is_shown, off_screen, until

SLUG = "north-korea-russia-defence-treaty"
#: Opens the explainer in a locale, with a viewport.
OpenArticle = Callable[[str, dict[str, int]], Page]

#: Urdu glossary entries (term, inflected forms, definition) and paragraphs; the rest falls back to Hindi.
URDU_TERMS = {
    "treaty": ("معاہدہ", ["معاہدے"], "ممالک کے درمیان ایک تحریری اور باضابطہ سمجھوتہ، جو بین الاقوامی قانون کے تحت ان پر لازم ہوتا ہے۔"),
    "kremlin": ("کریملن", [], "ماسکو کا قلعہ جہاں روسی صدر کا دفتر ہے؛ اکثر روسی حکومت کے معنی میں۔"),
    "moscow": ("ماسکو", [], "روس کا دارالحکومت اور سب سے بڑا شہر۔"),
    "pyongyang": ("پیانگ یانگ", [], "شمالی کوریا کا دارالحکومت۔"),
    "sanctions": ("پابندیاں", ["پابندیوں"], "کسی ملک پر دباؤ ڈالنے کے لیے دوسرے ممالک کی جانب سے عائد تجارتی اور مالی رکاوٹیں۔"),
    "united-nations": ("اقوام متحدہ", [], "دنیا کے تقریباً تمام ممالک کی بین الاقوامی تنظیم۔"),
    "vladimir-putin": ("ولادیمیر پوتن", [], "روس کے صدر۔"),
    "kim-jong-un": ("کم جونگ ان", [], "شمالی کوریا کے سربراہ۔"),
}
URDU_PARAGRAPHS = {
    "ratified": "یوکرین میں جنگ کے دوران شمالی کوریا نے روس کے ساتھ ایک تاریخی دفاعی معاہدے کی توثیق کر دی ہے۔"
    " شمالی کوریا کے رہنما کم جونگ ان نے نومبر میں اس کے فرمان پر دستخط کیے، روسی صدر ولادیمیر پوتن کی"
    " جانب سے توثیق کے بعد۔ امریکہ کے مخالف ان دونوں ممالک کے تعاون میں پیانگ یانگ اور ماسکو کے لیے یہ ایک"
    " اہم موڑ ہے، اور کریملن نے اسے ایک نئے دور کا آغاز کہا ہے۔ اقوام متحدہ میں بھی دونوں ممالک مغربی"
    " پابندیوں کی مخالفت کرتے ہیں۔",
    "treaty-origins": "یہ معاہدہ گزشتہ جون میں ولادیمیر پوتن کے پیانگ یانگ کے نایاب دورے کے دوران تیار کیا گیا۔"
    " کسی ایک ملک پر حملے کی صورت میں دوسرا ملک فوری فوجی مدد دے گا، اور ماسکو نے اسے انقلابی دستاویز کہا۔",
    "commitments": "روس اور شمالی کوریا نے مغربی ممالک کی عائد کردہ پابندیوں کے سامنے اپنا موقف مربوط کرنے اور"
    " اقوام متحدہ میں مشترکہ حکمت عملی اپنانے پر اتفاق کیا۔ یہ معاہدہ دونوں ممالک کو فوجی تعاون کا پابند کرتا ہے،"
    " جس کی کریملن اور پیانگ یانگ دونوں تعریف کرتے ہیں۔",
}


def _translate_into_urdu(locale_file: Path) -> None:
    data = yaml.safe_load(locale_file.read_text(encoding="utf-8"))
    data["title"] = "یوکرین جنگ کے دوران شمالی کوریا اور روس کا باہمی دفاعی معاہدہ"
    for section in data["sections"]:
        for paragraph in section["paragraphs"]:
            paragraph["text"] = URDU_PARAGRAPHS.get(paragraph["id"], paragraph.get("text"))
    for term_id, (term, forms, definition) in URDU_TERMS.items():
        data["glossary"][term_id].update(term=term, forms=forms, definition=definition)
    locale_file.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The seed project with an Urdu locale added as a translator does, partly translated, built and served."""
    project = copy_project(tmp_path_factory.mktemp("tooltips") / "project")
    run([sys.executable, "-m", "generator.i18n", "init", "ur"], project)
    generator(project, "add-locale", "ur")
    _translate_into_urdu(project / "articles" / SLUG / "ur.yaml")
    run([sys.executable, "-m", "babel.messages.frontend", "compile", "-d", "locales"], project)
    generator(project, "build")
    generator(project, "site")
    with serve(project / "site") as url:
        yield url


@pytest.fixture
def article(browser: Browser, site_url: str) -> Iterator[OpenArticle]:
    """Open the explainer in a locale, in a fresh context with the given viewport."""
    pages: list[Page] = []

    def open_article(locale: str, viewport: dict[str, int]) -> Page:
        context = browser.new_context(viewport=viewport)
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        pages.append(page)
        page.goto(f"{site_url}/{locale}/{SLUG}/")
        return page

    yield open_article
    for page in pages:
        page.context.close()


def keyboard_focus(link: Locator) -> None:
    """Bring keyboard focus to a link as a reader does: Tab, from the focusable just before it."""
    link.focus()
    link.page.keyboard.press("Shift+Tab")
    link.page.keyboard.press("Tab")
    expect(link).to_be_focused()
    assert link.evaluate("a => a.matches(':focus-visible')")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("locale", ["ur", "en"])
def test_every_definition_opens_on_screen_on_hover(article: OpenArticle, locale: str, viewport: dict[str, int]) -> None:
    page = article(locale, viewport)
    seen = hover_each(page)
    assert len(seen) >= 10, seen
    # The page has terms near the screen's edge: drawn from their start, their definition would leave it.
    assert any(s["edge_case"] for s in seen), seen
    if locale == "ur":
        # Urdu paragraphs, right to left, and Hindi ones shown as fallback, left to right.
        assert {s["dir"] for s in seen} == {"rtl", "ltr"}, seen
    assert [s for s in seen if s["off_screen"]] == [], f"definitions drawn off screen (viewport {viewport})"
    assert [s for s in seen if not s["shown"]] == [], "definitions not shown on hover"


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_definition_near_the_edge_opens_on_screen_on_keyboard_focus(article: OpenArticle, viewport: dict[str, int]) -> None:
    page = article("ur", viewport)
    terms = page.locator(TERMS)
    # A right-to-left term whose definition, drawn from its start, would leave the screen.
    candidates = [
        i
        for i in range(terms.count())
        if terms.nth(i).evaluate("t => getComputedStyle(t).direction") == "rtl"
        and drawn_from_start_would_overflow(terms.nth(i), definition_box(terms.nth(i))["width"])
    ]
    assert candidates, "no right-to-left term near the edge of the screen"
    term = terms.nth(candidates[-1])
    keyboard_focus(term.locator("a"))
    term.evaluate("t => t.scrollIntoView({block: 'center', behavior: 'instant'})")
    assert until(lambda: is_shown(term)), "no definition shown on keyboard focus"
    box = definition_box(term)
    assert not off_screen(page, box), box


def test_escape_hides_a_definition_shown_on_hover_until_the_pointer_leaves(article: OpenArticle) -> None:
    page = article("en", DESKTOP)
    term = page.locator(TERMS).first
    link = term.locator("a")
    link.hover()
    assert until(lambda: is_shown(term)), "no definition shown on hover"
    # The pointer can move onto the definition without it disappearing (WCAG 1.4.13: hoverable).
    box = definition_box(term)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_timeout(400)  # longer than the delay before a definition is hidden
    assert is_shown(term), "the definition disappears when the pointer moves onto it"

    link.hover()
    page.keyboard.press("Escape")
    assert until(lambda: is_hidden(term)), "Escape does not hide the definition"
    link.hover(position={"x": 2, "y": 2})  # the pointer moves, on the term
    page.wait_for_timeout(400)
    assert is_hidden(term), "the dismissed definition comes back while the pointer stays on the term"

    page.mouse.move(0, 0)
    link.hover()
    assert until(lambda: is_shown(term)), "the definition is not shown again when the pointer comes back"


def test_escape_hides_a_definition_shown_on_keyboard_focus(article: OpenArticle) -> None:
    page = article("en", DESKTOP)
    term = page.locator(TERMS).first
    link = term.locator("a")
    keyboard_focus(link)
    assert until(lambda: is_shown(term)), "no definition shown on keyboard focus"

    page.keyboard.press("Escape")
    assert until(lambda: is_hidden(term)), "Escape does not hide the definition"
    expect(link).to_be_focused()  # Escape only hides the definition

    page.keyboard.press("Tab")  # on, and back: shown again
    expect(link).not_to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(link).to_be_focused()
    assert until(lambda: is_shown(term)), "the definition is not shown again when the term is focused again"
