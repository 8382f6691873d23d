"""Translations of article text: which texts a locale file has, their fingerprints, and confirming them.

Every translatable text has a path, the same in every locale ("title", "sections.lead.ratified",
"timeline.treaty-signed.label" …). A translation records, for each text it translates, the fingerprint
of the original text (`fingerprints:`, written by `make confirm`); when the original changes, the
fingerprints differ and the translation is stale. This works whichever locale is the original.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator

from .load import Loc
from .model import Article, LocaleFile


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a source text (NFC, so encodings of the same text agree)."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:12]


def text_fields(article: Article, text: LocaleFile | None) -> Iterator[tuple[str, Loc, str | None]]:
    """(path, YAML location, value) of every translatable text, in the original's order and structure."""
    original = article.texts[article.data.original]
    text = text or LocaleFile()
    yield "title", ("title",), text.title
    if original.standfirst is not None:
        yield "standfirst", ("standfirst",), text.standfirst
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
    for fig in article.data.figures:  # the alt text always; the caption where the original has one
        figure = text.figures.get(fig.id)
        yield f"figures.{fig.id}.alt", ("figures", fig.id, "alt"), figure.alt if figure else None
        if (own := original.figures.get(fig.id)) is not None and own.caption is not None:
            yield f"figures.{fig.id}.caption", ("figures", fig.id, "caption"), figure.caption if figure else None


def source_fingerprints(article: Article) -> dict[str, str]:
    """The fingerprint of every text of the original."""
    return {path: fingerprint(value) for path, _, value in text_fields(article, article.texts[article.data.original]) if value}


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
