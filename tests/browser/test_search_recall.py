"""Search finds what readers type, in a real browser on the built site: a fixed list of queries, each with
the explainer it must list, and no editors' guide among readers' results.

Hindi readers type plurals and oblique forms («संधियों»), derived forms («अनुमोदित»), other spellings of
the same word (nukta or none, a nasal consonant or anusvara, ये or ए) and English names («Kursk»). The
recall over the list is printed (`pytest -s`) and must be complete.
"""

from __future__ import annotations

from urllib.parse import quote, urlsplit

from playwright.sync_api import Page, expect

TREATY = "north-korea-russia-defence-treaty"
MOON = "chandrayaan-3-moon-landing"
KOLKATA = "kolkata-port-syama-prasad-mookerjee"

#: (locale, query, explainer it must list, what the query tests).
QUERIES: list[tuple[str, str, str, str]] = [
    ("hi", "संधियों", TREATY, "oblique plural of the glossary term संधि"),
    ("hi", "संधियाँ", TREATY, "direct plural of संधि"),
    ("hi", "अनुमोदित", TREATY, "participle of अनुमोदन (a listed form)"),
    ("hi", "अनुमोदन", TREATY, "glossary headword (the term of the text since issue 19)"),
    ("hi", "सैनिकों", TREATY, "oblique plural of a word of the text"),
    ("hi", "हस्ताक्षरकर्ता", TREATY, "direct form where the text has the oblique"),
    ("hi", "ख़ुफ़िया", TREATY, "nukta where the text has none (खुफिया)"),
    ("hi", "सम्बन्ध", TREATY, "nasal consonant where the text has anusvara (संबंधों)"),
    ("hi", "चंद्र रात्रियों", MOON, "oblique plural of a two-word glossary term"),
    ("hi", "कक्षाओं", MOON, "oblique plural of an ā-stem (कक्षा)"),
    ("hi", "अन्तरिक्ष", MOON, "nasal consonant where the text has anusvara (अंतरिक्ष)"),
    ("hi", "पहुंचा", MOON, "anusvara where the text has chandrabindu (पहुँचा)"),
    ("hi", "गये", MOON, "ये where the text has ए (गए)"),
    ("hi", "लैंडरों", MOON, "oblique plural of a loanword"),
    ("hi", "Kursk", TREATY, "English name on the Hindi site"),
    ("hi", "treaty", TREATY, "English glossary term on the Hindi site"),
    ("hi", "ratification", TREATY, "English glossary term on the Hindi site"),
    ("hi", "Pyongyang", TREATY, "English place name on the Hindi site"),
    ("hi", "lander", MOON, "transliteration of a glossary term"),
    ("hi", "soft landing", MOON, "two-word English term on the Hindi site"),
    ("en", "treaties", TREATY, "English plural"),
    ("en", "ratified", TREATY, "English participle (a listed form)"),
    ("en", "landers", MOON, "English plural"),
]

#: Queries in the other script (locale, query, explainer it must list, what the query tests): a Hindi reader
#: types an English word on the Hindi site and an English reader a Hindi one, as often as the other way.
CROSS_SCRIPT: list[tuple[str, str, str, str]] = [
    ("en", "कोलकाता", KOLKATA, "Hindi place name in the headline (the English index once dropped its vowel signs)"),
    ("en", "अनुमोदित", TREATY, "Hindi participle of अनुमोदन, a listed form of the Hindi glossary term"),
    ("en", "संधि", TREATY, "Hindi glossary term"),
    ("en", "संधियों", TREATY, "oblique plural of a Hindi glossary term"),
    ("en", "चंद्रयान", MOON, "Hindi headline word"),
    ("en", "लैंडर", MOON, "Hindi glossary term"),
    ("en", "प्योंगयांग", TREATY, "Hindi place name of the glossary"),
    ("en", "मुखर्जी", KOLKATA, "Hindi personal name in the headline"),
    ("hi", "ratified", TREATY, "English listed form of a glossary term"),
    ("hi", "Kolkata", KOLKATA, "English place name in the headline"),
    ("hi", "Chandrayaan", MOON, "English headline word"),
    ("hi", "Mookerjee", KOLKATA, "English spelling of the name in the headline"),
    ("hi", "signatories", TREATY, "English listed form of a glossary term"),
    ("hi", "moonquake", MOON, "English glossary term"),
]

#: A result's own link (a result also links the sections that matched, below it).
RESULT_LINK = ".pagefind-ui__result-inner > .pagefind-ui__result-title > .pagefind-ui__result-link"
#: Pagefind's UI has answered (its list of results, empty or not, replaces the "searching" message) and has
#: drawn every result's link.
SEARCH_DONE_JS = f"""() => document.querySelector('ol.pagefind-ui__results') !== null
    && document.querySelectorAll('{RESULT_LINK}').length === document.querySelectorAll('.pagefind-ui__result').length"""


def search_results(page: Page, base_url: str, locale: str, query: str) -> list[str]:
    """The paths the locale's search page lists for a query (given in the address, as the site's own links do)."""
    page.goto(f"{base_url}/{locale}/search/?q={quote(query)}")
    page.wait_for_function(SEARCH_DONE_JS, timeout=15_000)
    return [urlsplit(href).path for href in page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")]


def test_search_recall_on_the_fixed_query_list(page: Page, base_url: str) -> None:
    found, missed, guide = 0, [], []
    for locale, query, slug, what in QUERIES:
        paths = search_results(page, base_url, locale, query)
        if f"/{locale}/{slug}/" in paths:
            found += 1
        else:
            missed.append(f"{locale} {query!r} ({what}): {paths}")
        guide += [f"{locale} {query!r}: {p}" for p in paths if "/writing/" in p]
    print(f"\nsearch recall: {found}/{len(QUERIES)}")  # noqa: T201 - the measure, for the README
    assert not missed, f"search recall {found}/{len(QUERIES)}; not found:\n" + "\n".join(missed)
    assert not guide, "the editors' guide is among readers' results:\n" + "\n".join(guide)


def test_typed_query_is_read_as_the_index_spells_it(page: Page, base_url: str) -> None:
    """A reader typing into the box (not the address) gets the same reading of the query."""
    page.goto(f"{base_url}/hi/search/")
    box = page.locator("input.pagefind-ui__search-input")
    box.click()
    box.press_sequentially("संधियों")
    expect(page.locator(f'.pagefind-ui__result-link[href$="/hi/{TREATY}/"]')).to_be_visible(timeout=15_000)


def test_editors_guide_is_in_the_footer_not_in_readers_navigation_or_search(page: Page, base_url: str) -> None:
    for query in ("संधि", "सैनिक", "Kursk", "explainer"):
        paths = search_results(page, base_url, "hi", query)
        assert not [p for p in paths if "/writing/" in p], f"searching {query!r} on /hi/ lists the editors' guide: {paths}"
    page.goto(f"{base_url}/hi/")
    nav = page.locator("nav.md-nav--primary a[href]").evaluate_all("links => links.map(a => a.href)")
    assert not [href for href in nav if urlsplit(href).path.endswith("/writing/")], f"the readers' navigation links the guide: {nav}"
    footer = page.locator("footer a.explainer-footer__guide")
    expect(footer).to_be_visible()
    footer.click()
    page.wait_for_url("**/hi/writing/")
    expect(page.locator("table.guide-fields").first).to_be_attached()


def test_search_recall_across_scripts_on_the_fixed_query_list(page: Page, base_url: str) -> None:
    """Each site finds its explainers by the other locale's words, measured both ways on a fixed list."""
    found: dict[str, int] = {"hi": 0, "en": 0}
    missed = []
    for locale, query, slug, what in CROSS_SCRIPT:
        paths = search_results(page, base_url, locale, query)
        if f"/{locale}/{slug}/" in paths:
            found[locale] += 1
        else:
            missed.append(f"{locale} {query!r} ({what}): {paths}")
    total = {loc: sum(1 for q in CROSS_SCRIPT if q[0] == loc) for loc in found}
    # The measure, for the README:
    print(f"\ncross-script recall: Hindi on /en/ {found['en']}/{total['en']}, English on /hi/ {found['hi']}/{total['hi']}")  # noqa: T201
    assert not missed, "not found:\n" + "\n".join(missed)


def test_a_hindi_word_on_the_english_site_finds_the_explainer_it_names_only(page: Page, base_url: str) -> None:
    # «कोलकाता» found the Chandrayaan and treaty explainers (by «का», «के» of their Hindi glossary terms)
    # and not the Kolkata one; an English word keeps its stemming there («treaty», «treaties»).
    assert search_results(page, base_url, "en", "कोलकाता") == [f"/en/{KOLKATA}/"]
    for query in ("treaty", "treaties"):
        assert search_results(page, base_url, "en", query) == [f"/en/{TREATY}/"], query
