"""What a search result shows a reader is the explainer's own text: never the words it indexes only to be found
(its glossary in every spelling), nor runs of citation numbers (issue 18, item 2).

In Chromium on the built site, a Hinglish or English query on /hi/search/ (and a Hindi one on /en/search/)
that matches only those index-only words still lists the explainer, with an excerpt of its text.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page

from .test_search_recall import SEARCH_DONE_JS, TREATY

#: Queries that matched the hidden glossary-form lists and made excerpts of them; and one found in the text.
QUERIES = [
    ("hi", "sandhi"),
    ("hi", "samjhauta"),
    ("hi", "treaty"),
    ("hi", "ratification"),
    ("hi", "putin"),
    ("hi", "Kursk"),
    ("hi", "संधि"),
    ("en", "संधि"),
    ("en", "अनुमोदन"),  # the Hindi glossary's term for ratification (one term since 6 December 2026)
]
CITATION_RUN = re.compile(r"\[\d+\]")


def _shingles(words: list[str], size: int = 3) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


@pytest.mark.parametrize(("locale", "query"), QUERIES)
def test_a_result_excerpt_shows_the_explainers_text_not_its_index_only_words(page: Page, base_url: str, locale: str, query: str) -> None:
    page.goto(f"{base_url}/{locale}/{TREATY}/")
    forms = (page.locator("#search-forms").get_attribute("data-forms") or "").split()
    assert len(forms) > 20, "the explainer indexes no glossary forms"
    page.goto(f"{base_url}/{locale}/search/?q={quote(query)}")
    page.wait_for_function(SEARCH_DONE_JS, timeout=15_000)
    result = page.locator(".pagefind-ui__result").filter(has=page.locator(f'a.pagefind-ui__result-link[href$="/{locale}/{TREATY}/"]'))
    assert result.count() == 1, f"{query!r} does not find the explainer"
    excerpts = [" ".join(e.split()) for e in result.first.locator(".pagefind-ui__result-excerpt").all_inner_texts()]
    assert excerpts and all(excerpts), f"{query!r}: the result shows no excerpt"
    hidden = _shingles(forms)
    for excerpt in excerpts:
        leaked = _shingles(excerpt.split()) & hidden
        assert not leaked, f"{query!r}: the excerpt shows index-only words {sorted(leaked)[:3]}: {excerpt}"
        assert not CITATION_RUN.search(excerpt), f"{query!r}: the excerpt shows citation numbers: {excerpt}"


def test_a_match_in_the_text_is_marked_in_the_excerpt(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/hi/search/?q={quote('संधि')}")
    page.wait_for_function(SEARCH_DONE_JS, timeout=15_000)
    marks = page.locator(".pagefind-ui__result-excerpt mark").all_inner_texts()
    assert "संधि" in marks, marks
