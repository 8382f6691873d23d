"""Rendering untrusted text: escaped, with whole-word glossary links."""

from __future__ import annotations

from generator.render.markup import link_terms
from generator.terms import term_pattern, terms_for

TERMS = terms_for(
    [
        ("treaty", "संधि", ["संधियों"], "देशों के बीच समझौता"),
        ("kursk-region", "कुर्स्क क्षेत्र", [], "रूस का एक प्रांत"),
        ("sanctions", "sanctions", ["sanction"], 'Penalties "with quotes" & <tags>'),
    ]
)


def link(text: str, linked: set[str] | None = None) -> str:
    return str(link_terms(text, TERMS, term_pattern(TERMS), set() if linked is None else linked))


def linked_term(term_id: str, definition: str, text: str) -> str:
    """A linked term: its definition in the wrapper's attribute (no `title`), described by its glossary entry."""
    return (
        f'<span class="glossary-term" data-definition="{definition}"><a class="glossary-link" href="#term-{term_id}" '
        f'aria-describedby="term-{term_id}-definition">{text}</a></span>'
    )


def test_a_term_is_linked_with_its_definition_as_tooltip() -> None:
    assert link("यह संधि है") == f"यह {linked_term('treaty', 'देशों के बीच समझौता', 'संधि')} है"
    assert "title=" not in link("यह संधि है")  # Material's content.tooltips read titles as HTML


def test_listed_inflections_are_linked_but_not_parts_of_longer_words() -> None:
    assert link("संधियों पर") == f"{linked_term('treaty', 'देशों के बीच समझौता', 'संधियों')} पर"
    # «संधियाँ» is not a listed form; «संधि» inside it must not match (vowel signs are word characters).
    assert link("संधियाँ और अनुसंधि") == "संधियाँ और अनुसंधि"


def test_only_the_first_occurrence_in_a_section_is_linked() -> None:
    linked: set[str] = set()
    first = link("संधि और संधि", linked)
    assert first.count("<a ") == 1
    assert link("फिर संधि", linked) == "फिर संधि"


def test_multi_word_terms_and_zero_width_joiners_match() -> None:
    assert 'href="#term-kursk-region"' in link("कुर्स्क क्षेत्र में")
    # A zero-width non-joiner inside the word is kept in the text but does not stop the match.
    out = link("कु\u200cर्स्क क्षेत्र")
    assert 'href="#term-kursk-region"' in out
    assert "कु\u200cर्स्क क्षेत्र</a>" in out


def test_latin_terms_match_case_insensitively_and_titles_are_escaped() -> None:
    out = link("Sanctions were imposed")
    assert out == (linked_term("sanctions", "Penalties &quot;with quotes&quot; &amp; &lt;tags&gt;", "Sanctions") + " were imposed")


def test_markup_in_text_is_escaped() -> None:
    assert link('<script>alert("x")</script> संधि').startswith('&lt;script&gt;alert("x")&lt;/script&gt; <span ')
