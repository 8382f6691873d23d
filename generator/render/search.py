"""The search page of a locale (Pagefind's UI over the locale's own index), and what an explainer adds to the index.

Pagefind matches a query word against the start of indexed words, so a reader typing a word's bare form
finds its inflections, but not the reverse: «संधियों» does not find a page that only says «संधि», nor
«अनुमोदित» one that says «अनुमोदन», nor «Kursk» a Hindi page. Two halves close the gap, both from the
tables below:

- the index: each explainer also indexes, out of view, its headline in the other locales, its glossary
  terms as every locale writes them (headword, the forms the data lists, transliteration) and the plain spelling of every word of its text
  (`search_forms`); the search page never shows that text in a result's excerpt (search.html.j2);
- the query: the search page writes each word of a query in the same plain spelling and drops a plural
  or participle ending before Pagefind sees it (`query_rules`, applied by the page's script).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

import regex
from markupsafe import Markup

from ..locales import L10n
from ..localize import LocalizedArticle
from ..shards import ONE_SHARD, Shard
from .page import Site, page, render_template
from .publish import script_json
from .urls import search_path

#: Spellings of the same Hindi word that readers type interchangeably, as (pattern, replacement) pairs
#: applied in order to one word; the result is its "plain" spelling. The patterns are written so that
#: Python's `re` and JavaScript's RegExp (flag "u") read them alike: the search page applies the same
#: pairs to the query. Invisible joiners go; a nukta goes (ज़ → ज); chandrabindu becomes anusvara (ँ → ं);
#: a nasal consonant before a consonant of its own class becomes anusvara (सम्बन्ध → संबंध); a final
#: ये/यी after a letter becomes ए/ई (गये → गए, नयी → नई).
PLAIN_SPELLING: tuple[tuple[str, str], ...] = (
    ("[\u200c\u200d]", ""),
    ("\u093c", ""),
    ("\u0901", "\u0902"),
    ("\u0919\u094d(?=[\u0915-\u0918])", "\u0902"),
    ("\u091e\u094d(?=[\u091a-\u091d])", "\u0902"),
    ("\u0923\u094d(?=[\u091f-\u0922])", "\u0902"),
    ("\u0928\u094d(?=[\u0924-\u0927])", "\u0902"),
    ("\u092e\u094d(?=[\u092a-\u092d])", "\u0902"),
    ("(?<=[\u0900-\u097f])\u092f\u0947$", "\u090f"),
    ("(?<=[\u0900-\u097f])\u092f\u0940$", "\u0908"),
)

#: Endings the search page drops from a query word (after PLAIN_SPELLING), longest first, with the least
#: number of characters that must remain: plurals and oblique plurals whose letters Pagefind would
#: otherwise look for (संधियों → संध, finds संधि; कक्षाओं → कक्ष, finds कक्षा), and the participle -इत
#: (अनुमोदित → अनुमोद, finds अनुमोदन). What remains is the start of the word, which Pagefind completes.
QUERY_ENDINGS: tuple[tuple[str, int], ...] = (
    ("\u093f\u092f\u094b\u0902", 2),  # -ियों
    ("\u093f\u092f\u093e\u0902", 2),  # -ियां (and -ियाँ, once plain)
    ("\u093e\u0913\u0902", 2),  # -ाओं
    ("\u093e\u090f\u0902", 2),  # -ाएं
    ("\u0941\u0913\u0902", 2),  # -ुओं
    ("\u0941\u090f\u0902", 2),  # -ुएं
    ("\u0942\u0913\u0902", 2),  # -ूओं
    ("\u0913\u0902", 2),  # -ओं
    ("\u090f\u0902", 2),  # -एं
    ("\u093f\u0924", 4),  # -इत
)

#: Scripts whose combining marks are letters (vowel signs, virama, anusvara): Pagefind 1.5 drops every
#: combining mark from indexed words and queries (so that "cafe" finds "café"), which in these scripts
#: leaves a word's consonants only: «संधि» then also finds «सुधार» and «सीधे». Their search pages ask
#: Pagefind to match the letters as written (`exactDiacritics`); the spellings readers mix up are made
#: equal by PLAIN_SPELLING instead, on both sides.
MARKS_ARE_LETTERS = frozenset({"Deva", "Beng", "Guru", "Gujr", "Orya", "Taml", "Telu", "Knda", "Mlym", "Sinh"})

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}\u200c\u200d]+")
_PLAIN = tuple((re.compile(pattern), replacement) for pattern, replacement in PLAIN_SPELLING)


def plain(word: str) -> str:
    """A word in the spelling the search index always holds (see PLAIN_SPELLING)."""
    for pattern, replacement in _PLAIN:
        word = pattern.sub(replacement, word)
    return word


def _text_words(view: LocalizedArticle) -> Iterator[str]:
    """The words of what the explainer's page gives Pagefind: title, headings, text, notes, claims."""
    texts: list[str] = [view.title, view.summary]
    for section in view.sections:
        texts.extend(([section.heading] if section.heading else []) + [p.text for p in section.paragraphs])
    texts.extend(n.text for n in view.notes)
    texts.extend(c.text for c in view.claims)
    for text in texts:
        yield from _WORD.findall(text)


def _term_words(view: LocalizedArticle) -> Iterator[str]:
    """The explainer's headline in the other locales, and every glossary term of it as each locale writes
    it, with the forms the data lists for it.

    Only those: a form made from a word's ending («पुतिन» → «पुतिनें», «समझौता» → «समझौताएँ») is a
    non-word for a name or a noun of another class, and the query side finds inflections anyway
    (QUERY_ENDINGS).
    """
    for title in view.other_titles:  # «कोलकाता» on the English site finds the Kolkata explainer
        yield from _WORD.findall(title)
    for term in view.terms:
        names = [term.term, *term.forms, *(name for o in term.others for name in (o.term, *o.forms))]
        latin = [t for t in (term.transliteration, *(o.transliteration for o in term.others)) if t]
        for name in (*names, *latin):
            yield from _WORD.findall(name)


def search_forms(view: LocalizedArticle) -> str:
    """What an explainer's page adds to the search index, out of view: the words a reader may type for
    it that its text does not contain as such (see the module's docstring). Space-separated, in a
    fixed order; empty when there are none."""
    seen = set(_text_words(view))
    out: dict[str, None] = {}
    for word in _chain(_term_words(view), seen):
        for form in (word, plain(word)):
            if form not in seen and form not in out:
                out[form] = None
    return " ".join(out)


def _chain(terms: Iterable[str], text_words: set[str]) -> Iterator[str]:
    """The glossary's words, then the text's in a fixed order: their plain spellings are what is added."""
    yield from terms
    yield from sorted(text_words)


def query_rules() -> dict[str, object]:
    """The tables the search page's script applies to a query (see `plain` and QUERY_ENDINGS)."""
    return {"plain": [list(pair) for pair in PLAIN_SPELLING], "endings": [list(pair) for pair in QUERY_ENDINGS]}


def render_search(site: Site, l10n: L10n, shards: tuple[Shard, ...] = ONE_SHARD) -> str:
    """The search page of a locale: Pagefind's UI over this locale's index (all its shards), loaded only here."""
    options: dict[str, object] = {
        "element": "#search",
        "showSubResults": True,
        "showImages": False,
        "translations": {"placeholder": str(l10n.gettext("Search the explainers")), "search_label": str(l10n.gettext("Search"))},
    }
    # Not on the other locales' pages: there Pagefind's exact mode loses English words that its stemmer
    # changes («treaty» found nothing on /en/ with it). A Hindi word on the English site finds what indexes
    # it whole (the headline and glossary in the other locales, search_forms), no longer one letter of it.
    if l10n.locale.script in MARKS_ARE_LETTERS:
        options["exactDiacritics"] = True
    # The other shards' indexes, merged by Pagefind into one list of results. Each merged index takes only the options
    # given with it (Pagefind 1.5 sets the UI's on the main index alone). Relative to the search page: its script makes
    # them absolute.
    exact = {"exactDiacritics": True} if "exactDiacritics" in options else {}
    merged = [{"bundlePath": f"../{s.bundle}/", **exact} for s in shards if not s.main]
    if merged:
        options["mergeIndex"] = merged
    body = render_template(
        "search.html.j2", l10n, options=Markup(script_json(options)), rules=Markup(script_json(query_rules())), sharded=bool(merged)
    )
    title = l10n.gettext("Search")
    description = l10n.gettext("Search the explainers.")
    return page(site, l10n, title, description, search_path, body)
