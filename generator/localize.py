"""The localized view: one frozen, typed object per article and locale, built once, read by every renderer.

An article's language-neutral half (article.yaml) and its text (<locale>.yaml) are joined here, and only
here, by id: each text is taken from the locale's translation or, missing that, from the first locale of
the fallback chain that has it, and remembers where it came from (`Text.origin`) and whether it is stale.
Templates, JSON-LD, feeds, lint and the status report read this view, never the raw files.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import Literal

from .dates import PartialDate, Timestamp
from .l10n import transliteration_tag
from .model import (
    AlternativeDate,
    Article,
    Claim,
    Divergence,
    Figure,
    GlossaryEntry,
    ImageInfo,
    KeyFact,
    LocaleFile,
    Note,
    Source,
    TimelineEvent,
)
from .text import Text
from .translation import original_print, source_fingerprints, text_fields

#: A locale's BCP 47 tag and direction, by locale code: what a Text needs to mark its language.
Langs = Mapping[str, tuple[str, Literal["ltr", "rtl"]]]


@dataclass(frozen=True)
class SourceRef:
    """A citation: the source's anchor on the article page, its publisher and its number in the list."""

    id: str
    label: str
    number: int


@dataclass(frozen=True)
class LocalizedParagraph:
    id: str
    text: Text
    #: The verbatim quotations marked in the locale the text comes from: never linked.
    verbatim: tuple[str, ...]
    #: Why the locale's translation leaves this paragraph out (its text is then the original's), or None.
    omitted: str | None = None


@dataclass(frozen=True)
class LocalizedSection:
    id: str
    heading: Text | None
    paragraphs: tuple[LocalizedParagraph, ...]


@dataclass(frozen=True)
class OtherTerm:
    """The same glossary term as another locale of the site writes it."""

    code: str
    lang: str
    term: str
    transliteration: str | None
    #: The tag of the transliteration: hi-Latn.
    transliteration_lang: str
    #: Further forms as they occur in that locale's text (its inflections, as the data lists them).
    forms: tuple[str, ...] = ()


@dataclass(frozen=True)
class LocalizedTerm:
    id: str
    term: Text
    #: Further forms as they occur in the text of the term's own locale (inflections).
    forms: tuple[str, ...]
    transliteration: str | None
    #: The tag of the transliteration: hi-Latn for a Hindi term.
    transliteration_lang: str
    definition: Text
    see_also: tuple[str, ...]
    sources: tuple[SourceRef, ...]
    others: tuple[OtherTerm, ...]


@dataclass(frozen=True)
class LocalizedAlternative:
    """Another date some sources report for an event, with their citations resolved."""

    data: AlternativeDate
    sources: tuple[SourceRef, ...]

    @property
    def date(self) -> PartialDate:
        return self.data.date


@dataclass(frozen=True)
class LocalizedEvent:
    data: TimelineEvent
    label: Text
    description: Text
    #: Why the locale's translation leaves this event out (its text is then the original's), or None.
    omitted: str | None = None
    #: Its sources, as the article cites them.
    sources: tuple[SourceRef, ...] = ()
    #: Other dates some sources report, with their citations.
    alternatives: tuple[LocalizedAlternative, ...] = ()

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def date(self) -> PartialDate:
        return self.data.date

    @property
    def end(self) -> PartialDate | None:
        return self.data.end

    @property
    def forecast(self) -> bool:
        """A prediction for its date, not an event that happened."""
        return self.data.status == "forecast"

    @property
    def order(self) -> tuple[int, bool, dt.date, dt.date]:
        """Where it goes in a timeline: by date, and a forecast after the events of its year, so that a prediction
        for 2026 never reads as the newest thing that happened in 2026."""
        return (self.date.first_day.year, self.forecast, self.date.first_day, self.date.last_day)


@dataclass(frozen=True)
class LocalizedFact:
    data: KeyFact
    label: Text
    #: The date shown: the fact's own, or its timeline event's (a date is stated once, in the timeline).
    date: PartialDate | None
    sources: tuple[SourceRef, ...] = ()

    @property
    def id(self) -> str:
        return self.data.id


@dataclass(frozen=True)
class LocalizedNote:
    """An editor's note as readers see it: one of the article's notes, or an accepted divergence's note."""

    data: Note
    text: Text
    sources: tuple[SourceRef, ...] = ()

    @property
    def id(self) -> str:
        return self.data.id

    @property
    def kind(self) -> Literal["correction", "clarification"]:
        return self.data.kind

    @property
    def paragraph(self) -> str | None:
        return self.data.paragraph

    @property
    def date(self) -> PartialDate | None:
        return self.data.date


@dataclass(frozen=True)
class LocalizedClaim:
    data: Claim
    text: Text
    sources: tuple[SourceRef, ...] = ()

    @property
    def id(self) -> str:
        return self.data.id


@dataclass(frozen=True)
class Byline:
    """A writer or translator, named as the page's locale writes the name (else as the original does: `name.fallback`)."""

    name: Text
    organization: bool = False
    #: Their page (a profile, the agency's site): the byline links to it; JSON-LD and the feed give it.
    url: str | None = None


@dataclass(frozen=True)
class LocalizedDivergence:
    """A difference from the original that an editor accepted in this locale's translation (issue 14)."""

    #: The text's path, as `texts()` names it.
    path: str
    data: Divergence
    #: What readers see next to the paragraph, in the locale; None where the difference is only recorded.
    note: Text | None


@dataclass(frozen=True)
class LocalizedFigure:
    data: Figure
    #: None for a caption-only figure (its image is not available).
    image: ImageInfo | None
    #: Required in the original: a fallback alt text is marked with its language like any text.
    alt: Text
    caption: Text | None


@dataclass(frozen=True)
class LocalizedArticle:
    """An explainer as one locale shows it."""

    article: Article
    locale: str
    title: Text
    summary: Text
    sections: tuple[LocalizedSection, ...]
    #: In the order of article.yaml; renderers sort them by date.
    events: tuple[LocalizedEvent, ...]
    terms: tuple[LocalizedTerm, ...]
    facts: tuple[LocalizedFact, ...]
    notes: tuple[LocalizedNote, ...]
    claims: tuple[LocalizedClaim, ...]
    #: The locales some text comes from instead of this one, in fallback order.
    fallback_locales: tuple[str, ...]
    #: Paths (as `texts()` names them) of translations older than the original they translate.
    stale: tuple[str, ...]
    #: The lead under the headline, when the original has one.
    standfirst: Text | None = None
    #: Who wrote the explainer, and who translated this locale's text (none on the original's page).
    authors: tuple[Byline, ...] = ()
    translators: tuple[Byline, ...] = ()
    #: Paths of the texts the locale's translation leaves out on purpose: shown in the original, not missing.
    omitted: tuple[str, ...] = ()
    #: Differences from the original accepted in the locale's own translation, in the file's order.
    divergences: tuple[LocalizedDivergence, ...] = ()
    #: In the order of article.yaml; the page places each after its paragraph, the lead first.
    figures: tuple[LocalizedFigure, ...] = ()
    #: Every text by its path (translation.text_fields), in the original's order: status and lint read them so.
    by_path: tuple[tuple[str, Text], ...] = ()
    #: The headline as the other locales of `others` write it (search finds a page by any of them).
    other_titles: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return self.article.slug

    @property
    def original(self) -> str:
        return self.article.data.original

    @property
    def published(self) -> Timestamp:
        """The publication, knowing how much of it the desk knows (a page shows only the month when that is all)."""
        return replace(self.article.data.published, known=self.article.data.published_known)

    @property
    def updated(self) -> Timestamp | None:
        return self.article.data.updated

    @property
    def sources(self) -> Sequence[Source]:
        return self.article.data.sources

    def cite(self, ids: Iterable[str]) -> tuple[SourceRef, ...]:
        """The citations of the sources with these ids, numbered as the article's list of sources: resolved once a view."""
        return tuple(self._citations[i] for i in ids)

    @cached_property
    def _citations(self) -> dict[str, SourceRef]:
        return citations(self.article)

    @cached_property
    def divergence_notes(self) -> tuple[LocalizedNote, ...]:
        """Accepted divergences with a note for readers, as clarifications of their paragraphs (issue 14)."""
        # Built from validated data: the note's id may be longer than an editor's, so it is not validated again.
        return tuple(
            LocalizedNote(
                Note.model_construct(
                    id=f"divergence-{d.path.rsplit('.', 1)[1]}",
                    kind="clarification",
                    date=d.data.date,
                    paragraph=d.path.rsplit(".", 1)[1],
                    sources=[],
                ),
                d.note,
            )
            for d in self.divergences
            if d.note is not None
        )

    @property
    def translated(self) -> bool:
        """The locale has a text file for this article (else the page is wholly a fallback)."""
        return self.locale in self.article.texts

    def texts(self) -> Iterator[tuple[str, Text]]:
        """(path, text) of every text of the article, in the original's order; paths name them for fingerprints."""
        return iter(self.by_path)


def localize(
    article: Article, locale: str, chain: Sequence[str] = (), langs: Langs | None = None, others: Sequence[str] = ()
) -> LocalizedArticle:
    """The article in `locale`: every text from its translation or, missing that, from the first locale of
    `chain` (then the original) that has it.

    `langs` gives each locale code its (BCP 47 tag, direction) (by default, the code and left to right:
    enough where no page is made); `others` are the locales whose spelling of each glossary term the page
    shows next to it.
    """
    langs = langs or _Plain()
    original = article.data.original
    order = list(dict.fromkeys([locale, *chain, original]))
    files = {code: article.texts[code] for code in order if code in article.texts}
    fields = {code: {path: value for path, _, value in text_fields(article, text)} for code, text in files.items()}
    # Only a translation can be stale: fingerprints record which version of the original it translates.
    sources = source_fingerprints(article) if locale != original and locale in files else {}
    used: list[str] = []
    stale: list[str] = []
    # Texts the locale's own translation leaves out: the original's, marked, and no fallback (nothing is missing).
    omitted = files[locale].omitted() if locale != original and locale in files else {}

    def resolve(path: str) -> Text:
        if path in omitted:
            lang, direction = langs[original]
            return Text(fields[original][path] or "", original, lang, direction, fallback=True)
        for code, values in fields.items():
            found = values.get(path)
            if not found:
                continue
            is_stale = code == locale != original and original_print(files[code].fingerprints.get(path)) != sources.get(path)
            lang, direction = langs[code]
            if code != locale and code not in used:
                used.append(code)
            if is_stale:
                stale.append(path)
            return Text(found, code, lang, direction, fallback=code != locale, stale=is_stale)
        raise AssertionError(f"{article.folder}: no locale has {path}; validation lets no original text be missing")

    # Every text resolved once, in the original's order; the structures below take theirs by path.
    resolved = {path: resolve(path) for path in fields[original]}
    text = resolved.__getitem__

    sections = []
    for s in files[original].sections:
        heading = text(f"sections.{s.id}.heading") if s.heading is not None else None
        paragraphs = []
        for p in s.paragraphs:
            body = text(f"sections.{s.id}.{p.id}")
            path = f"sections.{s.id}.{p.id}"
            paragraphs.append(LocalizedParagraph(p.id, body, _verbatim(files[body.code], s.id, p.id), omitted.get(path)))
        sections.append(LocalizedSection(s.id, heading, tuple(paragraphs)))
    title, summary = text("title"), text("summary")
    standfirst = text("standfirst") if files[original].standfirst is not None else None
    cited = citations(article)
    events = tuple(
        LocalizedEvent(
            e,
            text(f"timeline.{e.id}.label"),
            text(f"timeline.{e.id}.description"),
            omitted.get(f"timeline.{e.id}.label"),
            tuple(cited[i] for i in e.sources),
            tuple(LocalizedAlternative(a, tuple(cited[i] for i in a.sources)) for a in e.alternatives),
        )
        for e in article.data.timeline
    )
    terms = tuple(_term(g, resolved, article, others, langs, cited) for g in article.data.glossary)
    dates = {e.id: e.date for e in article.data.timeline}
    facts = tuple(
        LocalizedFact(
            f, text(f"key_facts.{f.id}.label"), dates[f.event] if f.event is not None else f.date, tuple(cited[i] for i in f.sources)
        )
        for f in article.data.key_facts
    )
    notes = tuple(LocalizedNote(n, text(f"notes.{n.id}.text"), tuple(cited[i] for i in n.sources)) for n in article.data.notes)
    claims = tuple(LocalizedClaim(c, text(f"claims.{c.id}.text"), tuple(cited[i] for i in c.sources)) for c in article.data.claims)
    figures = tuple(
        LocalizedFigure(
            f,
            article.images[f.file] if f.file is not None else None,
            text(f"figures.{f.id}.alt"),
            resolved.get(f"figures.{f.id}.caption"),
        )
        for f in article.data.figures
    )
    return LocalizedArticle(
        article=article,
        locale=locale,
        title=title,
        summary=summary,
        sections=tuple(sections),
        events=events,
        terms=terms,
        facts=facts,
        notes=notes,
        claims=claims,
        fallback_locales=tuple(c for c in files if c in used),
        stale=tuple(stale),
        standfirst=standfirst,
        authors=_authors(article, order, langs),
        translators=tuple(
            Byline(Text(t.name, locale, *langs[locale]), t.organization, t.url)
            for t in (files[locale].translators if locale in files and locale != original else ())
        ),
        omitted=tuple(omitted),
        divergences=_divergences(files[locale], locale, langs) if locale != original and locale in files else (),
        figures=figures,
        by_path=tuple(resolved.items()),
        other_titles=tuple(t for code in others if code in article.texts and (t := article.texts[code].title)),
    )


def _divergences(text: LocaleFile, code: str, langs: Langs) -> tuple[LocalizedDivergence, ...]:
    """The accepted divergences of a translation; their notes are in its own language."""
    lang, direction = langs[code]
    return tuple(
        LocalizedDivergence(path, d, Text(d.note, code, lang, direction) if d.note is not None else None)
        for path, d in text.divergences.items()
    )


def _authors(article: Article, order: Sequence[str], langs: Langs) -> tuple[Byline, ...]:
    """Each author's name in the first locale of `order` (the page's, its fallbacks, the original) that spells it."""
    out = []
    for author in article.data.authors:
        code = next((c for c in order if c in author.name), article.data.original)
        out.append(Byline(Text(author.name[code], code, *langs[code], fallback=code != order[0]), author.organization, author.url))
    return tuple(out)


class _Plain(dict[str, tuple[str, Literal["ltr", "rtl"]]]):
    """Langs for a view that no page shows (status, lint): every code as itself, left to right."""

    def __missing__(self, code: str) -> tuple[str, Literal["ltr", "rtl"]]:
        return code, "ltr"


def _verbatim(text: LocaleFile, section_id: str, paragraph_id: str) -> tuple[str, ...]:
    for section in text.sections:
        if section.id == section_id:
            return next((tuple(p.verbatim) for p in section.paragraphs if p.id == paragraph_id), ())
    return ()


def citations(article: Article) -> dict[str, SourceRef]:
    """Every source of the article as a citation, by id, numbered in the order of the list of sources."""
    return {s.id: SourceRef(s.id, s.publisher, n) for n, s in enumerate(article.data.sources, 1)}


def _term(
    entry: GlossaryEntry, texts: Mapping[str, Text], article: Article, others: Sequence[str], langs: Langs, cited: Mapping[str, SourceRef]
) -> LocalizedTerm:
    """A glossary term: its forms and transliteration are those of the locale its term comes from."""
    term = texts[f"glossary.{entry.id}.term"]
    own = article.texts[term.code].glossary[entry.id]
    return LocalizedTerm(
        id=entry.id,
        term=term,
        forms=tuple(own.forms),
        transliteration=own.transliteration,
        transliteration_lang=transliteration_tag(term.code),
        definition=texts[f"glossary.{entry.id}.definition"],
        see_also=tuple(entry.see_also),
        sources=tuple(cited[i] for i in entry.sources),
        others=tuple(
            OtherTerm(code, langs[code][0], other.term, other.transliteration, transliteration_tag(code), tuple(other.forms))
            for code in others
            if code in article.texts and (other := article.texts[code].glossary.get(entry.id)) is not None and other.term
        ),
    )
