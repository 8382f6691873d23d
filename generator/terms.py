"""PURE: glossary terms found in text as whole words, in any script (used by the renderers and by lint)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import regex

_INVISIBLE = "\u200c\u200d\u2060\ufeff"  # joiners and word joiners: shown, but not part of a word


@dataclass(frozen=True)
class Term:
    """A glossary entry as the body text may contain it."""

    id: str
    forms: tuple[str, ...]
    definition: str


def skeleton_of(text: str) -> tuple[str, list[int] | None]:
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
            skeleton = skeleton_of(form)[0].strip()
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


def terms_for(entries: Iterable[tuple[str, str, Sequence[str], str]]) -> list[Term]:
    """Build Terms from (id, term, forms, definition): the term itself is always a form."""
    return [Term(i, tuple(dict.fromkeys([term, *forms])), definition) for i, term, forms, definition in entries]
