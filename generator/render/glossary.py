"""The site glossary of a locale: every term of every explainer, one entry per id, in the locale's
collation order under its letter headings, continuing on further pages.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote

from ..l10n import L10n, index_letter, sort_key
from ..localize import LocalizedArticle
from ..text import Text
from .page import Heading, Site, page, render_template
from .paging import IndexLink, pages
from .parts import OtherTermView, TermView, term_view
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
class UsedIn:
    title: Text
    href: str


@dataclass(frozen=True)
class More:
    """«and 25 more explainers», linked to a search for the term, when the list of uses is cut."""

    text: str
    href: str


@dataclass(frozen=True)
class GlossaryEntryView:
    """A term of the site glossary: its head and definition, and the explainers that use it."""

    term: TermView
    #: (title, site path of the term in the explainer), newest explainer first.
    used_in: list[tuple[Text, str]]


@dataclass(frozen=True)
class ShownEntry:
    """A glossary entry on one page: the term's view with its links relative to that page."""

    id: str
    term: Text
    translit: str | None
    translit_lang: str
    definition: Text
    others: tuple[OtherTermView, ...]
    used_in: list[UsedIn]
    more: More | None


@dataclass(frozen=True)
class LetterGroup:
    heading: Heading
    letter: str
    terms: list[ShownEntry]


def render_glossary(site: Site, views: Sequence[LocalizedArticle], locale: str) -> dict[str, str]:
    """The glossary of a locale (docs/ file → text): every term of every explainer, one entry per id, in
    collation order under letter headings; a long glossary continues on further pages."""
    l10n = site.l10n[locale]
    entries: dict[str, GlossaryEntryView] = {}
    for v in views:
        for t in v.terms:
            entry = entries.setdefault(t.id, GlossaryEntryView(term_view(site, v, t), []))
            entry.used_in.append((v.title, article_path(locale, v.slug) + f"#term-{t.id}"))
    keys = collation_keys((e.term.term for e in entries.values()), locale)
    # Headings in the locale's alphabet, plus the other locales' (a Latin term in Hindi is under its letter).
    alphabets = tuple(c for c in site.project.codes if c != locale)
    letters: dict[str, list[GlossaryEntryView]] = {}
    for entry in sorted(entries.values(), key=lambda e: keys[e.term.term]):
        letters.setdefault(index_letter(entry.term.term, locale, alphabets), []).append(entry)
    out = {}
    search_href = search_path(locale)
    for p in pages(l10n, list(letters.items()), GLOSSARY_PAGE_SIZE, lambda n: glossary_path(locale, n)):
        index = [
            IndexLink(letter, relative(p.path, glossary_path(locale, p.first_page[letter]) + "#" + letter_id(letter))) for letter in letters
        ]
        shown = [
            LetterGroup(
                Heading(letter_id(letter), letter),
                letter,
                [_shown(l10n, e, p.path, relative(p.path, search_href)) for e in group],
            )
            for letter, group in p.groups
        ]
        body = render_template("glossary.html.j2", l10n, index=index, letters=shown, pager=p.pager)
        title = p.title(l10n, l10n.gettext("Glossary"))
        description = l10n.gettext("Terms used in the explainers, with their definitions.")
        # Letters differ between languages: another language's version of this page is its whole glossary.
        path_in = lambda code, n=p.number: glossary_path(code, n if code == locale else 1)  # noqa: E731
        out[source_file(p.path)] = page(site, locale, title, description, path_in, body, [g.heading for g in shown])
    return out


def _shown(l10n: L10n, entry: GlossaryEntryView, here: str, search_href: str) -> ShownEntry:
    t = entry.term
    rest = len(entry.used_in) - USED_IN_LIMIT
    more = None
    if rest > 0:
        text = l10n.ngettext("and %(num)s more explainer", "and %(num)s more explainers", rest) % {"num": l10n.number(rest)}
        more = More(text, f"{search_href}?q={quote(str(t.term))}")
    used_in = [UsedIn(title, relative(here, path)) for title, path in entry.used_in[:USED_IN_LIMIT]]
    return ShownEntry(t.id, t.term, t.translit, t.translit_lang, t.definition, t.others, used_in, more)
