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
from typing import Literal

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


def confirmation(original: str, translation: str) -> str:
    """What confirming a translation records: the fingerprints of the original and of the translation, reviewed together."""
    return f"{fingerprint(original)} {fingerprint(translation)}"


def original_print(recorded: str | None) -> str | None:
    """The original's fingerprint in a recorded confirmation (the first part; the whole value before issue 22)."""
    return recorded.split(" ", 1)[0] if recorded else None


def translation_print(recorded: str | None) -> str | None:
    """The reviewed translation's fingerprint in a confirmation, when it records one."""
    parts = recorded.split(" ", 1) if recorded else []
    return parts[1] if len(parts) == 2 else None


def confirmed_fingerprints(article: Article, locale: str) -> dict[str, str]:
    """Confirmations of every text the locale has translated, as of the current original and translation."""
    originals = {path: value for path, _, value in text_fields(article, article.texts[article.data.original]) if value}
    return {
        path: confirmation(originals[path], value)
        for path, _, value in text_fields(article, article.texts.get(locale))
        if value and path in originals
    }


#: The review state of a text in a translation, as `make i18n-status` counts and `make po` flags them.
ReviewState = Literal["missing", "omitted", "unconfirmed", "stale", "changed", "confirmed"]
#: What each state means to a translator: the status report's legend.
REVIEW_STATES: dict[ReviewState, str] = {
    "confirmed": "translated and confirmed against the current original",
    "unconfirmed": "translated, never confirmed",
    "stale": "the original changed since the translation was confirmed",
    "changed": "the translation was edited after it was confirmed (changed since review)",
    "omitted": "left out on purpose (`omitted:`), shown in the original",
    "missing": "not translated yet",
}


def review_states(article: Article, locale: str) -> dict[str, ReviewState]:
    """The review state of every text of the original in `locale`'s translation, by path, in the original's order.

    A text whose original changed is stale even if the translation was edited too: the original decides first.
    """
    original = article.texts[article.data.original]
    text = article.texts.get(locale)
    originals = {path: value for path, _, value in text_fields(article, original) if value}
    if locale == article.data.original:
        return dict.fromkeys(originals, "confirmed")
    omitted = text.omitted() if text else {}
    recorded = text.fingerprints if text else {}
    out: dict[str, ReviewState] = {}
    for path, _, value in text_fields(article, text):
        if path not in originals:
            continue
        confirmed = recorded.get(path)
        if path in omitted:
            out[path] = "omitted"
        elif not value:
            out[path] = "missing"
        elif confirmed is None:
            out[path] = "unconfirmed"
        elif original_print(confirmed) != fingerprint(originals[path]):
            out[path] = "stale"
        elif translation_print(confirmed) not in (None, fingerprint(value)):
            out[path] = "changed"
        else:
            out[path] = "confirmed"
    return out


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
