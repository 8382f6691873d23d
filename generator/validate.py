"""Pure core of checking: parsed YAML documents → model objects, collecting every problem.

Nothing stops at the first mistake: the editor gets every error of every file in one run.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path

from .config import Project
from .document import Document, Loc
from .errors import Problem
from .figures import SUPPORTED, inspect
from .load import ARTICLE_FILE, ArticleFiles
from .model import (
    FIXED_IDS,
    GENERATED_ID_PREFIXES,
    RESERVED_SLUGS,
    Article,
    ArticleFile,
    ImageInfo,
    LocaleFile,
)
from .problems import model_from
from .translation import text_fields

#: Ids whose anchor would be another's: #term-<id>-definition and #p-<id>-omitted are generated for terms and paragraphs.
TERM_ID_SUFFIX = "a term id cannot end in '-definition' (the anchor of a term's definition); choose another"
PARAGRAPH_ID_SUFFIX = "a paragraph id cannot end in '-omitted' (the anchor of a paragraph's notice); choose another"
#: The lists of article.yaml whose entries have their text in the locale files, by id.
TEXT_LISTS = ("timeline", "glossary", "key_facts", "notes", "claims")


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
        if entry.id.endswith("-definition"):  # #term-<id>-definition is the anchor of term <id>'s definition
            problems.append(
                doc.problem(
                    ("glossary", i, "id"), "a term id cannot end in '-definition' (the anchor of a term's definition); choose another"
                )
            )
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


def _form_key(form: str) -> str:
    """A glossary form as the term linker compares it: without invisible format characters (joiners), spaces
    collapsed, case folded. Two forms with one key send the same words to one definition only."""
    visible = "".join(c for c in form if unicodedata.category(c) != "Cf")
    return " ".join(visible.split()).casefold()


def _check_forms(doc: Document, text: LocaleFile) -> list[Problem]:
    """Every form of every term (its `term` and `forms`) is visible text and belongs to one term only: a form shared
    by two terms, maybe behind a zero-width joiner, would send one term's links and tooltips to the other's definition."""
    problems: list[Problem] = []
    owner: dict[str, tuple[str, Loc]] = {}
    for term_id, entry in text.glossary.items():
        forms: list[tuple[Loc, str]] = [(("glossary", term_id, "term"), entry.term)] if entry.term is not None else []
        forms += [(("glossary", term_id, "forms", j), form) for j, form in enumerate(entry.forms)]
        for loc, form in forms:
            key = _form_key(form)
            if not key:
                codes = ", ".join(sorted({f"U+{ord(c):04X}" for c in form})) or "nothing"
                problems.append(doc.problem(loc, f"the form has no visible character (only {codes}); write the word or remove it"))
            elif key in owner and owner[key][0] != term_id:
                other, other_loc = owner[key]
                line = doc.where(other_loc)[0]
                problems.append(
                    doc.problem(
                        loc,
                        f"{form!r} of term {term_id!r} is also a form of term {other!r} (line {line}), compared without case "
                        "and invisible joiners; a form links to one definition: keep it in one of the two terms",
                    )
                )
            else:
                owner.setdefault(key, (term_id, loc))
    return problems


def _check_text(doc: Document, text: LocaleFile, art: ArticleFile, original: LocaleFile | None) -> list[Problem]:
    """A locale file has text only for the ids of article.yaml, and a translation keeps the original's structure."""
    problems: list[Problem] = []
    for name in TEXT_LISTS:
        wanted = [x.id for x in getattr(art, name)]
        for key in getattr(text, name):
            if key not in wanted:
                problems.append(doc.problem((name, key), f"no {name} entry {key!r} in article.yaml; remove it or add it there", key=True))
    problems += _check_forms(doc, text)
    for i, s in enumerate(text.sections):
        if s.id in FIXED_IDS:
            problems.append(doc.problem(("sections", i, "id"), f"section id {s.id!r} is reserved for a part of the page; choose another"))
        elif s.id.startswith(GENERATED_ID_PREFIXES):
            prefix = next(x for x in GENERATED_ID_PREFIXES if s.id.startswith(x))
            problems.append(
                doc.problem(
                    ("sections", i, "id"),
                    f"section id {s.id!r} begins with {prefix!r}, as the anchors the page makes for its entries do "
                    f"(#{prefix}<id>); choose another",
                )
            )
    paragraphs = [(i, j, p.id) for i, s in enumerate(text.sections) for j, p in enumerate(s.paragraphs)]
    problems += _duplicates(doc, ((("sections", i, "id"), s.id) for i, s in enumerate(text.sections)), "section id")
    problems += _duplicates(doc, ((("sections", i, "paragraphs", j, "id"), pid) for i, j, pid in paragraphs), "paragraph id")
    problems += [
        doc.problem(
            ("sections", i, "paragraphs", j, "id"),
            PARAGRAPH_ID_SUFFIX,
        )
        for i, j, pid in paragraphs
        if pid.endswith("-omitted")
    ]
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
    """The original and the published locales need every text; a draft locale, or any locale of a draft article
    (`published` False), may leave texts empty."""
    if code != article.data.original and not published:
        return []
    if code == article.data.original:
        why = "the original needs every text"
    else:
        why = (
            f"locale {code!r} is published; translate it, make the locale a draft, or publish only its complete articles "
            f"with `articles: translated` under {code} in locales/locales.yml"
        )
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
        if project.requires_text(loc.code) and not art.draft and loc.code not in docs and f"{loc.code}.yaml" not in files.present:
            problems.append(
                Problem(
                    f"{shown}/{loc.code}.yaml",
                    1,
                    1,
                    "",
                    f"missing: locale {loc.code!r} is published, so every article needs its text (or publish only its "
                    f"complete articles with `articles: translated` under {loc.code} in locales/locales.yml)",
                )
            )
    found, images = _check_figures(files, art_doc, art, docs, original[1])
    problems += found
    article = Article(
        shown, art, {code: text for code, (_, text) in docs.items()}, {code: doc.positions() for code, (doc, _) in docs.items()}, images
    )
    misshapen = {p.path for p in problems if p.field == "sections"}
    for code, (doc, _) in docs.items():
        if doc.path not in misshapen:  # a body shaped unlike the original would make every text look missing
            problems += _check_complete(doc, article, code, project.requires_text(code) and not art.draft)
    return (None, problems) if problems else (article, [])


def _check_figures(
    files: ArticleFiles, doc: Document, art: ArticleFile, texts: dict[str, tuple[Document, LocaleFile]], original: LocaleFile
) -> tuple[list[Problem], dict[str, ImageInfo]]:
    """Figures: unique ids, a paragraph the original has, one lead at most, and a file that decodes as a supported image
    within the limits; the locale files give text only for figures of article.yaml. Return the decoded images by file."""

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
