"""Translations of article text: which texts exist, which are missing, which are stale, and fallback.

Every translatable text has a path, the same in every locale ("title", "sections.lead.ratified",
"timeline.treaty-signed.label" …). A translation records, for each text it translates, the fingerprint
of the original text (`fingerprints:`, written by `make confirm`); when the original changes, the
fingerprints differ and the translation is stale. This works whichever locale is the original.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from .load import Loc
from .model import Article, ClaimText, EventText, LabelText, LocaleFile, NoteText, Paragraph, Section, TermText
from .text import Text


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a source text (NFC, so encodings of the same text agree)."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:12]


def text_fields(article: Article, text: LocaleFile | None) -> Iterator[tuple[str, Loc, str | None]]:
    """(path, YAML location, value) of every translatable text, in the original's order and structure."""
    original = article.texts[article.data.original]
    text = text or LocaleFile()
    yield "title", ("title",), text.title
    yield "summary", ("summary",), text.summary
    sections = {s.id: (i, s) for i, s in enumerate(text.sections)}
    for source in original.sections:
        i, section = sections.get(source.id, (None, None))
        base: Loc = ("sections", i) if i is not None else ("sections",)
        if source.heading is not None:
            yield f"sections.{source.id}.heading", (*base, "heading"), section.heading if section else None
        paragraphs = {p.id: (j, p) for j, p in enumerate(section.paragraphs)} if section else {}
        for p in source.paragraphs:
            j, para = paragraphs.get(p.id, (None, None))
            loc = (*base, "paragraphs", j, "text") if j is not None else base
            yield f"sections.{source.id}.{p.id}", loc, para.text if para else None
    for e in article.data.timeline:
        entry = text.timeline.get(e.id)
        yield f"timeline.{e.id}.label", ("timeline", e.id, "label"), entry.label if entry else None
        yield f"timeline.{e.id}.description", ("timeline", e.id, "description"), entry.description if entry else None
    for g in article.data.glossary:
        term = text.glossary.get(g.id)
        yield f"glossary.{g.id}.term", ("glossary", g.id, "term"), term.term if term else None
        yield f"glossary.{g.id}.definition", ("glossary", g.id, "definition"), term.definition if term else None
    for f in article.data.key_facts:
        label = text.key_facts.get(f.id)
        yield f"key_facts.{f.id}.label", ("key_facts", f.id, "label"), label.label if label else None
    for n in article.data.notes:
        note = text.notes.get(n.id)
        yield f"notes.{n.id}.text", ("notes", n.id, "text"), note.text if note else None
    for c in article.data.claims:
        claim = text.claims.get(c.id)
        yield f"claims.{c.id}.text", ("claims", c.id, "text"), claim.text if claim else None


def source_fingerprints(article: Article) -> dict[str, str]:
    """The fingerprint of every text of the original."""
    return {path: fingerprint(value) for path, _, value in text_fields(article, article.texts[article.data.original]) if value}


@dataclass(frozen=True)
class Coverage:
    """How much of an article one locale has translated."""

    total: int
    missing: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)

    @property
    def translated(self) -> int:
        """Texts present and up to date."""
        return self.total - len(self.missing) - len(self.stale)

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


def coverage(article: Article, locale: str) -> Coverage:
    """Missing and stale texts of a locale; the original is complete and fresh by definition."""
    sources = source_fingerprints(article)
    if locale == article.data.original:
        return Coverage(len(sources))
    text = article.texts.get(locale)
    confirmed = text.fingerprints if text else {}
    missing, stale = [], []
    for path, _, value in text_fields(article, text):
        if not value:
            missing.append(path)
        elif confirmed.get(path) != sources.get(path):
            stale.append(path)
    return Coverage(len(sources), missing, stale)


@dataclass(frozen=True)
class Resolved:
    """An article's text for one locale: translations where they exist, fallbacks elsewhere."""

    text: LocaleFile
    fallback_locales: tuple[str, ...]
    stale: tuple[str, ...]

    @property
    def has_fallback(self) -> bool:
        return bool(self.fallback_locales)


def resolve(article: Article, locale: str, chain: Sequence[str], langs: dict[str, tuple[str, str]]) -> Resolved:
    """Fill every text of `locale` from its translation or, missing that, from the first locale of `chain` that has it.

    `langs` maps a locale code to its (BCP 47 tag, direction). Every value in the result is a `Text`.
    """
    # Only a translation can be stale: the original's fingerprints are computed for it alone.
    sources = source_fingerprints(article) if locale != article.data.original else {}
    order = [locale, *[c for c in chain if c != locale], article.data.original]
    texts = {code: article.texts.get(code) for code in dict.fromkeys(order)}
    fields = {code: {p: v for p, _, v in text_fields(article, text)} if text else {} for code, text in texts.items()}
    values: dict[str, Text] = {}
    used: set[str] = set()
    stale: list[str] = []
    for path in fields[article.data.original]:
        for code in texts:
            found = fields[code].get(path)
            if found:
                is_stale = code == locale != article.data.original and texts[code].fingerprints.get(path) != sources.get(path)  # type: ignore[union-attr]
                lang, direction = langs[code]
                values[path] = Text(found, code, lang, direction, fallback=code != locale, stale=is_stale)
                if code != locale:
                    used.add(code)
                if is_stale:
                    stale.append(path)
                break
    original = article.texts[article.data.original]
    built = _build(article, original, values)
    return Resolved(built, tuple(c for c in texts if c in used), tuple(stale))


def _verbatim(article: Article, code: str, section_id: str, paragraph_id: str) -> list[str]:
    """The verbatim quotations marked in the locale the paragraph's text comes from."""
    for section in article.texts[code].sections:
        if section.id == section_id:
            return next((p.verbatim for p in section.paragraphs if p.id == paragraph_id), [])
    return []


def _build(article: Article, original: LocaleFile, v: dict[str, Text]) -> LocaleFile:
    """A LocaleFile shaped like the original, holding the resolved Text values (no validation: they are valid)."""
    sections = [
        Section.model_construct(
            id=s.id,
            heading=v.get(f"sections.{s.id}.heading"),
            paragraphs=[
                Paragraph.model_construct(
                    id=p.id, text=(t := v[f"sections.{s.id}.{p.id}"]), verbatim=_verbatim(article, t.code, s.id, p.id)
                )
                for p in s.paragraphs
            ],
        )
        for s in original.sections
    ]
    glossary: dict[str, Any] = {}
    for g in article.data.glossary:
        term = v[f"glossary.{g.id}.term"]
        entry = article.texts[term.code].glossary[g.id]  # forms and transliteration of the term's own locale
        glossary[g.id] = TermText.model_construct(
            term=term, forms=entry.forms, transliteration=entry.transliteration, definition=v[f"glossary.{g.id}.definition"]
        )
    return LocaleFile.model_construct(
        title=v["title"],
        summary=v["summary"],
        sections=sections,
        timeline={
            e.id: EventText.model_construct(label=v[f"timeline.{e.id}.label"], description=v[f"timeline.{e.id}.description"])
            for e in article.data.timeline
        },
        glossary=glossary,
        key_facts={f.id: LabelText.model_construct(label=v[f"key_facts.{f.id}.label"]) for f in article.data.key_facts},
        notes={n.id: NoteText.model_construct(text=v[f"notes.{n.id}.text"]) for n in article.data.notes},
        claims={c.id: ClaimText.model_construct(text=v[f"claims.{c.id}.text"]) for c in article.data.claims},
        fingerprints={},
    )


def confirmed_fingerprints(article: Article, locale: str) -> dict[str, str]:
    """Fingerprints for every text the locale has translated, as of the current original."""
    sources = source_fingerprints(article)
    return {path: sources[path] for path, _, value in text_fields(article, article.texts.get(locale)) if value and path in sources}


FINGERPRINTS_COMMENT = "# Written by `make confirm`: the original texts these translations were checked against."


def with_fingerprints(yaml_text: str, fingerprints: dict[str, str]) -> str:
    """Replace the top-level `fingerprints:` block of a locale file (kept last), leaving the rest as written."""
    lines = yaml_text.splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        if line.startswith("fingerprints:") or line == FINGERPRINTS_COMMENT:
            skipping = True
            continue
        if skipping and line[:1] not in ("", " ", "#"):
            skipping = False
        if not skipping:
            out.append(line)
    while out and not out[-1].strip():
        out.pop()
    if fingerprints:
        out += ["", FINGERPRINTS_COMMENT, "fingerprints:"] + [f'  {path}: "{value}"' for path, value in fingerprints.items()]
    return "\n".join(out) + "\n"
