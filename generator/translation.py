"""Translations of article text: which texts a locale file has, their fingerprints, and confirming them.

Every translatable text has a path, the same in every locale ("title", "sections.lead.ratified",
"timeline.treaty-signed.label" …). A translation records, for each text it translates, the fingerprint
of the original text (`fingerprints:`, written by `make confirm`); when the original changes, the
fingerprints differ and the translation is stale. This works whichever locale is the original.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Iterator, Mapping

from pydantic import BaseModel

from .document import Loc
from .model import Article, ClaimText, EventText, FigureText, LabelText, LocaleFile, NoteText, StrictModel, TermText


def fingerprint(text: str) -> str:
    """A short, stable fingerprint of a source text (NFC, so encodings of the same text agree)."""
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:12]


#: The lists of article.yaml whose entries have their text in the locale files (by id), in the order of the files.
ENTRY_TEXTS: tuple[tuple[str, type[StrictModel]], ...] = (
    ("timeline", EventText),
    ("glossary", TermText),
    ("key_facts", LabelText),
    ("notes", NoteText),
    ("claims", ClaimText),
    ("figures", FigureText),
)


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
    # The entries of article.yaml whose text is in the locale files, by id: which fields are text is the model's to say.
    for name, model in ENTRY_TEXTS:
        mine: Mapping[str, BaseModel] = getattr(text, name)
        theirs: Mapping[str, BaseModel] = getattr(original, name)
        for item in getattr(article.data, name):
            entry, own = mine.get(item.id), theirs.get(item.id)
            optional = tuple(key for key in model.OPTIONAL if own is not None and getattr(own, key) is not None)
            for key in model.TRANSLATED + optional:
                yield f"{name}.{item.id}.{key}", (name, item.id, key), getattr(entry, key) if entry else None


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
