"""The site glossary of a locale: every term of every explainer, one entry per id, in the locale's
collation order under its letter headings, continuing on further pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import quote

from ..l10n import index_letter, sort_key
from ..locales import L10n
from ..localize import LocalizedTerm
from ..text import Text
from .page import Heading, Site, page, render_template
from .paging import IndexLink, Page, pages, paginate
from .parts import More, TermEntry, UsedIn
from .records import ListPage, ListRecord, inputs
from .urls import article_path, glossary_path, relative, search_path, source_file

GLOSSARY_PAGE_SIZE = 100


#: Explainers listed under a term of the site glossary (the newest); search finds the others.
USED_IN_LIMIT = 10


def collation_keys(texts: Iterable[str], locale: str) -> dict[str, tuple[bytes, str]]:
    """Sort keys for glossary terms: the locale's collation by ICU (CLDR tailoring), ties by text."""
    return {text: sort_key(text, locale) for text in texts}


def letter_id(letter: str) -> str:
    """An ASCII anchor for a letter heading, the same on every build: «क» → letter-0915."""
    return "letter-" + "-".join(f"{ord(c):04x}" for c in letter)


@dataclass(frozen=True)
class _Uses:
    """A term of the site glossary while it is gathered: the term (from the newest explainer) and every explainer that uses it."""

    term: LocalizedTerm
    #: (title, site path of the term in the explainer), newest explainer first.
    used_in: list[tuple[Text, str]]
    #: Related terms from every explainer that uses the term (`see_also`), by id.
    see_also: dict[str, Text] = field(default_factory=dict)
    #: The digests of the records of the explainers that use it, in the order of `used_in`.
    keys: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class LetterGroup:
    heading: Heading
    letter: str
    terms: list[TermEntry]


def render_glossary(site: Site, records: Sequence[ListRecord], l10n: L10n) -> dict[str, ListPage]:
    """The glossary of a locale (docs/ file → page): every term of every explainer, one entry per id, in
    collation order under letter headings; a long glossary continues on further pages."""
    locale = l10n.locale.code
    entries: dict[str, _Uses] = {}
    for r in records:
        for t, related in r.terms:
            entry = entries.setdefault(t.id, _Uses(t, []))
            entry.used_in.append((r.title, article_path(locale, r.slug) + f"#term-{t.id}"))
            entry.keys.append(r.digest)
            for ref, term in related:
                entry.see_also.setdefault(ref, term)
    keys = collation_keys((e.term.term for e in entries.values()), locale)
    # Headings in the locale's alphabet, plus the other locales' (a Latin term in Hindi is under its letter).
    alphabets = tuple(c for c in site.project.codes if c != locale)
    letters: dict[str, list[_Uses]] = {}
    for entry in sorted(entries.values(), key=lambda e: keys[e.term.term]):
        letters.setdefault(index_letter(entry.term.term, locale, alphabets), []).append(entry)
    # The page of every term, for «See also» links to a term on another page of the glossary.
    where = {
        e.term.id: glossary_path(locale, n)
        for n, chunk in enumerate(paginate(list(letters.items()), GLOSSARY_PAGE_SIZE), 1)
        for _, es in chunk
        for e in es
    }
    out = {}
    for p in pages(l10n, list(letters.items()), GLOSSARY_PAGE_SIZE, lambda n: glossary_path(locale, n)):
        index = [
            IndexLink(letter, relative(p.path, glossary_path(locale, p.first_page[letter]) + "#" + letter_id(letter))) for letter in letters
        ]
        # A term shows the explainers that use it and where its related terms are: its inputs, with the page's own.
        terms = [[e.term.id, e.keys, [[ref, where.get(ref)] for ref in e.see_also]] for _, group in p.groups for e in group]
        out[source_file(p.path)] = ListPage(
            inputs(terms, p.path, [letter for letter, _ in p.groups], [[i.label, i.href] for i in index], p.pager.astuple()),
            partial(_glossary_page, site, l10n, p, index, where),
        )
    return out


def _glossary_page(site: Site, l10n: L10n, p: Page[_Uses], index: list[IndexLink], where: dict[str, str]) -> str:
    locale = l10n.locale.code
    search_href = search_path(locale)
    shown = [
        LetterGroup(
            Heading(letter_id(letter), letter),
            letter,
            [_shown(l10n, e, p.path, relative(p.path, search_href), where) for e in group],
        )
        for letter, group in p.groups
    ]
    body = render_template("glossary.html.j2", l10n, index=index, letters=shown, pager=p.pager)
    title = p.title(l10n, l10n.gettext("Glossary"))
    description = l10n.gettext("Terms used in the explainers, with their definitions.")
    # Letters differ between languages: another language's version of this page is its whole glossary.
    path_in = lambda code, n=p.number: glossary_path(code, n if code == locale else 1)  # noqa: E731
    return page(site, l10n, title, description, path_in, body, [g.heading for g in shown])


def _shown(l10n: L10n, entry: _Uses, here: str, search_href: str, where: dict[str, str]) -> TermEntry:
    t = entry.term
    rest = len(entry.used_in) - USED_IN_LIMIT
    more = None
    if rest > 0:
        text = l10n.ngettext("and %(num)s more explainer", "and %(num)s more explainers", rest) % {"num": l10n.number(rest)}
        more = More(text, f"{search_href}?q={quote(str(t.term))}")
    used_in = tuple(UsedIn(title, relative(here, path)) for title, path in entry.used_in[:USED_IN_LIMIT])
    related = tuple((_term_href(here, where[ref], ref), term) for ref, term in entry.see_also.items() if ref in where)
    return TermEntry(t, related, used_in, more)


def _term_href(here: str, page_path: str, ref: str) -> str:
    """A term's address from this page: its anchor, on this page or the page of the glossary it is on."""
    return f"#term-{ref}" if page_path == here else f"{relative(here, page_path)}#term-{ref}"
