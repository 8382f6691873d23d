"""Turn untrusted text into safe markup: HTML-escaped, with glossary links.

Article text is data, never markup: every character that HTML could read as syntax is escaped, so
`<script>` or `&amp;` reach the reader as the characters the editor typed.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import regex
from markupsafe import Markup

from ..terms import Term, TermMatcher, skeleton_of

_ASCII_SPACE = regex.compile(r"[ \t\n\r\f]+")  # what HTML collapses; a no-break space is text


def fold(text: str) -> str:
    """Collapse runs of ASCII white space, as HTML shows them, and trim."""
    folded: str = _ASCII_SPACE.sub(" ", text)
    return folded.strip()


def attr(text: str) -> Markup:
    """Escape text for a quoted HTML attribute, folding whitespace."""
    return Markup(html.escape(fold(text), quote=True))


def link_terms(
    text: str,
    terms: Sequence[Term],
    pattern: TermMatcher | None,
    linked: set[str],
    href: str = "#term-{id}",
    verbatim: Sequence[str] = (),
    described_by: str = "term-{id}-definition",
) -> Markup:
    """Escape a paragraph and link the first occurrence of each term not yet in `linked` (updated).

    Nothing is linked inside a quotation the editor marked as verbatim.

    The definition travels as an attribute of the term's wrapper, which the stylesheet shows on hover
    and keyboard focus with `content: attr(data-definition)`: CSS generated content is always text, so
    no definition can become markup, and it is not page text (search and reader views skip it). The
    link's accessible description is the entry of the page's glossary (`described_by`). No `title`:
    Material's `content.tooltips` (off) put titles into its tooltips as HTML.
    """
    text = text.replace("\n", " ")  # a line break in a raw HTML block could end it; in HTML it is a space
    if pattern is None:
        return Markup(html.escape(text, quote=False))
    quoted = [(m.start(), m.end()) for q in verbatim if q for m in regex.finditer(regex.escape(q), text)]
    skeleton, where = skeleton_of(text)
    out, last = [], 0
    for match_start, match_end, term in pattern.finditer(skeleton):
        if term.id in linked:
            continue
        start, end = (where[match_start], where[match_end - 1] + 1) if where else (match_start, match_end)
        if any(start < q_end and q_start < end for q_start, q_end in quoted):
            continue  # inside a verbatim quotation: a later occurrence may be linked
        linked.add(term.id)
        out.append(html.escape(text[last:start], quote=False))
        out.append(
            f'<span class="glossary-term" data-definition="{attr(term.definition)}">'
            f'<a class="glossary-link" href="{attr(href.format(id=term.id))}" aria-describedby="{attr(described_by.format(id=term.id))}">'
            f"{html.escape(text[start:end], quote=False)}</a></span>"
        )
        last = end
    out.append(html.escape(text[last:], quote=False))
    return Markup("".join(out))
