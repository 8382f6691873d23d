"""Pure core of checking: parsed YAML documents → model objects, collecting every problem.

Nothing stops at the first mistake: the editor gets every error of every file in one run.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .config import Project
from .errors import Problem
from .load import ARTICLE_FILE, ArticleFiles, Document, Loc
from .model import (
    DATE_PATTERN,
    FIGURE_FILE_PATTERN,
    FIXED_IDS,
    ID_PATTERN,
    LOCALE_PATTERN,
    RESERVED_SLUGS,
    Article,
    ArticleFile,
    ImageInfo,
    LocaleFile,
)
from .translation import text_fields

#: The lists of article.yaml whose entries have their text in the locale files, by id.
TEXT_LISTS = ("timeline", "glossary", "key_facts", "notes", "claims")

_PATTERN_MESSAGES = {
    ID_PATTERN: "expected an id of lower-case ASCII letters, digits and single hyphens (like 'kursk-region')",
    LOCALE_PATTERN: "expected a locale code such as 'hi', 'en' or 'pt_BR'",
    DATE_PATTERN: "expected a date as YYYY, YYYY-MM or YYYY-MM-DD",
    FIGURE_FILE_PATTERN: "expected the name of a file in the article folder, like 'map.jpg'",
}


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return repr(shown)
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    return type(value).__name__


def _unwrap(annotation: Any) -> list[Any]:
    """Return the concrete types an annotation allows (Optional and Annotated removed)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [t for arg in typing.get_args(annotation) for t in _unwrap(arg) if t is not type(None)]
    return [annotation]


def _model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """Walk a model class along an error location to the model that owns its last part."""
    current: Any = model
    for part in loc:
        for kind in _unwrap(current):
            origin = typing.get_origin(kind)
            if isinstance(kind, type) and issubclass(kind, BaseModel) and isinstance(part, str):
                field = kind.model_fields.get(part)
                current = field.annotation if field else None
                break
            if origin is list and isinstance(part, int):
                current = typing.get_args(kind)[0]
                break
            if origin is dict and isinstance(part, str):
                current = typing.get_args(kind)[1]
                break
        else:
            return None
    for kind in _unwrap(current):
        if isinstance(kind, type) and issubclass(kind, BaseModel):
            return kind
    return None


def _message(error: ErrorDetails, model: type[BaseModel], loc: Loc) -> str:
    kind, ctx, value = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return f"required field is missing; add `{loc[-1]}:`" if loc and isinstance(loc[-1], str) else "required field is missing"
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        names = list(owner.model_fields) if owner else []
        hint = difflib.get_close_matches(str(loc[-1]), names, n=1)
        expected = f"did you mean '{hint[0]}'?" if hint else "expected one of: " + ", ".join(names)
        return f"unknown field; {expected}"
    if kind == "string_type":
        if isinstance(value, bool | int):  # YAML read `2008`, `true` as a number or a truth value
            return f'expected text, got {_describe(value)}; write it in quotes: "{_describe(value).removeprefix("the number ")}"'
        return f"expected text, got {_describe(value)}"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = _model_range(model, loc)
        return f"the number {value:,} is out of range; expected a number from {low:,} to {high:,}"
    if kind.startswith("int_"):
        if isinstance(value, str) and re.fullmatch(r"[-+]?[0-9]+", value):  # too many digits to be read as a number
            low, high = _model_range(model, loc)
            return f"a number of {len(value.lstrip('+-')):,} digits is out of range; expected a number from {low:,} to {high:,}"
        return f"expected a whole number, got {_describe(value)}"
    if kind == "bool_type":
        return f"expected true or false, got {_describe(value)}"
    if kind == "list_type":
        return f"expected a list, got {_describe(value)}"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"expected a group of fields (name: value), got {_describe(value)}"
    if kind == "string_too_short":
        return "text is empty; write the text or remove the field"
    if kind == "string_too_long":
        return f"text is {len(value):,} characters long; the limit is {ctx['max_length']:,}"
    if kind == "too_short":
        return f"expected at least {ctx['min_length']} item(s), got {ctx.get('actual_length', 0)}"
    if kind == "string_pattern_mismatch":
        pattern = str(ctx.get("pattern"))
        expected = _PATTERN_MESSAGES.get(pattern, f"expected text matching {pattern}")
        return f"{expected}, got {_describe(value)}"
    if kind == "literal_error":
        return f"expected one of {ctx['expected']}, got {_describe(value)}"
    if kind == "value_error":
        return str(ctx["error"])
    return str(error["msg"])


def _model_range(model: type[BaseModel], loc: Loc) -> tuple[int, int]:
    """The bounds (ge, le) of the number field at loc."""
    owner = _model_at(model, loc[:-1])
    field = owner.model_fields[str(loc[-1])] if owner else None
    bounds = {k: getattr(m, k) for m in (field.metadata if field else []) for k in ("ge", "le") if hasattr(m, k)}
    return bounds.get("ge", 0), bounds.get("le", 0)


def model_from(doc: Document, model: type[BaseModel]) -> tuple[Any, list[Problem]]:
    """Validate a document against a model; turn every pydantic error into a located Problem."""
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = []
        for error in exc.errors(include_url=False):
            loc: Loc = tuple(p for p in error["loc"] if p != "[key]")
            if error["loc"][-1:] == ("[key]",):
                problems.append(doc.problem(loc, f"key {_message(error, model, loc)}", key=True))
                continue
            # Validators of a whole object (model_validator) report at the object itself.
            problems.append(doc.problem(loc, _message(error, model, loc), key=error["type"] == "extra_forbidden"))
        return None, problems


def _duplicates(doc: Document, items: Iterable[tuple[Loc, str]], what: str) -> list[Problem]:
    seen: dict[str, Loc] = {}
    problems = []
    for loc, value in items:
        if value in seen:
            first = doc.where(seen[value])[0]
            problems.append(doc.problem(loc, f"{what} {value!r} is used twice (first on line {first}); ids must be unique"))
        else:
            seen[value] = loc
    return problems


def _check_article(doc: Document, art: ArticleFile, folder: str, folders: frozenset[str], now: datetime) -> list[Problem]:
    """Cross-references inside article.yaml, and an update no later than the build (`now`) unless the article is
    scheduled: a `published` still to come is not an error, the article waits for it (publication.is_published)."""
    problems: list[Problem] = []
    if art.updated and art.updated.moment > now and art.published.moment <= now:
        problems.append(
            doc.problem(
                ("updated",),
                f"updated ({art.updated}) is after this build ({now.isoformat(timespec='seconds').replace('+00:00', 'Z')}); "
                "give the date-time of the last update made",
            )
        )
    if art.slug in RESERVED_SLUGS:
        problems.append(doc.problem(("slug",), f"slug {art.slug!r} is reserved for a page of the site; choose another"))
    if art.slug != folder and art.slug in folders:
        problems.append(
            doc.problem(("slug",), f"slug {art.slug!r} is already used by articles/{art.slug}/; expected this folder's name, {folder!r}")
        )
    elif art.slug != folder:
        problems.append(doc.problem(("slug",), f"slug {art.slug!r} differs from its folder name {folder!r}; make them equal"))
    problems += _duplicates(doc, ((("sources", i, "id"), s.id) for i, s in enumerate(art.sources)), "source id")
    for name in TEXT_LISTS:
        items = getattr(art, name)
        problems += _duplicates(doc, (((name, i, "id"), x.id) for i, x in enumerate(items)), f"{name} id")
    known = {s.id for s in art.sources}
    for name in TEXT_LISTS:
        for i, item in enumerate(getattr(art, name)):
            for j, ref in enumerate(item.sources):
                if ref not in known:
                    problems.append(doc.problem((name, i, "sources", j), f"unknown source {ref!r}; {_expected(ref, known, 'sources')}"))
    for i, event in enumerate(art.timeline):
        for k, alt in enumerate(event.alternatives):
            for j, ref in enumerate(alt.sources):
                if ref not in known:
                    loc = ("timeline", i, "alternatives", k, "sources", j)
                    problems.append(doc.problem(loc, f"unknown source {ref!r}; {_expected(ref, known, 'sources')}"))
    if art.updated and art.updated < art.published:
        problems.append(doc.problem(("updated",), f"updated ({art.updated}) is before published ({art.published}); expected a later date"))
    for i, event in enumerate(art.timeline):
        if event.end and event.end.last_day < event.date.first_day:
            problems.append(
                doc.problem(("timeline", i, "end"), f"end ({event.end}) is before the start ({event.date}); expected a later date")
            )
    events = {e.id for e in art.timeline}
    for i, fact in enumerate(art.key_facts):
        if fact.event is not None and fact.event not in events:
            problems.append(
                doc.problem(
                    ("key_facts", i, "event"), f"unknown timeline event {fact.event!r}; {_expected(fact.event, events, 'timeline')}"
                )
            )
    terms = {g.id for g in art.glossary}
    for i, entry in enumerate(art.glossary):
        for j, ref in enumerate(entry.see_also):
            if ref not in terms or ref == entry.id:
                what = "a term cannot refer to itself" if ref == entry.id else f"unknown glossary term {ref!r}"
                problems.append(doc.problem(("glossary", i, "see_also", j), f"{what}; {_expected(ref, terms - {entry.id}, 'glossary')}"))
    problems += _check_bylines(doc, art)
    return problems


def _check_bylines(doc: Document, art: ArticleFile) -> list[Problem]:
    """Every author is named in the original's locale: the name every other locale falls back to."""
    return [
        doc.problem(
            ("authors", i, "name"),
            f"no name in the original's locale {art.original!r}; add `{art.original}:` (given: {', '.join(author.name)})",
        )
        for i, author in enumerate(art.authors)
        if art.original not in author.name
    ]


def _expected(ref: str, known: set[str], what: str) -> str:
    hint = difflib.get_close_matches(ref, sorted(known), n=1)
    return f"did you mean {hint[0]!r}?" if hint else f"expected the id of an entry of `{what}`"


def _check_text(doc: Document, text: LocaleFile, art: ArticleFile, original: LocaleFile | None) -> list[Problem]:
    """A locale file has text only for the ids of article.yaml, and a translation keeps the original's structure."""
    problems: list[Problem] = []
    for name in TEXT_LISTS:
        wanted = [x.id for x in getattr(art, name)]
        for key in getattr(text, name):
            if key not in wanted:
                problems.append(doc.problem((name, key), f"no {name} entry {key!r} in article.yaml; remove it or add it there", key=True))
    for i, s in enumerate(text.sections):
        if s.id in FIXED_IDS:
            problems.append(doc.problem(("sections", i, "id"), f"section id {s.id!r} is reserved for a part of the page; choose another"))
    paragraphs = [(i, j, p.id) for i, s in enumerate(text.sections) for j, p in enumerate(s.paragraphs)]
    problems += _duplicates(doc, ((("sections", i, "id"), s.id) for i, s in enumerate(text.sections)), "section id")
    problems += _duplicates(doc, ((("sections", i, "paragraphs", j, "id"), pid) for i, j, pid in paragraphs), "paragraph id")
    if original is not None and text.sections:
        want = [(s.id, [p.id for p in s.paragraphs]) for s in original.sections]
        have = [(s.id, [p.id for p in s.paragraphs]) for s in text.sections]
        if want != have:
            problems.append(
                doc.problem(
                    ("sections",),
                    "sections and paragraphs differ from the original; expected the same ids in the same order: "
                    + "; ".join(f"{sid}: {', '.join(pids)}" for sid, pids in want),
                )
            )
    for i, section in enumerate(text.sections):
        for j, para in enumerate(section.paragraphs):
            for k, quote in enumerate(para.verbatim):
                if para.text and quote not in para.text:
                    loc = ("sections", i, "paragraphs", j, "verbatim", k)
                    problems.append(
                        doc.problem(loc, f"{quote!r} does not occur in the paragraph's text; expected an exact quotation from it")
                    )
    if original is not None and text.standfirst is not None and original.standfirst is None:
        problems.append(doc.problem(("standfirst",), "the original has no standfirst; add it there first, or remove this one"))
    if original is None and text.translators:
        problems.append(doc.problem(("translators",), "the original has no translators; name its writers in article.yaml `authors:`"))
    if original is None:
        if not text.sections:
            problems.append(doc.problem(("sections",), "required field is missing; add `sections:` (the original has the body)"))
        ids = {pid for _, _, pid in paragraphs}
        for i, note in enumerate(art.notes):
            if note.paragraph is not None and note.paragraph not in ids:
                problems.append(
                    Problem(
                        doc.path,
                        *doc.where(("notes",)),
                        f"notes[{i}].paragraph",
                        f"note {note.id!r} refers to paragraph {note.paragraph!r}, which the original text does not have",
                    )
                )
    problems += _check_omissions(doc, text, original is None)
    if original is not None or text.divergences:
        problems += _check_divergences(doc, text, art, original)
    return problems


# --- omitted texts and accepted divergences (issue 14) ----------------------------------------------


def _check_omissions(doc: Document, text: LocaleFile, is_original: bool) -> list[Problem]:
    """`omitted` stands instead of a translation: never next to one, never in the original."""
    problems: list[Problem] = []
    places: list[tuple[Loc, bool]] = [
        (("sections", i, "paragraphs", j), p.text is not None)
        for i, s in enumerate(text.sections)
        for j, p in enumerate(s.paragraphs)
        if p.omitted
    ]
    places += [(("timeline", key), e.label is not None or e.description is not None) for key, e in text.timeline.items() if e.omitted]
    for loc, translated in places:
        what = "paragraph" if loc[0] == "sections" else "timeline event"
        if is_original:
            problems.append(doc.problem((*loc, "omitted"), f"the original cannot leave out its own text; write the {what}'s text"))
        elif translated:
            problems.append(
                doc.problem(
                    (*loc, "omitted"),
                    f"a {what} is either translated or omitted, not both; remove `omitted` or its text",
                )
            )
    return problems


def _check_divergences(doc: Document, text: LocaleFile, art: ArticleFile, original: LocaleFile | None) -> list[Problem]:
    """Every accepted divergence names a translated text of this file; a note for readers only goes with a paragraph."""
    if original is None:
        return [
            doc.problem(("divergences",), "the original has nothing to differ from; record divergences in the translation's file", key=True)
        ]
    problems: list[Problem] = []
    draft = Article("", art, {art.original: original})
    paths = [path for path, _, _ in text_fields(draft, original)]
    values = {path: value for path, _, value in text_fields(draft, text)}
    omitted = text.omitted()
    for key, divergence in text.divergences.items():
        if key not in values:
            hint = difflib.get_close_matches(key, paths, n=1)
            expected = (
                f"did you mean {hint[0]!r}?"
                if hint
                else "expected a text's name as `make lint-content` prints it, such as " + repr(paths[-1])
            )
            problems.append(doc.problem(("divergences", key), f"no text {key!r} in the original; {expected}", key=True))
        elif key in omitted:
            problems.append(
                doc.problem(("divergences", key), f"{key} is omitted in this file: there is no translation to differ", key=True)
            )
        elif not values[key]:
            problems.append(
                doc.problem(("divergences", key), f"{key} is not translated in this file: a divergence needs both texts", key=True)
            )
        elif divergence.note is not None and (not key.startswith("sections.") or key.endswith(".heading")):
            problems.append(
                doc.problem(
                    ("divergences", key, "note"),
                    f"readers see a divergence's note next to a paragraph only, and {key} is not one; keep the explanation in `reason`",
                )
            )
    return problems


def _check_complete(doc: Document, article: Article, code: str, published: bool) -> list[Problem]:
    """The original and the published locales need every text; a draft locale may leave texts empty."""
    if code != article.data.original and not published:
        return []
    if code == article.data.original:
        why = "the original needs every text"
    else:
        why = f"locale {code!r} is published; translate it or make the locale a draft"
    problems = []
    omitted = article.texts[code].omitted()
    for path, loc, value in text_fields(article, article.texts[code]):
        if value or path in omitted:
            continue
        if loc in doc.marks:
            problems.append(doc.problem(loc, f"text is empty: {why}"))
        elif isinstance(loc[-1], str) and loc[:-1] in doc.marks:
            problems.append(doc.problem(loc, f"required field is missing; add `{loc[-1]}:` ({why})"))
        else:
            problems.append(doc.problem(loc, f"text is missing: {why}"))
    return problems


def validate_article(files: ArticleFiles, project: Project, folders: frozenset[str], now: datetime) -> tuple[Article | None, list[Problem]]:
    """Check one article folder's parsed files: the article, or every problem found in them.

    Pure: the files were read by load.read_article_folder; `folders` are the names of every article folder
    (a slug must not be another folder's), `now` the build's moment (an update may not be later).
    """
    name, shown = files.name, files.shown
    problems = list(files.problems)
    art_doc = files.article
    if art_doc is None:
        if ARTICLE_FILE not in files.present:
            problems.append(Problem(shown, 1, 1, "", f"{ARTICLE_FILE} is missing"))
        return None, problems
    art, found = model_from(art_doc, ArticleFile)
    problems += found
    if art is not None:
        problems += _check_article(art_doc, art, name, folders, now)

    docs: dict[str, tuple[Document, LocaleFile]] = {}
    for code, doc in files.texts.items():
        if code not in project.codes:
            problems.append(
                Problem(doc.path, 1, 1, "", f"locale {code!r} is not configured; add it to locales/locales.yml or rename the file")
            )
            continue
        text, found = model_from(doc, LocaleFile)
        problems += found
        if text is not None:
            docs[code] = (doc, text)

    if art is None:
        return None, problems
    if art.original not in project.codes:
        problems.append(art_doc.problem(("original",), f"locale {art.original!r} is not configured in locales/locales.yml"))
        return None, problems
    original = docs.get(art.original)
    if original is None:
        if f"{art.original}.yaml" not in files.present:
            problems.append(Problem(f"{shown}/{art.original}.yaml", 1, 1, "", f"missing: the original text (original: {art.original})"))
        return None, problems
    for code, (doc, text) in docs.items():
        problems += _check_text(doc, text, art, original[1] if code != art.original else None)
    for loc in project.locales:
        if project.requires_text(loc.code) and loc.code not in docs and f"{loc.code}.yaml" not in files.present:
            problems.append(
                Problem(f"{shown}/{loc.code}.yaml", 1, 1, "", f"missing: locale {loc.code!r} is published, so every article needs its text")
            )
    found, images = _check_figures(files, art_doc, art, docs, original[1])
    problems += found
    article = Article(
        shown, art, {code: text for code, (_, text) in docs.items()}, {code: doc.positions() for code, (doc, _) in docs.items()}, images
    )
    misshapen = {p.path for p in problems if p.field == "sections"}
    for code, (doc, _) in docs.items():
        if doc.path not in misshapen:  # a body shaped unlike the original would make every text look missing
            problems += _check_complete(doc, article, code, project.requires_text(code))
    return (None, problems) if problems else (article, [])


def _check_figures(
    files: ArticleFiles, doc: Document, art: ArticleFile, texts: dict[str, tuple[Document, LocaleFile]], original: LocaleFile
) -> tuple[list[Problem], dict[str, ImageInfo]]:
    """Figures: unique ids, a paragraph the original has, one lead at most, and a file that decodes as a supported image
    within the limits; the locale files give text only for figures of article.yaml. Return the decoded images by file."""
    from .figures import SUPPORTED, inspect  # Pillow is imported by the articles that have figures

    problems = _duplicates(doc, ((("figures", i, "id"), f.id) for i, f in enumerate(art.figures)), "figures id")
    paragraphs = {p.id for s in original.sections for p in s.paragraphs}
    leads = [i for i, f in enumerate(art.figures) if f.lead]
    for i in leads[1:]:
        problems.append(
            doc.problem(("figures", i, "lead"), f"figure {art.figures[leads[0]].id!r} is already the lead; only one figure can be")
        )
    images: dict[str, ImageInfo] = {}
    for i, figure in enumerate(art.figures):
        if figure.paragraph is not None and figure.paragraph not in paragraphs:
            hint = difflib.get_close_matches(figure.paragraph, sorted(paragraphs), n=1)
            expected = f"did you mean {hint[0]!r}?" if hint else "expected the id of a paragraph of the original text"
            problems.append(doc.problem(("figures", i, "paragraph"), f"unknown paragraph {figure.paragraph!r}; {expected}"))
        if figure.file is None:
            if original.figures.get(figure.id) is None or original.figures[figure.id].caption is None:
                problems.append(
                    doc.problem(
                        ("figures", i),
                        f"figure {figure.id!r} has no `file`: a figure without its image needs a caption in the original "
                        f"({art.original}.yaml figures.{figure.id}.caption); give the caption, or the image's `file`",
                    )
                )
            continue
        if figure.file in images:
            continue
        where = f"{files.shown}/{figure.file}"
        data = files.images.get(figure.file)
        if Path(figure.file).suffix.lower() not in SUPPORTED:
            problems.append(doc.problem(("figures", i, "file"), str(inspect(figure.file, b""))))
            continue
        if data is None:
            if figure.file not in files.present:
                problems.append(doc.problem(("figures", i, "file"), f"file {figure.file!r} is missing: put the image in {files.shown}/"))
            elif not any(p.path == where for p in files.problems):  # else refused while reading (a link, too large), and said
                problems.append(doc.problem(("figures", i, "file"), f"{figure.file!r} is not a file; expected an image"))
            continue
        info = inspect(figure.file, data)
        if isinstance(info, str):
            problems.append(Problem(where, 1, 1, "", f"{info} (figures[{i}].file in {ARTICLE_FILE})"))
        else:
            images[figure.file] = info
    ids = {f.id for f in art.figures}
    for text_doc, text in texts.values():
        for key in text.figures:
            if key not in ids:
                problems.append(
                    text_doc.problem(("figures", key), f"no figures entry {key!r} in article.yaml; remove it or add it there", key=True)
                )
    return problems, images
