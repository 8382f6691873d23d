"""Article text as gettext catalogs (issue 22): a locale's translation of an article exported as PO, and imported back.

The YAML stays the one source of truth; a catalog is an exchange format for the tools translators already use
(Poedit, Weblate, Lokalise, OmegaT). Babel writes and reads the catalogs (`babel.messages.pofile`); ruamel.yaml
writes the translations back into `<locale>.yaml` keeping its comments and order. One entry per text:

- `msgctxt` the text's path (`sections.lead.approval`), `msgid` the original, `msgstr` the translation;
- `#, fuzzy` where the translation needs a look: the original changed since it was confirmed (with `#| msgid`, the
  original it translated, as msgmerge gives it), it was edited since review, never confirmed, or a suggestion of
  the translation memory (the same original translated in another explainer);
- `#.` the glossary terms the original names, with their agreed translation, and any accepted divergence;
- `#:` the original's file and line.

Importing writes the non-fuzzy translations and records exactly those as confirmed; a fuzzy entry is left as the
YAML has it (msgfmt, too, skips fuzzy entries). The pure part builds and checks catalogs; the edges read and write.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, denormalize, generate_po, normalize, read_po
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .config import Project
from .document import parse_yaml, text_problem
from .errors import ConfigError, DataError, Problem
from .gather import build_time, shown
from .lint import terms_in
from .load import read_article_folder
from .localize import LocalizedArticle, localize
from .model import Article
from .translation import (
    confirmation,
    fingerprint,
    original_print,
    review_states,
    text_fields,
    with_fingerprints,
)
from .validate import validate_article
from .write import write_atomic

#: Where `make po` writes the catalogs and `make po-import` reads them: po/<locale>/<slug>.po (not under articles/:
#: a catalog is no article data, and editing one must not rebuild the site).
CATALOG_DIR = "po"
#: Markup in a translation: HTML tags and comments, character references, Markdown links and images. Article text is
#: plain text shown as typed, so markup would reach the reader as literal characters; a catalog that has some (an
#: editor's "bold", a pasted link) is refused rather than published so.
MARKUP = re.compile(r"<\s*/?\s*[A-Za-z!?][^<>]*>|&(?:#[0-9]+|#x[0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);|!?\[[^\]\n]*\]\([^)\s]*\)")
#: Why an entry is fuzzy: the comments a translator sees in the editor.
WHY_FUZZY = {
    "stale": "the original changed since this translation was confirmed; `#| msgid` is the original it translated",
    "stale-unknown": "the original changed since this translation was confirmed (its previous text is not known)",
    "changed": "changed since review: the translation was edited after it was confirmed",
    "unconfirmed": "not confirmed yet: check it against the original",
}


def catalog_path(project: Project, code: str, slug: str) -> Path:
    return project.root / CATALOG_DIR / code / f"{slug}.po"


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _language_name(code: str) -> str:
    locale = _babel_locale(code)
    return f"{locale.get_display_name('en')} ({code})" if locale is not None else code


def _babel_locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


# --- translation memory ---------------------------------------------------------------------------


def memory(articles: Iterable[Article], code: str) -> dict[str, tuple[str, str]]:
    """What `code` already translated: original text (NFC) → (translation, slug), from every article translated into it.

    A confirmed translation is preferred to one that is not; among equals, the first article (newest first) wins.
    """
    found: dict[str, tuple[int, str, str]] = {}
    for article in articles:
        text = article.texts.get(code)
        if text is None or article.data.original == code:
            continue
        originals = {path: value for path, _, value in text_fields(article, article.texts[article.data.original]) if value}
        states = review_states(article, code)
        for path, _, value in text_fields(article, text):
            if value and path in originals:
                rank = 0 if states.get(path) == "confirmed" else 1
                key = _nfc(originals[path])
                if key not in found or rank < found[key][0]:
                    found[key] = (rank, value, article.slug)
    return {key: (value, slug) for key, (_, value, slug) in found.items()}


# --- export ---------------------------------------------------------------------------------------


def _original_places(article: Article) -> tuple[str, dict[str, int]]:
    """The original's file as messages name it, and the line of each of its texts, by path."""
    original = article.data.original
    doc = article.positions.get(original)
    places = {path: loc for path, loc, _ in text_fields(article, article.texts[original])}
    if doc is None:
        return f"{article.folder}/{original}.yaml", dict.fromkeys(places, 1)
    return doc.path, {path: doc.where(loc)[0] for path, loc in places.items()}


def _glossary_notes(source: LocalizedArticle, target: LocalizedArticle, text: str) -> list[str]:
    """The glossary terms an original text names (as the original's view links them), each with its agreed
    translation in the target locale, or that it has none yet."""
    named = terms_in(source, text)
    if not named:
        return []
    code = target.locale
    theirs_by_id = {t.id: t for t in target.terms}
    out = []
    for term in source.terms:
        if term.id not in named:
            continue
        theirs = theirs_by_id.get(term.id)
        if theirs is not None and theirs.term.code == code:
            extra = f" ({theirs.transliteration})" if theirs.transliteration else ""
            forms = f"; forms: {', '.join(theirs.forms)}" if theirs.forms else ""
            out.append(f"glossary: {term.term} → {theirs.term}{extra}{forms} (agreed translation)")
        else:
            out.append(f"glossary: {term.term} → not translated in {code} yet (glossary.{term.id}.term)")
    return out


def _previous_msgid(message: Message) -> str | None:
    """The `#| msgid` of an entry: Babel's reader keeps the `#|` lines as translator comments (`| msgid ""` …)."""
    quoted: list[str] = []
    inside = False
    for comment in message.user_comments:
        line = comment[1:].strip() if comment.startswith("|") else ""
        if line.startswith("msgid "):
            inside, quoted = True, [line.removeprefix("msgid ")]
        elif line.startswith(("msgctxt ", "msgid_plural ")) or not line.startswith('"'):
            inside = False
        elif inside:
            quoted.append(line)
    return denormalize("\n".join(quoted)) if quoted else None


def previous_originals(previous: Catalog | None, recorded: Mapping[str, str]) -> dict[str, str]:
    """The originals a translation was confirmed against, where an earlier catalog still has them, by path.

    As msgmerge keeps the old msgid: an entry whose msgid (or `#| msgid`) has the fingerprint the confirmation
    recorded is the original that was translated.
    """
    out: dict[str, str] = {}
    if previous is None:
        return out
    for message in previous:
        path = message.context
        if not message.id or not isinstance(message.id, str) or path is None or path not in recorded:
            continue
        want = original_print(recorded[path])
        for candidate in (message.id, _previous_msgid(message)):
            if isinstance(candidate, str) and candidate and fingerprint(candidate) == want:
                out[path] = candidate
    return out


def build_catalog(
    article: Article,
    code: str,
    tm: Mapping[str, tuple[str, str]] | None = None,
    previous: Mapping[str, str] | None = None,
) -> Catalog:
    """The catalog of `article`'s text in `code`: pure, from the validated article (and its positions).

    `tm` is the translation memory (see memory()); `previous` the originals the stale translations were confirmed
    against (see previous_originals()), for `#| msgid`.
    """
    original = article.data.original
    day = (article.data.updated or article.data.published).day
    stamp = datetime(day.year, day.month, day.day, tzinfo=UTC)  # deterministic: the same article gives the same catalog
    text = article.texts.get(code)
    catalog = Catalog(
        locale=_babel_locale(code),
        project=article.slug,
        header_comment=(
            f"# {article.slug}: the explainer's text in {code}.\n"
            "# Written by `make po`, read back by `make po-import`.\n"
            "# Translate each msgstr; remove the fuzzy flag of each\n"
            "# entry you checked: importing confirms the non-fuzzy ones.\n"
            "# Plain text only (no HTML, no Markdown); leave msgctxt as is."
        ),
        version=str(article.data.updated or article.data.published),
        msgid_bugs_address="maintainers@users.noreply.example",
        last_translator=", ".join(t.name for t in text.translators) if text and text.translators else "not yet translated",
        language_team=_language_name(code),
        creation_date=stamp,
        revision_date=stamp,
        fuzzy=False,
        charset="utf-8",
    )
    file, lines = _original_places(article)
    originals = {path: value for path, _, value in text_fields(article, article.texts[original]) if value}
    states = review_states(article, code)
    omitted = text.omitted() if text else {}
    divergences = text.divergences if text else {}
    previous = previous or {}
    memory_ = tm or {}
    source_view, target_view = localize(article, original), localize(article, code)
    for path, _, value in text_fields(article, text):
        source = originals.get(path)
        if source is None:
            continue
        state = states[path]
        comments = _glossary_notes(source_view, target_view, source)
        divergence = divergences.get(path)
        if divergence is not None:
            accepts = f"; accepts: {', '.join(divergence.accepts)}" if divergence.accepts else ""
            comments.append(f"accepted divergence ({divergence.date}): {' '.join(divergence.reason.split())}{accepts}")
        flags: set[str] = set()
        string = value or ""
        previous_id: str | None = None
        if state == "omitted":
            comments.append(f"left out of this translation on purpose (shown in the original): {omitted[path]}")
            string = ""
        elif state == "missing" and _nfc(source) in memory_:
            suggestion, slug = memory_[_nfc(source)]
            if slug != article.slug:
                string = suggestion
                flags.add("fuzzy")
                comments.append(f"suggestion of the translation memory: the same original as translated in {slug}")
        elif state == "stale":
            flags.add("fuzzy")
            previous_id = previous.get(path)
            comments.append(WHY_FUZZY["stale" if previous_id else "stale-unknown"])
        elif state in ("changed", "unconfirmed"):
            flags.add("fuzzy")
            comments.append(WHY_FUZZY[state])
        catalog.add(
            source,
            string,
            locations=[(file, lines.get(path, 1))],
            flags=flags,
            auto_comments=comments,
            previous_id=previous_id or (),
            context=path,
        )
    return catalog


def po_bytes(catalog: Catalog) -> bytes:
    """The catalog as a PO file, as Babel writes it, with `#| msgctxt` and `#| msgid` before each stale entry.

    Babel 2.19 writes a previous msgid through its comment wrapper, which joins the quoted lines of a long one into
    lines msgfmt cannot read (and leaves out `#| msgctxt`); the previous original is written here, quoted by Babel's
    own `normalize`, in the form msgmerge gives it.
    """
    previous = {message.context: message.previous_id[0] for message in catalog if message.id and message.previous_id}
    out: list[str] = []
    for line in generate_po(catalog, width=76, include_previous=False, ignore_obsolete=True):
        context = line.removeprefix("msgctxt ").strip() if line.startswith("msgctxt ") else None
        if context is not None:
            path = json.loads(context)
            if path in previous:
                quoted = normalize(previous[path], width=76).split("\n")
                out += [f"#| msgctxt {context}\n", f"#| msgid {quoted[0]}\n", *(f"#| {q}\n" for q in quoted[1:])]
        out.append(line)
    return "".join(out).encode("utf-8")


# --- import ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imported:
    """What importing one catalog changes: the locale file's new text, and what the translator did."""

    file: Path
    yaml_text: str
    written: int
    confirmed: int
    fuzzy: int


def read_catalog(data: bytes, display: str) -> tuple[Catalog | None, list[Problem]]:
    """Parse a PO file strictly: a syntax error is a problem at its line, not a half-read catalog."""
    try:
        return read_po(io.BytesIO(data), abort_invalid=True, charset="utf-8"), []
    except PoFileError as exc:
        line = getattr(exc, "lineno", 1) or 1
        return None, [Problem(display, line, 1, "", f"not a valid PO catalog: {exc}")]
    except (UnicodeDecodeError, ValueError) as exc:
        return None, [Problem(display, 1, 1, "", f"not a valid PO catalog in UTF-8: {exc}")]


def check_catalog(catalog: Catalog, article: Article, code: str, display: str) -> tuple[dict[str, str], dict[str, bool], list[Problem]]:
    """The translations a catalog gives by path, which are fuzzy, and every problem in it.

    Refused: an entry whose msgctxt names no text of the article, whose msgid is not the current original, a
    plural, a second entry for a text, markup in a translation, characters that are not text.
    """
    originals = {path: value for path, _, value in text_fields(article, article.texts[article.data.original]) if value}
    problems: list[Problem] = []
    strings: dict[str, str] = {}
    fuzzy: dict[str, bool] = {}
    export = f"`make po LOCALE={code} ARTICLE={article.slug}`"
    for message in catalog:
        if not message.id:
            continue
        line = message.lineno or 1
        path = message.context
        if path is None or path not in originals:
            known = ", ".join(list(originals)[:4])
            problems.append(
                Problem(
                    display,
                    line,
                    1,
                    "msgctxt",
                    f"{path!r} names no text of {article.slug} (msgctxt is the text's path, such as {known} …); "
                    f"leave msgctxt as {export} wrote it",
                )
            )
            continue
        if path in strings:
            problems.append(Problem(display, line, 1, "msgctxt", f"a second entry for {path}; keep one"))
            continue
        if not isinstance(message.string, str) or not isinstance(message.id, str):
            problems.append(Problem(display, line, 1, path, "a plural entry; article text has no plural forms"))
            continue
        if _nfc(message.id) != _nfc(originals[path]):
            problems.append(
                Problem(
                    display,
                    line,
                    1,
                    path,
                    "msgid is not the current original of this text (the original changed since the catalog was "
                    f"exported, or the msgid was edited); run {export} again: it keeps your translations",
                )
            )
            continue
        string = message.string
        found = [m.group(0) for m in MARKUP.finditer(string) if m.group(0) not in message.id]
        if found:
            problems.append(
                Problem(
                    display,
                    line,
                    1,
                    path,
                    f"msgstr contains markup ({', '.join(dict.fromkeys(found))}): article text is plain text, shown as typed; "
                    "remove the markup",
                )
            )
            continue
        bad = text_problem(string) if string else None
        if bad is not None:
            problems.append(Problem(display, line, 1, path, f"msgstr: {bad[1]}"))
            continue
        strings[path] = string
        fuzzy[path] = message.fuzzy
    return strings, fuzzy, problems


def _yaml() -> YAML:
    """ruamel.yaml in round-trip mode, writing as the locale files are written: 2-space maps, `  - ` lists, long lines."""
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def _insert_in_order(parent: CommentedMap, key: str, value: Any, order: Sequence[str]) -> None:
    """Set parent[key], a new key going after the keys that come before it in `order` (the model's field order)."""
    if key in parent:
        parent[key] = value
        return
    before = order[: order.index(key)] if key in order else order
    position = max((i + 1 for i, k in enumerate(parent) if k in before), default=0)
    parent.insert(position, key, value)


def _item(seq: CommentedSeq, item_id: str, ids_in_order: Sequence[str], make: Any) -> CommentedMap:
    """The list item with this id, added in the original's order when the translation lacks it."""
    for entry in seq:
        if isinstance(entry, CommentedMap) and entry.get("id") == item_id:
            return entry
    later = set(ids_in_order[ids_in_order.index(item_id) + 1 :])
    position = next((i for i, entry in enumerate(seq) if isinstance(entry, dict) and entry.get("id") in later), len(seq))
    new = make()
    seq.insert(position, new)
    return new  # type: ignore[no-any-return]


TOP_ORDER = ("title", "standfirst", "summary", "translators", "sections", "timeline", "glossary", "key_facts", "notes", "claims", "figures")


def set_text(doc: CommentedMap, article: Article, path: str, value: str) -> None:
    """Write one translation into a locale file's YAML tree at the text's path, making the places it lacks."""
    original = article.texts[article.data.original]
    scalar = DoubleQuotedScalarString(value)
    parts = path.split(".")
    if len(parts) == 1:
        _insert_in_order(doc, path, scalar, TOP_ORDER)
        return
    if parts[0] == "sections":
        section_id, key = parts[1], parts[2]
        if not isinstance(doc.get("sections"), list):
            _insert_in_order(doc, "sections", CommentedSeq(), TOP_ORDER)
        source = next(s for s in original.sections if s.id == section_id)
        section = _item(doc["sections"], section_id, [s.id for s in original.sections], lambda: CommentedMap(id=section_id))
        if key == "heading":
            _insert_in_order(section, "heading", scalar, ("id", "heading", "paragraphs"))
            return
        if not isinstance(section.get("paragraphs"), list):
            _insert_in_order(section, "paragraphs", CommentedSeq(), ("id", "heading", "paragraphs"))
        paragraph = _item(section["paragraphs"], key, [p.id for p in source.paragraphs], lambda: CommentedMap(id=key))
        _insert_in_order(paragraph, "text", scalar, ("id", "verbatim", "text", "omitted"))
        return
    name, item_id, key = parts
    if not isinstance(doc.get(name), dict):
        _insert_in_order(doc, name, CommentedMap(), TOP_ORDER)
    entries = doc[name]
    if not isinstance(entries.get(item_id), dict):
        entries[item_id] = CommentedMap()
    entry = entries[item_id]
    _insert_in_order(entry, key, scalar, ("term", "label", "description", "text", "alt", "caption"))


def apply_catalog(
    yaml_text: str | None, article: Article, code: str, strings: Mapping[str, str], fuzzy: Mapping[str, bool]
) -> tuple[str, int, int]:
    """The locale file with the catalog's non-fuzzy translations written in and exactly those confirmed.

    Returns (new text, texts written, texts confirmed). Comments, order and the other fields stay as they were.
    """
    yaml = _yaml()
    doc = yaml.load(yaml_text) if yaml_text and yaml_text.strip() else None
    if not isinstance(doc, CommentedMap):
        doc = CommentedMap()
    recorded = dict(article.texts[code].fingerprints) if code in article.texts else {}
    current = {path: value for path, _, value in text_fields(article, article.texts.get(code))}
    originals = {path: value for path, _, value in text_fields(article, article.texts[article.data.original]) if value}
    written = confirmed = 0
    for path, string in strings.items():
        if fuzzy[path]:
            # Not reviewed: left as the YAML has it, and no longer counted as confirmed if it was.
            if original_print(recorded.get(path)) == fingerprint(originals[path]):
                recorded.pop(path, None)
            continue
        if not string:
            continue
        if current.get(path) != string:
            set_text(doc, article, path, string)
            written += 1
        recorded[path] = confirmation(originals[path], string)
        confirmed += 1
    doc.pop("fingerprints", None)
    out = io.StringIO()
    if doc:
        yaml.dump(doc, out)
    body = out.getvalue()
    if not yaml_text:
        body = "# yaml-language-server: $schema=../../schema/locale.schema.json\n" + body
    ordered = {path: recorded[path] for path in originals if path in recorded}
    return with_fingerprints(body, ordered), written, confirmed


# --- the edges: files ------------------------------------------------------------------------------


def _chosen(project: Project, articles: list[Article], code: str, slug: str | None) -> list[Article]:
    if code not in project.codes:
        raise ConfigError(f"locale {code!r} is not configured in locales/locales.yml; expected one of {', '.join(project.codes)}")
    if slug is None:
        return [a for a in articles if a.data.original != code]
    chosen = [a for a in articles if a.slug == slug]
    if not chosen:
        raise ConfigError(f"no article {slug!r} in {project.articles_dir.name}/")
    if chosen[0].data.original == code:
        raise ConfigError(f"{chosen[0].folder} is written in {code}: its original needs no catalog")
    return chosen


def _previous_catalog(file: Path) -> Catalog | None:
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        return None
    catalog, problems = read_catalog(data, str(file))
    return None if problems else catalog


def export_catalogs(project: Project, articles: list[Article], code: str, slug: str | None = None) -> list[Path]:
    """Write po/<code>/<slug>.po for each article (or the one named); return the files written."""
    chosen = _chosen(project, articles, code, slug)
    tm = memory(articles, code)
    written = []
    for article in chosen:
        file = catalog_path(project, code, article.slug)
        recorded = article.texts[code].fingerprints if code in article.texts else {}
        previous = previous_originals(_previous_catalog(file), recorded)
        previous |= {p: t for p, t in git_previous_originals(project, article, recorded).items() if p not in previous}
        write_atomic(file, po_bytes(build_catalog(article, code, tm, previous)))
        written.append(file)
    for name, data in (("glossary.csv", termbase_csv(articles, code).encode("utf-8")), ("glossary.tbx", termbase_tbx(articles, code))):
        write_atomic(project.root / CATALOG_DIR / code / name, data)
        written.append(project.root / CATALOG_DIR / code / name)
    return written


def import_catalogs(project: Project, articles: list[Article], code: str, slug: str | None = None) -> list[Imported]:
    """Read po/<code>/<slug>.po of each article (or the one named) back into <code>.yaml, all or nothing.

    Every catalog is checked, and every new locale file validated as the build validates it (the same
    file:line errors), before any file is written; one problem anywhere and nothing is.
    """
    chosen = _chosen(project, articles, code, slug)
    problems: list[Problem] = []
    results: list[Imported] = []
    names = frozenset(a.folder.rsplit("/", 1)[-1] for a in articles)
    for article in chosen:
        file = catalog_path(project, code, article.slug)
        display = shown(project, file)
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            if slug is None:
                continue  # not exported, or not translated in a catalog: nothing to import
            problems.append(Problem(display, 1, 1, "", f"no catalog: `make po LOCALE={code} ARTICLE={article.slug}` writes it"))
            continue
        catalog, found = read_catalog(data, display)
        if catalog is None:
            problems += found
            continue
        strings, fuzzy, found = check_catalog(catalog, article, code, display)
        problems += found
        if found:
            continue
        target = project.root / article.folder / f"{code}.yaml"
        before = target.read_text(encoding="utf-8") if target.is_file() else None
        new, written, confirmed = apply_catalog(before, article, code, strings, fuzzy)
        problems += _validate(project, article, code, new, names)
        results.append(Imported(target, new, written, confirmed, sum(1 for path in fuzzy if fuzzy[path])))
    if problems:
        raise DataError(problems)
    for result in results:
        write_atomic(result.file, result.yaml_text.encode("utf-8"))
    return results


def _validate(project: Project, article: Article, code: str, yaml_text: str, names: frozenset[str]) -> list[Problem]:
    """Validate the article as it would be with this locale file: the build's own checks and messages."""
    folder = project.root / article.folder
    files = read_article_folder(folder, shown(project, folder))
    display = f"{files.shown}/{code}.yaml"
    doc, problems = parse_yaml(yaml_text.encode("utf-8"), display)
    if doc is None:
        return problems
    _, found = validate_article(replace(files, texts={**files.texts, code: doc}), project, names, build_time())
    return problems + found


def git_previous_originals(project: Project, article: Article, recorded: Mapping[str, str], depth: int = 50) -> dict[str, str]:
    """The originals stale translations were confirmed against, found in the git history of the original's file.

    Where no catalog kept the old msgid, the repository did: the newest earlier version of the file whose text
    at the path has the recorded fingerprint. Nothing when the project is not a git repository.
    """
    original = article.data.original
    current = {path: fingerprint(v) for path, _, v in text_fields(article, article.texts[original]) if v}
    wanted = {path: original_print(value) for path, value in recorded.items() if path in current}
    stale = {path: want for path, want in wanted.items() if want is not None and current[path] != want}
    if not stale:
        return {}
    rel = f"{article.folder}/{original}.yaml"
    try:
        log = subprocess.run(
            ["git", "log", f"-{depth}", "--format=%H", "--", rel], cwd=project.root, capture_output=True, text=True, check=True, timeout=30
        )
    except (OSError, subprocess.SubprocessError):
        return {}
    found: dict[str, str] = {}
    for commit in log.stdout.split():
        try:
            blob = subprocess.run(["git", "show", f"{commit}:{rel}"], cwd=project.root, capture_output=True, check=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            continue
        doc, _ = parse_yaml(blob.stdout, rel)
        if doc is None:
            continue
        for path, text in _texts_of(doc.data).items():
            want = stale.get(path)
            if want is not None and path not in found and fingerprint(text) == want:
                found[path] = text
        if len(found) == len(stale):
            break
    return found


def _texts_of(data: Any) -> dict[str, str]:
    """The texts of a raw locale document by path (unvalidated: an old version may not fit today's model)."""
    out: dict[str, str] = {}
    if not isinstance(data, dict):
        return out
    for key in ("title", "standfirst", "summary"):
        if isinstance(data.get(key), str):
            out[key] = data[key]
    for section in data.get("sections") or []:
        if not isinstance(section, dict):
            continue
        sid = section.get("id")
        if isinstance(section.get("heading"), str):
            out[f"sections.{sid}.heading"] = section["heading"]
        for paragraph in section.get("paragraphs") or []:
            if isinstance(paragraph, dict) and isinstance(paragraph.get("text"), str):
                out[f"sections.{sid}.{paragraph.get('id')}"] = paragraph["text"]
    for name, entries in data.items():
        if isinstance(entries, dict) and name not in ("fingerprints", "divergences"):
            for item_id, entry in entries.items():
                if isinstance(entry, dict):
                    out |= {f"{name}.{item_id}.{k}": v for k, v in entry.items() if isinstance(v, str)}
    return out


# --- the glossary as a termbase -------------------------------------------------------------------

TERMBASE_COLUMNS = ("transliteration", "definition ({original})", "definition ({code})", "article", "id")


@dataclass(frozen=True)
class TermRow:
    """A glossary term of one article: the original's spelling and definition, and the agreed translation's."""

    source: str
    target: str
    transliteration: str
    definition: str
    target_definition: str
    slug: str
    id: str


def term_rows(articles: Iterable[Article], code: str) -> tuple[str, list[TermRow]]:
    """The source locale (the first article's original; one per termbase) and every glossary term written in it."""
    rows: list[TermRow] = []
    source_locale = ""
    for article in articles:
        original = article.data.original
        if original == code or original != (source_locale := source_locale or original):
            continue
        theirs, mine = article.texts[original].glossary, article.texts[code].glossary if code in article.texts else {}
        for entry in article.data.glossary:
            src, tgt = theirs.get(entry.id), mine.get(entry.id)
            if src is None or not src.term:
                continue
            rows.append(
                TermRow(
                    src.term,
                    (tgt.term or "") if tgt else "",
                    (tgt.transliteration or "") if tgt else "",
                    " ".join((src.definition or "").split()),
                    " ".join(((tgt.definition or "") if tgt else "").split()),
                    article.slug,
                    entry.id,
                )
            )
    return source_locale or "und", rows


def termbase_csv(articles: Iterable[Article], code: str) -> str:
    """The glossary as a CSV termbase (Poedit, OmegaT and Weblate import it): source term, agreed translation, then
    what helps choose it."""
    source, rows = term_rows(articles, code)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([source, code, *(c.format(original=source, code=code) for c in TERMBASE_COLUMNS)])
    writer.writerows([r.source, r.target, r.transliteration, r.definition, r.target_definition, r.slug, r.id] for r in rows)
    return out.getvalue()


def termbase_tbx(articles: Iterable[Article], code: str) -> bytes:
    """The glossary as a TBX termbase (ISO 30042, TBX-Basic's shape): one termEntry per term, a langSet per locale."""
    source, rows = term_rows(articles, code)
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    martif = ET.Element("martif", {"type": "TBX", lang: source})
    ET.SubElement(
        ET.SubElement(ET.SubElement(ET.SubElement(martif, "martifHeader"), "fileDesc"), "sourceDesc"), "p"
    ).text = f"Glossary terms of the explainers in {source}, with their agreed translation in {code} (make po)."
    body = ET.SubElement(ET.SubElement(martif, "text"), "body")
    for row in rows:
        entry = ET.SubElement(body, "termEntry", {"id": f"{row.slug}--{row.id}"})
        for locale, term, definition in ((source, row.source, row.definition), (code, row.target, row.target_definition)):
            if not term:
                continue
            lang_set = ET.SubElement(entry, "langSet", {lang: locale})
            if definition:
                ET.SubElement(lang_set, "descrip", {"type": "definition"}).text = definition
            ET.SubElement(ET.SubElement(lang_set, "tig"), "term").text = term
    ET.indent(martif)
    xml: bytes = ET.tostring(martif, encoding="utf-8", xml_declaration=False)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + xml + b"\n"


# --- pofilter: the checks of translate-toolkit ---------------------------------------------------------

#: pofilter's tests that compare what a translation must carry over: numbers, placeholders, punctuation, addresses.
POFILTER_TESTS = ("numbers", "printf", "pythonbraceformat", "variables", "urls", "emails", "endpunc", "puncspacing")


@dataclass(frozen=True)
class FilterFinding:
    """One pofilter finding, at the catalog entry (file, line) of a text (msgctxt)."""

    file: str
    line: int
    path: str
    test: str
    message: str


#: Sentence ends of the scripts of India that pofilter does not know as full stops.
FULL_STOPS = str.maketrans({"।": ".", "॥": ".", "۔": ".", "᱾": "."})


def _full_stop(text: str) -> str:
    return text.rstrip()[-1:].translate(FULL_STOPS)


def pofilter_findings(catalogs: Sequence[Path], code: str, root: Path) -> list[FilterFinding]:
    """Run translate-toolkit's pofilter on the catalogs (non-fuzzy entries) and read its findings back."""
    tool = shutil.which("pofilter") or str(Path(sys.executable).parent / "pofilter")
    findings: list[FilterFinding] = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, file in enumerate(catalogs):
            out = Path(tmp) / f"{n}.po"
            args = [
                tool,
                "--nofuzzy",
                "--progress=none",
                f"--language={code}",
                *(f"--test={t}" for t in POFILTER_TESTS),
                str(file),
                str(out),
            ]
            try:
                subprocess.run(args, capture_output=True, check=True, timeout=300)
            except FileNotFoundError:
                raise ConfigError(
                    "pofilter (translate-toolkit) is not installed: run `make test` or pip install -r requirements-dev.txt"
                ) from None
            except subprocess.CalledProcessError as exc:
                raise ConfigError(f"pofilter failed on {file}: {exc.stderr.decode('utf-8', 'replace').strip()}") from None
            if not out.is_file():
                continue
            with out.open("rb") as fd:
                filtered = read_po(fd)
            with file.open("rb") as fd:
                lines = {m.context: m.lineno for m in read_po(fd) if m.id}
            shown_file = file.relative_to(root).as_posix() if file.is_relative_to(root) else str(file)
            for message in filtered:
                if not message.id:
                    continue
                for comment in message.user_comments:
                    test, _, text = comment.removeprefix("(pofilter) ").partition(": ")
                    if test == "endpunc" and _full_stop(str(message.id)) == _full_stop(str(message.string)):
                        continue  # a danda (।) or an Urdu full stop (۔) ends a sentence as a full stop does
                    if comment.startswith("(pofilter)"):
                        findings.append(FilterFinding(shown_file, lines.get(message.context) or 1, str(message.context), test, text))
    return findings
