"""The translators' workflow: add a locale, and report what is untranslated or out of date."""

from __future__ import annotations

import difflib
import json
import logging
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.pofile import read_po

from .config import LOCALES_FILE, Project
from .errors import BuildError, ConfigError
from .fonts import font_report, warn_missing_font
from .i18n import THEME_KEYS, check_catalog, theme_chain
from .l10n import canonical_tag, catalog_folder
from .locales import SiteLocale
from .model import Article
from .translation import ENTRY_TEXTS, REVIEW_STATES, ReviewState, confirmed_fingerprints, review_states, text_fields, with_fingerprints

log = logging.getLogger(__name__)

# --- adding a locale ------------------------------------------------------------------------------


def theme_report(locale: SiteLocale) -> str:
    """Where the theme's strings (Material's: skip link, search, table of contents …) of a locale come from."""
    code = locale.code
    chain = theme_chain(code)
    if chain[0] == code:
        return f"theme strings for {code}: Material's {code} translation (copied into the catalog, for review)"
    rest = " then ".join(chain)
    return (
        f"theme strings for {code}: Material has no {code} translation; translate the {len(THEME_KEYS)} entries with a msgctxt "
        f"in locales/{catalog_folder(code)}/LC_MESSAGES/messages.po; until then they fall back to Material's {rest}"
    )


#: Where the scaffold wraps the original's text in its comments: short enough for a side-by-side diff.
COMMENT_WIDTH = 100


def _comment(code: str, text: str | None, indent: str) -> list[str]:
    """The whole text as a YAML comment block, wrapped at word boundaries and never cut: `# en: …`, then `#     …`."""
    if not text:
        return []
    head = f"{indent}# {code}: "
    lines = textwrap.wrap(
        " ".join(text.split()),
        width=max(COMMENT_WIDTH - len(head), 40),
        break_long_words=False,
        break_on_hyphens=False,
    )
    return [head + lines[0], *(f"{indent}#{' ' * (len(head) - len(indent) - 1)}{line}" for line in lines[1:])]


def scaffold(article: Article, locale: SiteLocale, helper: SiteLocale | None) -> str:
    """A locale file for `locale` with every text empty, each preceded by the whole original (and helper) text.

    Which texts there are is the model's to say (translation.text_fields, from TRANSLATED and OPTIONAL): a text
    field declared there is scaffolded without a change here.
    """
    name = locale.babel.get_display_name("en")
    original = article.data.original
    out = [
        "# yaml-language-server: $schema=../../schema/locale.schema.json",
        f"# {name} text of this explainer. Fill each empty value; the comment above it shows the original ({original})"
        + (f" and the {helper.code} text." if helper else "."),
        "# An empty value is not translated yet: the page shows the fallback text there, with a notice.",
        f"# Then run `make confirm LOCALE={locale.code}` to record which version of the original you translated.",
    ]
    # The original's texts, and the helper locale's own translations (not its fallbacks), by path.
    codes = (original, helper.code) if helper else (original,)
    texts = {c: {path: value for path, _, value in text_fields(article, article.texts.get(c)) if value} for c in codes}
    paths = list(texts[original])

    def field(path: str, key: str, indent: str) -> None:
        for c in texts:
            out.extend(_comment(c, texts[c].get(path), indent))
        out.append(f"{indent}{key}:")

    for path in paths:
        if "." not in path:  # title, standfirst, summary: in the model's order
            field(path, path, "")
    source = article.texts[original]
    if source.sections:
        out.append("sections:")
    for s in source.sections:
        out.append(f"  - id: {s.id}")
        if f"sections.{s.id}.heading" in texts[original]:
            field(f"sections.{s.id}.heading", "heading", "    ")
        out.append("    paragraphs:")
        for p in s.paragraphs:
            out.append(f"      - id: {p.id}")
            field(f"sections.{s.id}.{p.id}", "text", "        ")
    for list_name, _ in ENTRY_TEXTS:
        items = [item.id for item in getattr(article.data, list_name)]
        if not items:
            continue
        out.append(f"{list_name}:")
        for i in items:
            out.append(f"  {i}:")
            prefix = f"{list_name}.{i}."
            for path in paths:
                if path.startswith(prefix):
                    field(path, path.removeprefix(prefix), "    ")
            if list_name == "glossary":
                out += ["    forms: []", "    transliteration:"]
    return "\n".join(out) + "\n"


def add_locale(project: Project, articles: list[Article], code: str, fallback: str | None) -> list[Path]:
    """Configure a new draft locale and scaffold its text for every article; return the files written.

    `code` is a BCP 47 tag in either spelling (pt-BR, pt_BR); the configuration and file names get the
    tag (see config.canonical_tag). Logs where the theme's strings will come from.
    """
    try:
        code = canonical_tag(code)
        fallback = canonical_tag(fallback) if fallback is not None else None
    except ValueError as exc:
        raise ConfigError(str(exc)) from exc
    if fallback is not None and fallback not in project.codes:
        raise ConfigError(f"fallback {fallback!r} is not one of the locales ({', '.join(project.codes)})")
    locale = SiteLocale(code, "draft")
    if not warn_missing_font(locale):
        log.info("%s", font_report(locale))
    log.info("%s", theme_report(locale))
    helper = project.locale(fallback) if fallback is not None else None
    written: list[Path] = []
    if code not in project.codes:
        config = project.root / LOCALES_FILE
        text = config.read_text(encoding="utf-8").rstrip("\n")
        # Quoted: a code is text whichever YAML rules read it (`no:` is false in YAML 1.1).
        entry = f"\n  {json.dumps(code)}:\n    status: draft" + (f"\n    fallback: {json.dumps(fallback)}" if fallback else "")
        config.write_text(text + entry + "\n", encoding="utf-8")
        written.append(config)
    for article in articles:
        file = project.root / article.folder / f"{code}.yaml"
        if not file.exists():
            file.write_text(scaffold(article, locale, helper), encoding="utf-8")
            written.append(file)
    return written


# --- the status report ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Coverage:
    """How much of an article one locale has translated, and how much of it was reviewed: each text's review state."""

    states: dict[str, ReviewState] = field(default_factory=dict)

    def paths(self, *states: ReviewState) -> list[str]:
        return [path for path, state in self.states.items() if state in states]

    @property
    def total(self) -> int:
        return len(self.states)

    @property
    def missing(self) -> list[str]:
        return self.paths("missing")

    @property
    def omitted(self) -> list[str]:
        """Left out on purpose (`omitted:`): shown in the original, never missing, not counted as translated."""
        return self.paths("omitted")

    @property
    def stale(self) -> list[str]:
        """Translated but not reviewed as it stands: never confirmed, the original changed, or edited since review."""
        return self.paths("unconfirmed", "stale", "changed")

    @property
    def translated(self) -> int:
        """Texts with a translation of their own, reviewed or not."""
        return len(self.paths("confirmed", "unconfirmed", "stale", "changed"))

    def count(self, state: ReviewState) -> int:
        return len(self.paths(state))


def coverage(article: Article, locale: str) -> Coverage:
    """The review state of every text of the article in a locale; the original is complete and confirmed by definition."""
    return Coverage(review_states(article, locale))


@dataclass(frozen=True)
class CatalogStatus:
    locale: str
    total: int
    translated: int
    fuzzy: int
    #: (line in messages.po, msgid) of every string not translated or fuzzy.
    untranslated: tuple[tuple[int, str], ...] = ()

    @property
    def missing(self) -> int:
        return self.total - self.translated - self.fuzzy


def catalog_status(project: Project, code: str) -> CatalogStatus:
    """Interface strings of a locale; fuzzy entries count as untranslated (pybabel compile skips them)."""
    po = project.locales_dir / catalog_folder(code) / "LC_MESSAGES" / "messages.po"
    if not po.is_file():
        pot = project.locales_dir / "messages.pot"
        with pot.open("rb") as fd:
            total = sum(1 for m in read_po(fd) if m.id)
        return CatalogStatus(code, total, 0, 0)
    catalog, problems = check_catalog(po.relative_to(project.root), po.read_bytes())
    if catalog is None or problems:  # a catalog that would not compile is not "translated", whatever it holds
        raise BuildError("\n".join(problems) + f"\n{len(problems)} problem(s) in the catalog; fix them before counting")
    messages = [m for m in catalog if m.id]
    fuzzy = sum(1 for m in messages if m.fuzzy)
    todo = [m for m in messages if m.fuzzy or not all(m.string if isinstance(m.string, tuple) else [m.string])]
    untranslated = tuple((m.lineno or 0, m.id if isinstance(m.id, str) else m.id[0]) for m in todo)
    return CatalogStatus(code, len(messages), len(messages) - len(todo), fuzzy, untranslated)


def catalog_file(code: str) -> str:
    """The interface catalog of a locale, relative to the project: locales/pt_BR/LC_MESSAGES/messages.po."""
    return f"locales/{catalog_folder(code)}/LC_MESSAGES/messages.po"


def interface_problems(project: Project) -> list[str]:
    """Published locales whose interface catalog is incomplete: their pages would show English interface strings.

    `interface: fallback` in locales.yml publishes such a locale on purpose; a draft is never refused.
    """
    problems = []
    for loc in project.locales:
        if loc.status != "published" or loc.interface == "fallback":
            continue
        c = catalog_status(project, loc.code)
        if c.missing or c.fuzzy:
            problems.append(
                f"{catalog_file(loc.code)}: {c.missing + c.fuzzy} of {c.total} interface strings are not translated "
                f"({c.missing} empty, {c.fuzzy} fuzzy), and locale {loc.code!r} is published: its pages would show them in English. "
                f"`make i18n-status` lists them; translate them, make the locale a draft, or publish the English fallback on "
                f"purpose with `interface: fallback` under {loc.code} in {LOCALES_FILE}"
            )
    return problems


def _pct(part: int, total: int) -> str:
    return f"{part} of {total} ({100 * part // total if total else 100}%)"


#: The columns of the article table after article, locale and status: each counts texts in one review state.
STATE_COLUMNS: tuple[tuple[str, ReviewState], ...] = (
    ("confirmed", "confirmed"),
    ("unconfirmed", "unconfirmed"),
    ("stale", "stale"),
    ("changed-since-review", "changed"),
    ("omitted", "omitted"),
    ("missing", "missing"),
)


def status_report(project: Project, articles: list[Article]) -> tuple[str, list[str]]:
    """A table per kind of text, with a legend; and the problems that make a published locale incomplete."""
    problems: list[str] = []
    todo: list[str] = []
    rows: list[tuple[str, ...]] = [("locale", "status", "translated", "missing", "fuzzy")]
    for loc in project.locales:
        c = catalog_status(project, loc.code)
        rows.append((loc.code, loc.status, _pct(c.translated, c.total), str(c.missing), str(c.fuzzy)))
        po = catalog_file(loc.code)
        if loc.status == "published" and (c.missing or c.fuzzy):
            problems.append(f"{po}: {c.missing} missing and {c.fuzzy} fuzzy interface strings")
        if c.untranslated and (project.locales_dir / catalog_folder(loc.code) / "LC_MESSAGES" / "messages.po").is_file():
            todo.append(f"{po}: translate the {len(c.untranslated)} interface string(s) not translated or fuzzy:")
            todo += [f"  {po}:{line}: {json.dumps(msgid, ensure_ascii=False)}" for line, msgid in c.untranslated]
    out = ["Interface strings (locales/<locale>/LC_MESSAGES/messages.po)", _table(rows), ""]
    rows = [("article", "locale", "status", "translated", *(name for name, _ in STATE_COLUMNS))]
    for article in articles:
        for loc in project.locales:
            cov = coverage(article, loc.code)
            status = _article_status(article, loc, cov)
            rows.append(
                (
                    article.slug,
                    loc.code,
                    status,
                    # Of the texts the translation is to have: a complete translation is 100 %, reviewed or not.
                    _pct(cov.translated, cov.total - len(cov.omitted)),
                    *(str(cov.count(state)) for _, state in STATE_COLUMNS),
                )
            )
            if status == "published" and (cov.missing or cov.stale):
                problems.append(
                    f"{article.folder}/{loc.code}.yaml: {len(cov.missing)} missing, {len(cov.stale)} not reviewed"
                    + (f" ({', '.join((cov.missing + cov.stale)[:5])}{', …' if len(cov.missing) + len(cov.stale) > 5 else ''})")
                    + f"; {fix(article, loc.code, cov)}"
                )
            if loc.code != article.data.original and loc.code in article.texts and (cov.missing or cov.stale):
                todo.append(f"{article.folder}/{loc.code}.yaml: {fix(article, loc.code, cov)}")
    legend = ["translated: texts with a translation of their own, of those the locale is to translate (all but omitted)"]
    legend += [f"{name}: {REVIEW_STATES[state]}" for name, state in STATE_COLUMNS]
    out += ["Article text (articles/<slug>/<locale>.yaml)", _table(rows), "", *legend]
    if todo:
        out += ["", "To do", *todo]
    return "\n".join(out) + "\n", problems


def fix(article: Article, code: str, cov: Coverage) -> str:
    """What a translator does about an article's missing or stale texts, with the exact command."""
    confirm = f"make confirm LOCALE={code} ARTICLE={article.slug}"
    if cov.missing:
        return (
            f"translate the {len(cov.missing)} empty text(s) (or mark one the official translation leaves out `omitted:`), "
            f"then run `{confirm}`"
        )
    parts = [
        f"{n} {what}"
        for n, what in (
            (cov.count("unconfirmed"), "unconfirmed"),
            (cov.count("stale"), "stale"),
            (cov.count("changed"), "changed since review"),
        )
        if n
    ]
    return f"check the {' and '.join(parts)} text(s) against the original, update them, then run `{confirm}`"


def _article_status(article: Article, loc: SiteLocale, cov: Coverage) -> str:
    """original, draft, published, or «not published»: a locale that publishes only translated articles
    leaves out those with a text missing (they are listed, not errors)."""
    if loc.code == article.data.original:
        return "original"
    if loc.status == "published" and loc.articles == "translated" and cov.missing:
        return "not published"
    return loc.status


def status_json(project: Project, articles: list[Article]) -> str:
    """The same figures, for tools."""
    data = {
        "interface": {
            loc.code: {"status": loc.status, **vars(catalog_status(project, loc.code))}
            | {"missing": catalog_status(project, loc.code).missing}
            for loc in project.locales
        },
        "content": {
            a.slug: {
                loc.code: {
                    "total": (c := coverage(a, loc.code)).total,
                    "translated": c.translated,
                    "percent_translated": 100 * c.translated // (c.total - len(c.omitted)) if c.total - len(c.omitted) else 100,
                    # Paths by review state (see REVIEW_STATES), and how many.
                    **{state: c.paths(state) for state in REVIEW_STATES},
                    "counts": {state: c.count(state) for state in REVIEW_STATES},
                    "status": _article_status(a, loc, c),
                }
                for loc in project.locales
            }
            for a in articles
        },
    }
    return json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def _table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip() for row in rows)


# --- confirming translations ----------------------------------------------------------------------


def unconfirmed(project: Project, articles: list[Article], code: str) -> list[tuple[str, str, int]]:
    """(file, slug, count) of the translations in `code` with texts not confirmed as they stand: never confirmed,
    the original changed since, or the translation edited since it was reviewed."""
    _configured(project, code)
    out = []
    for article in articles:
        if code != article.data.original and code in article.texts:
            stale = coverage(article, code).stale
            if stale:
                out.append((f"{article.folder}/{code}.yaml", article.slug, len(stale)))
    return out


def confirm(project: Project, articles: list[Article], code: str, slugs: list[str] | None) -> list[tuple[str, int, int]]:
    """Record, in each named article's `code` file, the fingerprints of the originals its texts translate.

    `slugs` None: every article translated in `code`. A slug that is unknown, written in `code` or without
    a `code` file is an error, before anything is written. Returns (file, texts confirmed, of them newly).
    """
    _configured(project, code)
    by_slug = {a.slug: a for a in articles}
    if slugs is None:
        chosen = [a for a in articles if code != a.data.original and code in a.texts]
    else:
        errors = []
        for slug in slugs:
            article = by_slug.get(slug)
            if article is None:
                hint = difflib.get_close_matches(slug, sorted(by_slug), n=1)
                errors.append(f"no article {slug!r}" + (f"; did you mean {hint[0]!r}?" if hint else f" in {project.articles_dir.name}/"))
            elif code == article.data.original:
                errors.append(f"{article.folder} is written in {code}: an original needs no confirmation")
            elif code not in article.texts:
                errors.append(f"{article.folder}/{code}.yaml does not exist: `make locale LOCALE={code}` writes it")
        if errors:
            raise ConfigError("; ".join(errors) + "; nothing was confirmed")
        chosen = [by_slug[s] for s in dict.fromkeys(slugs)]
    done = []
    for article in chosen:
        file = project.root / article.folder / f"{code}.yaml"
        before = article.texts[code].fingerprints
        prints = confirmed_fingerprints(article, code)
        newly = sum(1 for path, value in prints.items() if before.get(path) != value)
        file.write_text(with_fingerprints(file.read_text(encoding="utf-8"), prints), encoding="utf-8")
        done.append((f"{article.folder}/{code}.yaml", len(prints), newly))
    return done


def _configured(project: Project, code: str) -> None:
    if code not in project.codes:
        raise ConfigError(f"locale {code!r} is not configured in {LOCALES_FILE}; expected one of {', '.join(project.codes)}")
