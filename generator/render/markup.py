"""Turn untrusted text into safe markup: HTML-escaped, with glossary links.

Article text is data, never markup: every character that HTML could read as syntax is escaped, so
`<script>` or `&amp;` reach the reader as the characters the editor typed.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex
from markupsafe import Markup

_INVISIBLE = "\u200c\u200d\u2060\ufeff"  # joiners and word joiners: shown, but not part of a word
_ASCII_SPACE = regex.compile(r"[ \t\n\r\f]+")  # what HTML collapses; a no-break space is text


def fold(text: str) -> str:
    """Collapse runs of ASCII white space, as HTML shows them, and trim."""
    folded: str = _ASCII_SPACE.sub(" ", text)
    return folded.strip()


def attr(text: str) -> Markup:
    """Escape text for a quoted HTML attribute, folding whitespace."""
    return Markup(html.escape(fold(text), quote=True))


@dataclass(frozen=True)
class Term:
    """A glossary entry as the body text may contain it."""

    id: str
    forms: tuple[str, ...]
    definition: str


def _skeleton(text: str) -> tuple[str, list[int] | None]:
    """Drop invisible joiners and read line breaks as spaces, remembering where each kept character came from.

    Where nothing is dropped (most text), the positions are the same and the map is None.
    """
    if not any(c in text for c in _INVISIBLE):
        return text.replace("\n", " "), None
    kept, where = [], []
    for i, c in enumerate(text):
        if c not in _INVISIBLE:
            kept.append(" " if c == "\n" else c)
            where.append(i)
    where.append(len(text))
    return "".join(kept), where


_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_WORD_CHAR = regex.compile(r"[\p{L}\p{M}\p{N}]")


@dataclass(frozen=True)
class TermMatcher:
    """Finds glossary terms as whole words, longest form first, ignoring case.

    Word boundaries come from `regex`'s Unicode classes: Devanagari vowel signs and viramas are part of a
    word (`re`'s `\\w` does not know that), so «संधि» is not found inside «संधियों» unless that form is
    listed. Forms are indexed by their first word (or, for a form that starts with a sign, by that sign),
    so finding them costs one pass over the text.
    """

    by_first: dict[str, tuple[tuple[int, str, Term], ...]]
    starts: regex.Pattern[str]

    def finditer(self, text: str) -> Iterator[tuple[int, int, Term]]:
        """(start, end, term) of each match, left to right, without overlaps."""
        resume = 0
        for candidate in self.starts.finditer(text):
            start = candidate.start()
            if start < resume or (start and _WORD_CHAR.match(text, start - 1)):
                continue
            for length, folded, term in self.by_first.get(candidate.group().casefold(), ()):
                end = start + length
                if text[start:end].casefold() == folded and not _WORD_CHAR.match(text, end):
                    yield start, end, term
                    resume = end
                    break


def term_pattern(terms: Sequence[Term]) -> TermMatcher | None:
    """A matcher for every form of every term (None when there are none)."""
    by_first: dict[str, list[tuple[int, str, Term]]] = {}
    signs: set[str] = set()
    for term in terms:
        for form in term.forms:
            skeleton = _skeleton(form)[0].strip()
            if not skeleton:
                continue
            first = _TOKEN.match(skeleton)
            key = first.group() if first else skeleton[0]
            if first is None:
                signs.add(skeleton[0])
            by_first.setdefault(key.casefold(), []).append((len(skeleton), skeleton.casefold(), term))
    if not by_first:
        return None
    starts = _TOKEN.pattern + ("|[" + "".join(regex.escape(c) for c in sorted(signs)) + "]" if signs else "")
    return TermMatcher({k: tuple(sorted(set(v), key=lambda c: (-c[0], c[1]))) for k, v in by_first.items()}, regex.compile(starts))


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
    skeleton, where = _skeleton(text)
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


def terms_for(entries: Iterable[tuple[str, str, Sequence[str], str]]) -> list[Term]:
    """Build Terms from (id, term, forms, definition): the term itself is always a form."""
    return [Term(i, tuple(dict.fromkeys([term, *forms])), definition) for i, term, forms, definition in entries]
