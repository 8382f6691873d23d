"""What needs a real browser: the timeline filter without JavaScript, and the printed page."""

from __future__ import annotations

from playwright.sync_api import Browser

SLUG = "north-korea-russia-defence-treaty"


def test_the_timeline_filter_works_without_javascript(browser: Browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{base_url}/en/{SLUG}/")
        total = page.locator("ol.timeline > li").count()
        assert total >= 16 and page.locator("ol.timeline > li:visible").count() == total
        page.click("nav.timeline-filter >> text=Military")
        assert page.url.endswith("#timeline-military")
        visible = page.locator("ol.timeline > li:visible")
        military = page.locator("ol.timeline > li.timeline__event--military").count()
        assert 0 < military < total and visible.count() == military
        assert set(visible.locator(".timeline__group").all_inner_texts()) == {"Military"}
        page.click("nav.timeline-filter >> text=All events")
        assert page.locator("ol.timeline > li:visible").count() == total
    finally:
        context.close()


def test_the_printed_article_keeps_the_text_timeline_and_glossary_without_site_furniture(browser: Browser, base_url: str) -> None:
    page = browser.new_page()
    try:
        page.goto(f"{base_url}/hi/{SLUG}/")
        page.emulate_media(media="print")
        for hidden in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer", ".timeline-filter"):
            assert not page.locator(hidden).first.is_visible(), hidden
        for shown in ("article h1", "p#p-troops", "ol.timeline", "dl.glossary", "ol.sources", "aside.editor-note"):
            assert page.locator(shown).first.is_visible(), shown
        after = page.evaluate("getComputedStyle(document.querySelector('ol.sources a'), '::after').content")
        assert after.startswith('" <http')
        pdf = page.pdf(format="A4")
        assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    finally:
        page.close()
